import type { App } from "@slack/bolt";
import type { SlackHandlerDeps } from "../../slack-deps.js";
import * as editSlackAction from "./edit-slack-action-submission.js";
import * as proposeDate from "./propose-date-submission.js";
import * as trackAction from "./track-action-submission.js";

export function register(app: App, deps: SlackHandlerDeps): void {
  proposeDate.register(app, deps);
  trackAction.register(app, deps);
  editSlackAction.register(app, deps);
}
