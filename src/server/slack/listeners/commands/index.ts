import type { App } from "@slack/bolt";
import type { SlackHandlerDeps } from "../../slack-deps.js";
import * as sightline from "./sightline-command.js";

export function register(app: App, deps: SlackHandlerDeps): void {
  sightline.register(app, deps);
}
