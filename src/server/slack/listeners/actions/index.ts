import type { App } from "@slack/bolt";
import type { SlackHandlerDeps } from "../../slack-deps.js";
import * as dateChanges from "./date-changes.js";
import * as decisions from "./decisions.js";
import * as editSlackAction from "./edit-slack-action.js";
import * as notDependency from "./not-dependency.js";
import * as propose from "./propose.js";

export function register(app: App, deps: SlackHandlerDeps): void {
  decisions.register(app, deps);
  dateChanges.register(app, deps);
  notDependency.register(app, deps);
  propose.register(app, deps);
  editSlackAction.register(app, deps);
  // Link buttons ("Open in Jira") still send a block_actions payload; unacked, Slack shows the user an error.
  app.action({ type: "block_actions", action_id: /^open_/ }, async ({ ack }) => {
    await ack();
  });
}
