import type { App } from "@slack/bolt";
import type { SlackHandlerDeps } from "../../slack-deps.js";
import * as appHome from "./app-home-opened.js";

export function register(app: App, deps: SlackHandlerDeps): void {
  appHome.register(app, deps);
}
