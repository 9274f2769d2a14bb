import { ToolError } from "../../src/sync/errors.js";

export const JIRA_ERROR_CODES = [
  "jira_config_invalid",
  "jira_missing_secret",
  "jira_bad_jql",
  "jira_bad_request",
  "jira_unauthorized",
  "jira_forbidden",
  "jira_not_found",
  "jira_endpoint_removed",
  "jira_rate_limited",
  "jira_unavailable",
  "jira_network",
  "jira_http",
  "jira_bad_response",
  "jira_bad_cursor",
  "jira_page_guard",
  "jira_pagination_loop",
  "jira_no_start_field",
  "jira_bad_change",
] as const;
export type JiraErrorCode = (typeof JIRA_ERROR_CODES)[number];

/**
 * Everything the Jira connector raises. `retryable` says whether running the sync again later can help
 * (rate limit or outage that outlasted the retry budget) or whether a person must fix something first.
 */
export class JiraError extends ToolError {
  declare readonly code: JiraErrorCode;
  readonly status: number | null;
  readonly retryable: boolean;
  constructor(
    code: JiraErrorCode,
    message: string,
    options: { status?: number | null; retryable?: boolean; cause?: unknown } = {},
  ) {
    super(code, message, { cause: options.cause });
    this.status = options.status ?? null;
    this.retryable = options.retryable ?? false;
  }
}
