export { resolveAuth } from "./auth.js";
export {
  type JiraAuthConfig,
  JiraAuthSchema,
  type JiraConnectorConfig,
  type JiraConnectorConfigInput,
  JiraConnectorConfigSchema,
  JiraOptionsSchema,
  parseJiraConfig,
  registerJiraConfig,
} from "./config.js";
export { createJiraConnector, type JiraConnector, type JiraConnectorDeps } from "./connector.js";
export { type JiraCursor, JiraCursorSchema } from "./cursor.js";
export { type DeliveryDedupe, InMemoryDeliveryLog } from "./delivery-log.js";
export { JIRA_ERROR_CODES, JiraError, type JiraErrorCode } from "./errors.js";
export { type FieldIds, resolveFieldIds } from "./fields.js";
export { type JiraMapContext, mapContextFor, mapJiraIssue } from "./map-issue.js";
export {
  handleJiraWebhook,
  type JiraWebhookDeps,
  type JiraWebhookEvent,
  type JiraWebhookOutcome,
  JiraWebhookPayloadSchema,
  verifyJiraSignature,
} from "./webhook.js";
export { jiraWebhookConnector } from "./webhook-apply.js";
export {
  createJiraWebhookHandler,
  type JiraWebhookApply,
  type JiraWebhookRouteDeps,
  type JiraWebhookTarget,
  jiraWebhookTarget,
  matchJiraWebhookPath,
} from "./webhook-route.js";
