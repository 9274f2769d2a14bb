import type { types } from "@slack/bolt";
import { z } from "zod";
import { escapeMrkdwn } from "../../../../alerts/index.js";
import { ACTION_STATUSES, type Action, type ActionStatus } from "../../../../model/index.js";

export const EDIT_CALLBACK_ID = "sightline_edit_slack_action";
/** The App Home's Edit button. */
export const EDIT_ACTION_ID = "edit_slack_action";

export const EDIT_BLOCKS = { start: "start", due: "due", status: "status", owner: "owner" } as const;

export const EditMetadataSchema = z.object({ id: z.string().min(1) });

const STATUS_LABELS: Readonly<Record<ActionStatus, string>> = {
  todo: "To do",
  in_progress: "In progress",
  blocked: "Blocked",
  done: "Done",
  cancelled: "Cancelled",
};

function statusOption(s: ActionStatus): types.PlainTextOption {
  return { text: { type: "plain_text", text: STATUS_LABELS[s] }, value: s };
}

/** The App Home's edit form for a Slack-created action: dates, status and owner. */
export function editSlackActionView(action: Action, ownerSlackId: string | null): types.ModalView {
  const date = (blockId: string, label: string, initial: string | null): types.InputBlock => ({
    type: "input",
    block_id: blockId,
    optional: true,
    label: { type: "plain_text", text: label },
    element: { type: "datepicker", action_id: "value", ...(initial ? { initial_date: initial } : {}) },
  });
  return {
    type: "modal",
    callback_id: EDIT_CALLBACK_ID,
    private_metadata: JSON.stringify({ id: action.id }),
    title: { type: "plain_text", text: "Edit action" },
    submit: { type: "plain_text", text: "Save" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: `\`${escapeMrkdwn(action.nativeKey)}\` *${escapeMrkdwn(action.title)}*`,
        },
      },
      date(EDIT_BLOCKS.start, "Start", action.start),
      date(EDIT_BLOCKS.due, "Due", action.due),
      {
        type: "input",
        block_id: EDIT_BLOCKS.status,
        label: { type: "plain_text", text: "Status" },
        element: {
          type: "static_select",
          action_id: "value",
          options: ACTION_STATUSES.map(statusOption),
          initial_option: statusOption(action.status),
        },
      },
      {
        type: "input",
        block_id: EDIT_BLOCKS.owner,
        label: { type: "plain_text", text: "Owner" },
        element: {
          type: "users_select",
          action_id: "value",
          ...(ownerSlackId ? { initial_user: ownerSlackId } : {}),
        },
      },
    ],
  };
}
