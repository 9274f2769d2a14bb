import type { types } from "@slack/bolt";
import { z } from "zod";
import { escapeMrkdwn } from "../../../../alerts/index.js";
import { type Action, formatHuman, SightlineError } from "../../../../model/index.js";

export const PROPOSE_CALLBACK_ID = "sightline_propose_date";
export const DATE_BLOCK_ID = "date";
export const DATE_ACTION_ID = "date";

/** What the modal carries from the click to its submission (Slack caps private_metadata at 3000 chars). */
export const ProposeMetadataSchema = z.object({
  f: z.string().min(1),
  id: z.string().min(1),
  channel: z.string().nullable(),
  ts: z.string().nullable(),
});
export type ProposeMetadata = z.infer<typeof ProposeMetadataSchema>;

const METADATA_MAX = 3000;

/** The "Propose a new date" modal (https://docs.slack.dev/reference/views/modal-views). */
export function proposeDateView(
  meta: ProposeMetadata,
  dependency: Action,
  dependent: Action | null,
  neededBy: string | null,
): types.ModalView {
  const privateMetadata = JSON.stringify(meta);
  if (privateMetadata.length > METADATA_MAX) {
    throw new SightlineError(
      "slack_metadata_too_long",
      `modal metadata for ${meta.f} exceeds ${METADATA_MAX} characters`,
    );
  }
  const needed = neededBy ? ` by ${formatHuman(neededBy)}` : "";
  const forWhom = dependent ? ` for *${escapeMrkdwn(dependent.title)}*` : "";
  const current = dependency.due ? ` It is due ${formatHuman(dependency.due)} today.` : "";
  return {
    type: "modal",
    callback_id: PROPOSE_CALLBACK_ID,
    private_metadata: privateMetadata,
    title: { type: "plain_text", text: "Propose a new date" },
    submit: { type: "plain_text", text: "Propose" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: `*${escapeMrkdwn(dependency.title)}* is needed${needed}${forWhom}.${current} When can it finish? The date is written back to ${escapeMrkdwn(dependency.source.instance)}.`,
        },
      },
      {
        type: "input",
        block_id: DATE_BLOCK_ID,
        label: { type: "plain_text", text: "New due date" },
        element: {
          type: "datepicker",
          action_id: DATE_ACTION_ID,
          ...(dependency.due ? { initial_date: dependency.due } : {}),
        },
      },
    ],
  };
}
