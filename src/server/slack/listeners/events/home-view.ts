import type { types } from "@slack/bolt";
import { escapeMrkdwn } from "../../../../alerts/index.js";
import { personForSlackUser } from "../../identity.js";
import { mineFor } from "../../overview-query.js";
import type { SlackHandlerDeps } from "../../slack-deps.js";
import { slackActionsOf, slackInstances } from "../slack-source/created-by.js";
import { actionLine } from "../slack-source/summary.js";
import { EDIT_ACTION_ID } from "../views/edit-slack-action-view.js";

/** A home tab holds 100 blocks; the overview takes a few, each listed action one. */
const MAX_LISTED = 40;

/**
 * The caller's Slack-created actions (created by them, or owned by them), each with an Edit button that
 * opens the dates/status/owner form.
 */
export async function slackActionsBlocks(
  deps: SlackHandlerDeps,
  userId: string,
): Promise<types.KnownBlock[]> {
  const person = await personForSlackUser(deps, userId);
  const { store } = deps.ctx;
  const actions = await slackActionsOf(store, slackInstances(deps.ctx.config), userId, person);
  const people = (await store.directory.load()).people;
  const blocks: types.KnownBlock[] = [
    { type: "divider" },
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text:
          actions.length === 0
            ? "*Actions you track from Slack*\nNone yet: use `/sightline add …`, or *Track as action* in a message's ⋯ menu."
            : `*Actions you track from Slack* (${actions.length})`,
      },
    },
  ];
  for (const action of actions.slice(0, MAX_LISTED)) {
    blocks.push({
      type: "section",
      text: { type: "mrkdwn", text: actionLine(action, people).slice(0, 2900) },
      accessory: {
        type: "button",
        action_id: EDIT_ACTION_ID,
        text: { type: "plain_text", text: "Edit" },
        value: action.id,
        accessibility_label: `Edit ${action.title}`.slice(0, 75),
      },
    });
  }
  if (actions.length > MAX_LISTED) {
    blocks.push({
      type: "context",
      elements: [{ type: "mrkdwn", text: escapeMrkdwn(`…and ${actions.length - MAX_LISTED} more`) }],
    });
  }
  return blocks;
}

/** The App Home tab: the `/sightline mine` overview, then the caller's Slack-created actions. */
export async function homeView(deps: SlackHandlerDeps, userId: string): Promise<types.HomeView> {
  return {
    type: "home",
    blocks: [...(await mineFor(deps, userId)), ...(await slackActionsBlocks(deps, userId))],
  };
}
