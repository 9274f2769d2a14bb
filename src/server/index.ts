export * from "../config/service-sections.js";
export { type AlertSinks, createAlertSinks } from "../jobs/alert-sinks.js";
export type { DecisionWork, DecisionWriteBack } from "../jobs/decision-work.js";
export { inProcessWork, queuedWork } from "../jobs/decision-work.js";
export { createServer, type ServerDeps, type SightlineServer } from "./create-server.js";
export { type RunningServer, runServer, type ServeOptions, type ServeWiring } from "./run-server.js";
export { createSlackHandler, type SlackAppOptions, type SlackHandler } from "./slack/slack-app.js";
export type { SlackHandlerDeps } from "./slack/slack-deps.js";
export { signSlackRequest, verifySlackSignature } from "./slack/verify-signature.js";
