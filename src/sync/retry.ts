import { sleep as realSleep } from "./sleep.js";

/**
 * The one retry policy of Sightline, as data: which failures are retried (`classify`, per tool), how many tries,
 * the backoff and its jitter, and how long a server-requested wait (`Retry-After`) is honoured in-process.
 * Connectors retry transient failures here; what outlasts the policy fails the run with `retryable: true`
 * and is tried again by the next run or job, never by a second retry loop stacked on this one.
 * Pure: the clock and the randomness are arguments.
 * https://developer.atlassian.com/cloud/jira/platform/rate-limiting/
 * https://developers.google.com/workspace/sheets/api/limits#exponential
 */
export interface RetryPolicy {
  /** Total tries, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A server-requested wait longer than this is not honoured in-process: the run fails, retryable. */
  maxRetryAfterMs: number;
  /**
   * `full` (default): a random wait up to the capped exponential (spreads many clients). `additive`: the
   * exponential plus up to one base of random, Google's documented schedule.
   */
  jitter?: "full" | "additive";
}

export interface RetryDeps {
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
}

export const REAL_RETRY_DEPS: RetryDeps = { sleep: realSleep, random: Math.random };

/** What a tool's classifier says of one failure. */
export interface RetryVerdict {
  retryable: boolean;
  /** The wait the server asked for, when it did (`Retry-After`, a rate-limit reset). */
  retryAfterMs: number | null;
}

/**
 * Runs `fn`, retrying while `classify` says the failure is transient and tries remain; the last failure is
 * thrown as is (its class says whether a later run can help). A server wait over `maxRetryAfterMs` is not
 * slept through: the failure is thrown at once.
 */
export async function withRetry<T>(
  fn: () => Promise<T>,
  classify: (error: unknown) => RetryVerdict,
  policy: RetryPolicy,
  deps: RetryDeps = REAL_RETRY_DEPS,
  signal?: AbortSignal,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      const verdict = classify(error);
      if (!verdict.retryable || attempt >= policy.maxAttempts || signal?.aborted) throw error;
      if (verdict.retryAfterMs !== null && verdict.retryAfterMs > policy.maxRetryAfterMs) throw error;
      const backoff = backoffDelayMs(attempt, policy, deps.random);
      await deps.sleep(Math.min(policy.maxDelayMs, Math.max(backoff, verdict.retryAfterMs ?? 0)), signal);
    }
  }
}

/** True when an error says a later run can help (a rate limit or an outage that outlasted the retries). */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if ("retryable" in error && typeof error.retryable === "boolean") return error.retryable;
  return error.cause instanceof Error ? isRetryable(error.cause) : false;
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

/** The wait after try number `attempt` (1 for the first): a capped exponential, jittered as the policy says. */
export function backoffDelayMs(attempt: number, policy: RetryPolicy, random: () => number): number {
  const exponential = policy.baseDelayMs * 2 ** (attempt - 1);
  if (policy.jitter === "additive") {
    return Math.min(policy.maxDelayMs, exponential + Math.floor(random() * policy.baseDelayMs));
  }
  return Math.floor(random() * Math.min(policy.maxDelayMs, exponential));
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
