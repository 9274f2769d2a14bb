/**
 * What the Slack app (src/server/slack) uses of the slack kind, through connectors/registry.ts: parsing
 * `/sightline add`, prefilling "Track as action" from a message, the raw shape and keys of Slack-created
 * actions, and the one-page connector their writes go through.
 */
export { ADD_USAGE, type FieldError, type OwnerToken, parseAddCommand } from "./add-command.js";
export { DEFAULT_SLACK_INSTANCE, SlackConnectorOptionsSchema } from "./config.js";
export { slackWriteConnector } from "./connector.js";
export { SlackSourceError } from "./errors.js";
export { type MessagePrefill, prefillFromMessage } from "./message-prefill.js";
export { slackNativeKey } from "./native-key.js";
export type { SlackActionRaw } from "./raw-schema.js";
