import { webApi } from "@slack/bolt";
import { SightlineError } from "../../model/index.js";

/**
 * Slack error codes that no retry can fix for this target: the message must go elsewhere (the team channel,
 * e-mail, the admin channel). From the error lists of chat.postMessage, chat.update, users.lookupByEmail
 * and users.info on https://docs.slack.dev/reference/methods/.
 */
export const PERMANENT_SLACK_ERRORS: ReadonlySet<string> = new Set([
  "channel_not_found",
  "users_not_found",
  "user_not_found",
  "not_in_channel",
  "is_archived",
  "cannot_dm_bot",
  "user_disabled",
  "account_inactive",
  "message_not_found",
  "cant_update_message",
  "msg_too_long",
  "invalid_blocks",
  "no_text",
]);

/**
 * A failed Slack call, classified for the job runner: `retryAfterSeconds` (a 429: wait that long, as a queue
 * rate limit rather than a loop), `unrecoverable` (the target is wrong for good: fall back), or neither (a
 * transient failure: retry with backoff). `code` is `slack_<slack error>` so callers branch on it.
 */
export class SlackSinkError extends SightlineError {
  /** Slack's own error string (`channel_not_found`), `rate_limited`, `http_<status>` or `request_failed`. */
  readonly slackCode: string;
  readonly retryAfterSeconds: number | null;
  readonly unrecoverable: boolean;
  /** Slack itself did not answer (network, 5xx): every message would fail now, not only this one. */
  readonly unreachable: boolean;
  constructor(
    slackCode: string,
    message: string,
    opts: {
      retryAfterSeconds?: number | null;
      unrecoverable?: boolean;
      unreachable?: boolean;
      cause?: unknown;
    } = {},
  ) {
    super(`slack_${slackCode}`, message, { cause: opts.cause });
    this.slackCode = slackCode;
    this.retryAfterSeconds = opts.retryAfterSeconds ?? null;
    this.unrecoverable = opts.unrecoverable ?? false;
    this.unreachable = opts.unreachable ?? false;
  }
}

/** Turns what the Web API client threw into a SlackSinkError; `what` names the call and its target. */
export function toSlackSinkError(error: unknown, what: string): SlackSinkError {
  if (error instanceof SlackSinkError) return error;
  if (error instanceof webApi.WebAPIRateLimitedError) {
    return new SlackSinkError(
      "rate_limited",
      `${what}: Slack rate limit, retry after ${error.retryAfter} s`,
      { retryAfterSeconds: error.retryAfter, cause: error },
    );
  }
  if (error instanceof webApi.WebAPIPlatformError) {
    const code = error.data.error;
    return new SlackSinkError(code, `${what}: Slack answered ${code}`, {
      unrecoverable: PERMANENT_SLACK_ERRORS.has(code),
      cause: error,
    });
  }
  if (error instanceof webApi.WebAPIHTTPError) {
    // Slack's Web API only uses 200 and 429 on purpose; 5xx is an outage (retry), other 4xx a broken request.
    return new SlackSinkError(`http_${error.statusCode}`, `${what}: HTTP ${error.statusCode} from Slack`, {
      unrecoverable: error.statusCode < 500,
      unreachable: error.statusCode >= 500,
      cause: error,
    });
  }
  const detail = error instanceof Error ? error.message : String(error);
  // No answer at all (refused, reset, DNS, timeout): the Web API client's RequestError.
  return new SlackSinkError("request_failed", `${what}: ${detail}`, {
    unreachable: error instanceof webApi.WebAPIRequestError || isNetworkError(error),
    cause: error,
  });
}

const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENOTFOUND", "EAI_AGAIN", "EPIPE"]);

function isNetworkError(error: unknown): boolean {
  if (error === null || typeof error !== "object") return false;
  const code: unknown = Reflect.get(error, "code");
  return typeof code === "string" && NETWORK_CODES.has(code);
}
