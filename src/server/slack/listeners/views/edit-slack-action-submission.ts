import type { App, ViewSubmitAction } from "@slack/bolt";
import type { SlackActionRaw } from "../../../../../connectors/registry.js";
import {
  type Action,
  ActionStatusSchema,
  type Person,
  parseCalendarDate,
  toDayNumber,
} from "../../../../model/index.js";
import { personForSlackUser } from "../../identity.js";
import { tellUser } from "../../replies.js";
import type { SlackHandlerDeps } from "../../slack-deps.js";
import { homeView } from "../events/home-view.js";
import { mayEdit } from "../slack-source/created-by.js";
import { ownerRawOf, resolveSlackUser } from "../slack-source/resolve-fields.js";
import { failureText } from "../slack-source/summary.js";
import { writeSlackAction } from "../slack-source/write-action.js";
import { EDIT_BLOCKS, EDIT_CALLBACK_ID, EditMetadataSchema } from "./edit-slack-action-view.js";
import type { ViewArgs } from "./track-action-submission.js";
import { dateIn, optionIn, submissionSchema, userIn } from "./view-state.js";

const SubmissionSchema = submissionSchema(EDIT_CALLBACK_ID);

/** The stored action with the edit applied, as the raw Slack record: what Slack does not show stays as stored. */
export function editedRaw(
  action: Action,
  change: Pick<SlackActionRaw, "start" | "due" | "status" | "owner">,
  by: string,
  at: string,
): SlackActionRaw {
  return {
    key: action.nativeKey,
    title: action.title,
    status: change.status,
    owner: change.owner,
    team: action.team,
    businessUnit: action.businessUnit,
    program: action.program,
    start: change.start,
    due: change.due,
    kpis: action.kpis,
    dependsOn: action.dependsOn,
    mirrors: action.mirrors,
    link: action.url,
    message: null,
    via: "app_home",
    by,
    at,
  };
}

/**
 * The App Home edit: only the creator or the owner may save it; the change is written through the same
 * path as a creation (history attributed to `slack:<user>`), reconciled, and the App Home refreshed.
 */
export function register(app: App, deps: SlackHandlerDeps): void {
  app.view<ViewSubmitAction>(
    { type: "view_submission", callback_id: EDIT_CALLBACK_ID },
    async ({ ack, body, client }: ViewArgs) => {
      const s = SubmissionSchema.parse(body);
      const userId = s.user.id;
      const { id } = EditMetadataSchema.parse(JSON.parse(s.view.private_metadata));
      const values = s.view.state.values;
      const errors: Record<string, string> = {};
      const refuse = (text: string) =>
        ack({ response_action: "errors", errors: { [EDIT_BLOCKS.status]: text } });

      const action = await deps.ctx.store.actions.get(id);
      if (!action) return refuse(`The action ${id} is no longer in Sightline.`);
      const me = await personForSlackUser(deps, userId);
      if (!(await mayEdit(deps.ctx.store, action, userId, me))) {
        return refuse("Only the person who created this action in Slack, or its owner, can change it here.");
      }
      const start = dateIn(values, EDIT_BLOCKS.start);
      const due = dateIn(values, EDIT_BLOCKS.due);
      for (const [block, d] of [
        [EDIT_BLOCKS.start, start],
        [EDIT_BLOCKS.due, due],
      ] as const) {
        if (d && parseCalendarDate(d) === null) errors[block] = `${d} is not a calendar date (YYYY-MM-DD).`;
      }
      if (!errors[EDIT_BLOCKS.start] && !errors[EDIT_BLOCKS.due] && start && due) {
        if (toDayNumber(start) > toDayNumber(due))
          errors[EDIT_BLOCKS.start] = `The start (${start}) is after the due date (${due}).`;
      }
      const status = ActionStatusSchema.safeParse(optionIn(values, EDIT_BLOCKS.status));
      if (!status.success) errors[EDIT_BLOCKS.status] = "Pick a status.";
      const ownerUser = userIn(values, EDIT_BLOCKS.owner);
      let owner: Person | null = null;
      if (!ownerUser) errors[EDIT_BLOCKS.owner] = "Pick the person who owns this.";
      else {
        const r = await resolveSlackUser(deps, ownerUser, "Owner");
        if (r.ok) owner = r.value;
        else errors[EDIT_BLOCKS.owner] = r.message;
      }
      if (Object.keys(errors).length > 0 || !status.success || !owner) {
        await ack({ response_action: "errors", errors });
        return;
      }
      await ack();

      try {
        const change = { start, due, status: status.data, owner: ownerRawOf(owner) };
        const same =
          change.start === action.start &&
          change.due === action.due &&
          change.status === action.status &&
          change.owner === action.ownerRaw;
        // Saved unchanged: nothing to write (a new sourceUpdatedAt alone would still count as a change).
        if (!same) {
          // Built from the action as stored when the write's turn comes, not as it was when the form was checked.
          await writeSlackAction(deps, action.source, action.nativeKey, "edit", async () =>
            editedRaw(
              (await deps.ctx.store.actions.get(action.id)) ?? action,
              change,
              userId,
              deps.ctx.now(),
            ),
          );
        }
        // https://docs.slack.dev/reference/methods/views.publish (the App Home the edit was opened from)
        await client.views.publish({ user_id: userId, view: await homeView(deps, userId) });
      } catch (error) {
        await tellUser(client, { channelId: null, userId }, failureText(error, `save ${id}`)).catch(
          (e: unknown) => deps.log(`slack: could not tell ${userId} about a failure: ${String(e)}`),
        );
        throw error;
      }
    },
  );
}
