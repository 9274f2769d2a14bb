import { ToolError } from "../../src/sync/errors.js";

export const GITHUB_ERROR_CODES = [
  "github_unauthorized",
  "github_forbidden",
  "github_not_found",
  "github_rate_limited",
  "github_unavailable",
  "github_network",
  "github_http",
  "github_bad_response",
  "github_bad_cursor",
  "github_token_missing",
  "github_recording_invalid",
  "github_unrecorded_request",
] as const;
export type GitHubErrorCode = (typeof GITHUB_ERROR_CODES)[number];

/**
 * Everything the GitHub connector raises. `retryable` says whether a later run can help (a rate limit or an
 * outage that outlasted the retries) or whether a person must fix something first (a token, a repo name).
 */
export class GitHubError extends ToolError {
  declare readonly code: GitHubErrorCode;
  readonly status: number | null;
  readonly retryable: boolean;
  constructor(
    code: GitHubErrorCode,
    message: string,
    options: { status?: number | null; retryable?: boolean; cause?: unknown } = {},
  ) {
    super(code, message, { cause: options.cause });
    this.status = options.status ?? null;
    this.retryable = options.retryable ?? false;
  }
}
