import { webApi } from "@slack/bolt";
import { hasNetworkCode, SightlineError } from "../../model/index.js";

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
  "message_not_found",
  "cant_update_message",
  "msg_too_long",
  "invalid_blocks",
  "no_text",
]);

/**
 * The app itself is refused (a scope missing from its manifest, a revoked or wrong token): no message to any
 * target can go until an admin fixes the app, so these are permanent too, with a message that says what to fix.
 * https://docs.slack.dev/reference/methods/chat.postMessage#errors (missing_scope carries `needed`/`provided`)
 */
export const SLACK_APP_ERRORS: ReadonlySet<string> = new Set([
  "missing_scope",
  "not_authed",
  "invalid_auth",
  "token_revoked",
  "token_expired",
  "account_inactive",
  "no_permission",
  "not_allowed_token_type",
]);

function appErrorMessage(what: string, code: string, data: object): string {
  if (code === "missing_scope") {
    const needed: unknown = Reflect.get(data, "needed");
    const provided: unknown = Reflect.get(data, "provided");
    return `${what}: the Slack app lacks the scope ${String(needed ?? "?")} (it has: ${String(provided ?? "none")}); add it as in slack/manifest.yaml and reinstall the app`;
  }
  return `${what}: Slack refused the bot token (${code}); check SLACK_BOT_TOKEN and that the app is installed in the workspace`;
}

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
    if (SLACK_APP_ERRORS.has(code)) {
      return new SlackSinkError(code, appErrorMessage(what, code, error.data), {
        unrecoverable: true,
        cause: error,
      });
    }
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
    unreachable: error instanceof webApi.WebAPIRequestError || hasNetworkCode(error),
    cause: error,
  });
}

/**
 * The bot scopes the app needs (slack/manifest.yaml lists exactly these): posts and ephemeral answers, DMs,
 * reading a conversation back (editing an alert, finding a post a crashed worker made), people by id and by
 * e-mail, the slash command and the message shortcut.
 */
export const SLACK_BOT_SCOPES: readonly string[] = [
  "chat:write",
  "im:write",
  "im:history",
  "channels:history",
  "groups:history",
  "users:read",
  "users:read.email",
  "commands",
];
