import type { App } from "@slack/bolt";
import type { SlackHandlerDeps } from "../../slack-deps.js";
import * as proposeDate from "./propose-date-submission.js";

export function register(app: App, deps: SlackHandlerDeps): void {
  proposeDate.register(app, deps);
}
