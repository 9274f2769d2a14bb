import type { types } from "@slack/bolt";
import { z } from "zod";
import type { MessagePrefill } from "../../../../../connectors/registry.js";
import { SightlineError } from "../../../../model/index.js";

/** The message shortcut's callback id, as configured in the Slack app ("Track as action"). */
export const TRACK_CALLBACK_ID = "track_as_action";

export const TRACK_BLOCKS = {
  title: "title",
  owner: "owner",
  start: "start",
  due: "due",
  depends: "depends",
  kpi: "kpi",
} as const;

/** What the modal carries from the shortcut to its submission: the message it was opened on. */
export const TrackMetadataSchema = z.object({ channel: z.string().min(1), ts: z.string().min(1) });
export type TrackMetadata = z.infer<typeof TrackMetadataSchema>;

const TITLE_MAX = 250;
const METADATA_MAX = 3000;

function input(
  blockId: string,
  label: string,
  element: types.InputBlock["element"],
  opts: { optional?: boolean; hint?: string } = {},
): types.InputBlock {
  return {
    type: "input",
    block_id: blockId,
    label: { type: "plain_text", text: label },
    element,
    ...(opts.optional ? { optional: true } : {}),
    ...(opts.hint ? { hint: { type: "plain_text", text: opts.hint } } : {}),
  };
}

/**
 * "Track as action" (https://docs.slack.dev/reference/views/modal-views): prefilled from the message, every
 * field editable. The owner select starts on the first person the message mentions (else its author).
 */
export function trackActionView(
  meta: TrackMetadata,
  prefill: MessagePrefill,
  initialOwner: string | null,
): types.ModalView {
  const privateMetadata = JSON.stringify(meta);
  if (privateMetadata.length > METADATA_MAX) {
    throw new SightlineError("slack_metadata_too_long", `modal metadata exceeds ${METADATA_MAX} characters`);
  }
  const title = prefill.title.slice(0, TITLE_MAX);
  return {
    type: "modal",
    callback_id: TRACK_CALLBACK_ID,
    private_metadata: privateMetadata,
    title: { type: "plain_text", text: "Track as action" },
    submit: { type: "plain_text", text: "Track" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      input(TRACK_BLOCKS.title, "Title", {
        type: "plain_text_input",
        action_id: "value",
        max_length: TITLE_MAX,
        ...(title ? { initial_value: title } : {}),
      }),
      input(TRACK_BLOCKS.owner, "Owner", {
        type: "users_select",
        action_id: "value",
        ...(initialOwner ? { initial_user: initialOwner } : {}),
      }),
      input(
        TRACK_BLOCKS.start,
        "Start",
        { type: "datepicker", action_id: "value", ...(prefill.start ? { initial_date: prefill.start } : {}) },
        { optional: true },
      ),
      input(
        TRACK_BLOCKS.due,
        "Due",
        { type: "datepicker", action_id: "value", ...(prefill.due ? { initial_date: prefill.due } : {}) },
        { optional: true },
      ),
      input(
        TRACK_BLOCKS.depends,
        "Depends on",
        {
          type: "plain_text_input",
          action_id: "value",
          ...(prefill.refs.length > 0 ? { initial_value: prefill.refs.join(", ") } : {}),
          placeholder: { type: "plain_text", text: "PAY-142, QA-9" },
        },
        { optional: true, hint: "Keys or links of the work this waits for, separated by commas." },
      ),
      input(
        TRACK_BLOCKS.kpi,
        "KPI",
        {
          type: "plain_text_input",
          action_id: "value",
          placeholder: { type: "plain_text", text: "arr-payouts" },
        },
        { optional: true, hint: "Keys from the KPI catalog, separated by commas." },
      ),
    ],
  };
}
