import { ToolError } from "../../src/sync/errors.js";

export const EMAIL_ERROR_CODES = [
  "email_config_invalid",
  "email_missing_secret",
  "email_auth_failed",
  "email_connect_failed",
  "email_mailbox_missing",
  "email_imap_failed",
  "email_connection_lost",
  "email_bad_cursor",
  "email_unparseable_message",
  "email_recording_invalid",
] as const;
export type EmailErrorCode = (typeof EMAIL_ERROR_CODES)[number];

/**
 * Everything the e-mail connector raises. `retryable` says whether trying again later can help (the server
 * was unreachable or dropped the connection) or whether a person must fix something first (credentials, a
 * mailbox name).
 */
export class EmailError extends ToolError {
  declare readonly code: EmailErrorCode;
  readonly retryable: boolean;
  constructor(code: EmailErrorCode, message: string, options: { retryable?: boolean; cause?: unknown } = {}) {
    super(code, message, { cause: options.cause });
    this.retryable = options.retryable ?? false;
  }
}
