import type { App, ViewSubmitAction, webApi } from "@slack/bolt";
import { z } from "zod";
import { escapeMrkdwn } from "../../../../alerts/index.js";
import { liveConflict } from "../../../../jobs/conflict-decisions.js";
import { formatHuman, parseCalendarDate, toDayNumber } from "../../../../model/index.js";
import { isConflictRecipient } from "../../identity.js";
import { mention, tellUser } from "../../replies.js";
import type { SlackHandlerDeps } from "../../slack-deps.js";
import {
  DATE_ACTION_ID,
  DATE_BLOCK_ID,
  PROPOSE_CALLBACK_ID,
  type ProposeMetadata,
  ProposeMetadataSchema,
} from "./propose-date-view.js";

/** The parts of a view_submission payload used here (https://docs.slack.dev/reference/interaction-payloads/view-interactions-payload). */
const SubmissionSchema = z.object({
  type: z.literal("view_submission"),
  user: z.object({ id: z.string().min(1) }),
  view: z.object({
    callback_id: z.literal(PROPOSE_CALLBACK_ID),
    private_metadata: z.string(),
    state: z.object({
      values: z.record(
        z.string(),
        z.record(z.string(), z.looseObject({ selected_date: z.string().nullish() })),
      ),
    }),
  }),
});

type Ack = (response?: { response_action: "errors"; errors: Record<string, string> }) => Promise<void>;

export interface ViewArgs {
  ack: Ack;
  body: unknown;
  client: webApi.WebClient;
}

/** Why the date cannot be proposed, or null when it can; shown under the date picker. */
export function dateProblem(
  selected: string | null | undefined,
  today: string,
  currentDue: string | null,
): string | null {
  if (!selected) return "Pick a date.";
  if (parseCalendarDate(selected) === null) return `${selected} is not a calendar date (YYYY-MM-DD).`;
  if (toDayNumber(selected) < toDayNumber(today)) return `${formatHuman(selected)} is in the past.`;
  if (selected === currentDue) return `${formatHuman(selected)} is already its due date.`;
  return null;
}

/**
 * The submitted proposal: validated before the ack (errors are shown in the modal via response_action), then
 * written back to the dependency's tool after it, with a reply in the alert's thread saying so.
 */
export function register(app: App, deps: SlackHandlerDeps): void {
  app.view<ViewSubmitAction>(
    { type: "view_submission", callback_id: PROPOSE_CALLBACK_ID },
    async ({ ack, body, client }: ViewArgs) => {
      const s = SubmissionSchema.parse(body);
      const userId = s.user.id;
      const meta: ProposeMetadata = ProposeMetadataSchema.parse(JSON.parse(s.view.private_metadata));
      const selected = s.view.state.values[DATE_BLOCK_ID]?.[DATE_ACTION_ID]?.selected_date;
      const refuse = (text: string) => ack({ response_action: "errors", errors: { [DATE_BLOCK_ID]: text } });

      const conflict = await liveConflict(deps.ctx, meta.f);
      if (!conflict) return refuse("This conflict has already cleared: there is nothing to propose.");
      if (!(await isConflictRecipient(deps, conflict, userId))) {
        return refuse("Only the people this conflict was sent to can propose a date.");
      }
      const dependency = await deps.ctx.store.actions.get(meta.id);
      if (!dependency) return refuse(`The action ${meta.id} is no longer in Sightline.`);
      const problem = dateProblem(selected, deps.ctx.today(), dependency.due);
      if (problem || !selected) return refuse(problem ?? "Pick a date.");
      await ack();

      const by = `slack:${userId}`;
      const where = { channelId: meta.channel, userId };
      try {
        const outcome = await deps.work.writeBack({
          actionId: dependency.id,
          change: { due: selected },
          by,
          reason: "propose",
        });
        const how =
          outcome === "written"
            ? `written back to ${dependency.source.instance}`
            : `queued for write-back to ${dependency.source.instance}`;
        const text = `:calendar: ${mention(userId)} proposed ${formatHuman(selected)} for ${escapeMrkdwn(dependency.title)}: ${how}.`;
        if (meta.channel && meta.ts) {
          // https://docs.slack.dev/reference/methods/chat.postMessage (thread_ts: a reply under the alert)
          await client.chat.postMessage({ channel: meta.channel, thread_ts: meta.ts, text });
        } else {
          await tellUser(client, where, text);
        }
        if (outcome === "written") await deps.work.reconcile(`propose of ${dependency.id} by ${by}`);
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        await tellUser(client, where, `Sightline could not propose that date: ${why}`).catch((e: unknown) =>
          deps.log(`slack: could not tell ${userId} about a failure: ${String(e)}`),
        );
        throw error;
      }
    },
  );
}
