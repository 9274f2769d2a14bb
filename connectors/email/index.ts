export { automatedReason, type HeaderView } from "./auto-reply.js";
export { authoredText } from "./body-text.js";
export { createImapTransport } from "./client.js";
export {
  type EmailConnectorConfig,
  type EmailConnectorConfigInput,
  emailConnectorConfigSchema,
} from "./config.js";
export { createEmailConnector, type EmailConnector, type EmailConnectorDeps } from "./connector.js";
export { type EmailCursor, EmailCursorSchema, parseEmailCursor } from "./cursor.js";
export { EMAIL_ERROR_CODES, EmailError, type EmailErrorCode } from "./errors.js";
export type { ImapTransportOptions } from "./imap-client.js";
export { type Label, type LabelledLine, labelledLines } from "./labelled-lines.js";
export { describeMessage, type EmailMapContext, mapThread, startsAction } from "./map-thread.js";
export { type ActionPatch, type LineProblem, readFields } from "./message-fields.js";
export { mailKey, messageIdsIn, messageUrl, normaliseMessageId } from "./native-key.js";
export { parseMessage } from "./parse-message.js";
export { type EmailPullStats, pullEmail } from "./pull.js";
export { type EmailMessage, EmailMessageSchema, type FetchedMessage } from "./raw-schema.js";
export {
  createRecordedMailboxTransport,
  loadRecordedMailbox,
  type RecordedMailbox,
} from "./recorded-mailbox.js";
export { hasTag, titleFrom } from "./subject.js";
export { MessagePool, type Thread, threadsOf } from "./thread.js";
export type {
  MailboxChange,
  MailboxSession,
  MailboxState,
  MailTransport,
  TransportStats,
  WatchMode,
  WatchOptions,
} from "./transport.js";
export { parseWrittenDate, RECENT_PAST_DAYS, type WrittenDate } from "./written-date.js";
