/**
 * When to retry a Jira request and how long to wait. Pure: the clock and the randomness are arguments.
 * https://developer.atlassian.com/cloud/jira/platform/rate-limiting/
 */

export interface RetryPolicy {
  /** Total tries, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A server-requested wait longer than this is not honoured in-process: the run fails, retryable. */
  maxRetryAfterMs: number;
}

export type Outcome =
  | { kind: "response"; status: number; headers: Headers }
  | { kind: "network"; error: unknown };

export type RetryDecision =
  | { retry: true; delayMs: number; why: string }
  | { retry: false; why: "success" | "unrecoverable" | "exhausted" | "wait_too_long"; waitMs?: number };

/**
 * `Retry-After` is seconds (or an HTTP date); Atlassian's `X-RateLimit-Reset` is an ISO-8601 instant
 * (`yyyy-MM-ddTHH:mmZ`), and some proxies send epoch seconds there instead. Null when neither says.
 */
export function serverRequestedDelayMs(headers: Headers, nowMs: number): number | null {
  const retryAfter = headers.get("retry-after")?.trim();
  if (retryAfter) {
    if (/^\d+(\.\d+)?$/.test(retryAfter)) return Math.ceil(Number(retryAfter) * 1000);
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, at - nowMs);
  }
  const reset = headers.get("x-ratelimit-reset")?.trim();
  if (reset) {
    if (/^\d+$/.test(reset)) {
      const n = Number(reset);
      // Epoch seconds are ~1.7e9; anything small is a delta in seconds.
      return Math.max(0, n > 1e9 ? n * 1000 - nowMs : n * 1000);
    }
    const at = Date.parse(reset);
    if (!Number.isNaN(at)) return Math.max(0, at - nowMs);
  }
  return null;
}

/** Full jitter over a capped exponential: spreads many clients' retries instead of synchronising them. */
export function backoffDelayMs(attempt: number, policy: RetryPolicy, random: () => number): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * cap);
}

/** 501 and 505 say the server will never do this; every other 5xx may pass. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status !== 501 && status !== 505);
}

/** `attempt` is the number of the try that produced `outcome` (1 for the first). */
export function decideRetry(
  outcome: Outcome,
  attempt: number,
  policy: RetryPolicy,
  nowMs: number,
  random: () => number,
): RetryDecision {
  if (outcome.kind === "response") {
    const { status, headers } = outcome;
    if (status < 400) return { retry: false, why: "success" };
    if (!isRetryableStatus(status)) return { retry: false, why: "unrecoverable" };
    if (attempt >= policy.maxAttempts) return { retry: false, why: "exhausted" };
    const requested = status === 429 || status === 503 ? serverRequestedDelayMs(headers, nowMs) : null;
    if (requested !== null) {
      if (requested > policy.maxRetryAfterMs)
        return { retry: false, why: "wait_too_long", waitMs: requested };
      return { retry: true, delayMs: requested, why: `HTTP ${status}, server asked to wait` };
    }
    return { retry: true, delayMs: backoffDelayMs(attempt, policy, random), why: `HTTP ${status}` };
  }
  if (attempt >= policy.maxAttempts) return { retry: false, why: "exhausted" };
  return { retry: true, delayMs: backoffDelayMs(attempt, policy, random), why: "network error" };
}
