import type { App } from "@slack/bolt";
import { SLACK_ACTION_IDS, type SlackActionId } from "../../../../alerts/index.js";
import type { SlackHandlerDeps } from "../../slack-deps.js";
import { registerCommit, registerReplan } from "./date-changes.js";
import { registerAck, registerSnooze } from "./decisions.js";
import * as editSlackAction from "./edit-slack-action.js";
import * as notDependency from "./not-dependency.js";
import * as propose from "./propose.js";

type Registration<K extends SlackActionId> = (app: App, deps: SlackHandlerDeps, id: K) => void;

/**
 * One handler per button id an alert renders (src/alerts/slack-action-value.ts): an id without a handler, or a
 * handler registered under another id, fails typecheck instead of leaving a button that answers nothing.
 */
const ALERT_BUTTONS: { readonly [K in SlackActionId]: Registration<K> } = {
  ack: registerAck,
  snooze: registerSnooze,
  replan: registerReplan,
  commit: registerCommit,
  not_dependency: notDependency.register,
  propose: propose.register,
};

function registerButton<K extends SlackActionId>(app: App, deps: SlackHandlerDeps, id: K): void {
  const registration: Registration<K> = ALERT_BUTTONS[id];
  registration(app, deps, id);
}

export function register(app: App, deps: SlackHandlerDeps): void {
  for (const id of SLACK_ACTION_IDS) registerButton(app, deps, id);
  editSlackAction.register(app, deps);
  // Link buttons ("Open in Jira") still send a block_actions payload; unacked, Slack shows the user an error.
  app.action({ type: "block_actions", action_id: /^open_/ }, async ({ ack }) => {
    await ack();
  });
}
