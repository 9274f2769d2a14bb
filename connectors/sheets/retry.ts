import { sleep } from "../../src/sync/sleep.js";
/**
 * Exponential backoff with full jitter, as Google asks for 429 RESOURCE_EXHAUSTED and 5xx answers:
 * wait min(base * 2^n + jitter, max) and try again, honouring Retry-After when the server sends one.
 * https://developers.google.com/workspace/sheets/api/limits#exponential
 * `sleep` and `random` are injectable so tests run the whole schedule without waiting.
 */
export interface RetryPolicy {
  /** Attempts in total, the first one included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 1000,
  maxDelayMs: 64_000,
  sleep,
  random: Math.random,
};

/** Delay before retry number `attempt` (0 for the first retry). */
export function backoffDelay(policy: RetryPolicy, attempt: number, retryAfterMs: number | null): number {
  const exponential = policy.baseDelayMs * 2 ** attempt + Math.floor(policy.random() * policy.baseDelayMs);
  return Math.min(policy.maxDelayMs, Math.max(exponential, retryAfterMs ?? 0));
}

export interface RetryDecision {
  retryable: boolean;
  retryAfterMs: number | null;
}

/** Runs `fn`, retrying while `classify` says the failure is transient and attempts remain. */
export async function withRetry<T>(
  fn: () => Promise<T>,
  classify: (error: unknown) => RetryDecision,
  policy: RetryPolicy,
  signal?: AbortSignal,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      const decision = classify(error);
      if (!decision.retryable || attempt + 1 >= policy.maxAttempts || signal?.aborted) throw error;
      await policy.sleep(backoffDelay(policy, attempt, decision.retryAfterMs), signal);
    }
  }
}
