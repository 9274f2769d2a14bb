import { SightlineError } from "../../model/index.js";

/**
 * Slack answers these for a target that will never accept the message (a deleted channel, a deactivated user, a
 * channel the app was not invited to): retrying cannot help, falling back can.
 * https://api.slack.com/methods/chat.postMessage#errors
 */
export const PERMANENT_SINK_CODES: ReadonlySet<string> = new Set([
  "channel_not_found",
  "users_not_found",
  "not_in_channel",
  "is_archived",
  "user_not_found",
  "account_inactive",
]);

/** A sink's vendor asked us to wait (Slack's 429 with `Retry-After`). Sinks throw this, or any error carrying `retryAfterSeconds`. */
export class SinkRateLimitedError extends SightlineError {
  readonly retryAfterSeconds: number;
  constructor(sink: string, retryAfterSeconds: number, options?: { cause?: unknown }) {
    super("sink_rate_limited", `${sink} is rate limited: retry after ${retryAfterSeconds} s`, options);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** The target can never receive this message; the code says why (a Slack error code). */
export class SinkPermanentError extends SightlineError {
  readonly unrecoverable = true;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

export type SinkFailure =
  | { kind: "rate_limited"; retryAfterMs: number }
  | { kind: "permanent"; code: string }
  /** The sink itself cannot be reached (connection refused, DNS, 5xx): every message to it would fail now. */
  | { kind: "unreachable" }
  | { kind: "transient" };

function numberProp(error: object, key: string): number | null {
  const v: unknown = Reflect.get(error, key);
  return typeof v === "number" && Number.isFinite(v) && v >= 0 ? v : null;
}

function stringProp(error: object, key: string): string | null {
  const v: unknown = Reflect.get(error, key);
  return typeof v === "string" ? v : null;
}

/**
 * What a sink's error means for the job. Duck-typed on purpose: the Slack and e-mail sinks wrap vendor SDK
 * errors (Bolt's WebAPIRateLimitedError has `retryAfter` in seconds, a platform error carries `data.error`),
 * and each only needs to expose `retryAfterSeconds`, or `unrecoverable: true` / a permanent `code`, or
 * `unreachable: true`.
 */
export function classifySinkError(error: unknown): SinkFailure {
  if (error === null || typeof error !== "object") return { kind: "transient" };
  const retryAfter = numberProp(error, "retryAfterSeconds") ?? numberProp(error, "retryAfter");
  if (retryAfter !== null) return { kind: "rate_limited", retryAfterMs: Math.ceil(retryAfter * 1000) };
  const code = stringProp(error, "code");
  const data: unknown = Reflect.get(error, "data");
  const slackCode = data !== null && typeof data === "object" ? stringProp(data, "error") : null;
  for (const c of [code, slackCode]) {
    if (c !== null && PERMANENT_SINK_CODES.has(c)) return { kind: "permanent", code: c };
  }
  if (Reflect.get(error, "unrecoverable") === true)
    return { kind: "permanent", code: code ?? "unrecoverable" };
  if (Reflect.get(error, "unreachable") === true) return { kind: "unreachable" };
  return { kind: "transient" };
}
