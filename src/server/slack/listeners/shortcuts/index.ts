import type { App } from "@slack/bolt";
import type { SlackHandlerDeps } from "../../slack-deps.js";
import * as trackAsAction from "./track-as-action.js";

export function register(app: App, deps: SlackHandlerDeps): void {
  trackAsAction.register(app, deps);
}
