import type { App } from "@slack/bolt";
import type { SlackHandlerDeps } from "../slack-deps.js";
import * as actions from "./actions/index.js";
import * as commands from "./commands/index.js";
import * as events from "./events/index.js";
import * as shortcuts from "./shortcuts/index.js";
import * as views from "./views/index.js";

/** Every listener, one `register` per kind (the slack-samples/bolt-ts-starter-template layout). */
export function registerListeners(app: App, deps: SlackHandlerDeps): void {
  actions.register(app, deps);
  commands.register(app, deps);
  events.register(app, deps);
  shortcuts.register(app, deps);
  views.register(app, deps);
}
