export {
  ADD_USAGE,
  type AddCommandDraft,
  type AddCommandParse,
  type FieldError,
  type OwnerToken,
  parseAddCommand,
} from "./add-command.js";
export {
  createSlackConnectorFromConfig,
  DEFAULT_SLACK_INSTANCE,
  type SlackConnectorConfig,
  type SlackConnectorFromConfigDeps,
  SlackConnectorOptionsSchema,
  slackConnectorConfigSchema,
} from "./config.js";
export {
  createSlackConnector,
  type SlackConnector,
  type SlackConnectorOptions,
  slackWriteConnector,
} from "./connector.js";
export { datesInText } from "./date-text.js";
export { SLACK_SOURCE_ERROR_CODES, SlackSourceError, type SlackSourceErrorCode } from "./errors.js";
export { mapSlackAction, slackLocation, toPageItem } from "./map.js";
export { type MessagePrefill, prefillFromMessage } from "./message-prefill.js";
export { slackNativeKey } from "./native-key.js";
export {
  type SlackActionRaw,
  type SlackActionRawInput,
  SlackActionRawSchema,
  type SlackMessageRef,
  SlackMessageRefSchema,
  type SlackSurface,
  SlackSurfaceSchema,
  SlackUserIdSchema,
} from "./raw-schema.js";
export { decodeEntities, mentionedUsers, parseMention, plainText, unwrapLink } from "./slack-text.js";
