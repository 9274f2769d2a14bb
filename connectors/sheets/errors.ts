import { ToolError } from "../../src/sync/errors.js";

export const SHEETS_ERROR_CODES = [
  "sheets_credentials_missing",
  "sheets_credentials_invalid",
  "sheets_unauthorized",
  "sheets_forbidden",
  "sheets_not_found",
  "sheets_bad_request",
  "sheets_rate_limited",
  "sheets_unavailable",
  "sheets_network",
  "sheets_bad_response",
  "sheets_bad_change",
  "sheets_key_not_found",
  "sheets_key_duplicate",
  "sheets_column_unmapped",
  "sheets_row_moved",
] as const;
export type SheetsErrorCode = (typeof SHEETS_ERROR_CODES)[number];

/**
 * Everything the Google transport raises. `retryable` says whether trying again later can help (quota or
 * outage that outlasted the backoff budget) or whether someone must fix credentials, sharing or the id.
 * `googleStatus` is the API's canonical status (RESOURCE_EXHAUSTED, PERMISSION_DENIED...) when it sent one.
 */
export class SheetsError extends ToolError {
  declare readonly code: SheetsErrorCode;
  readonly status: number | null;
  readonly googleStatus: string | null;
  readonly retryable: boolean;
  constructor(
    code: SheetsErrorCode,
    message: string,
    options: {
      status?: number | null;
      googleStatus?: string | null;
      retryable?: boolean;
      cause?: unknown;
    } = {},
  ) {
    super(code, message, { cause: options.cause });
    this.status = options.status ?? null;
    this.googleStatus = options.googleStatus ?? null;
    this.retryable = options.retryable ?? false;
  }
}
