import type { DecisionWork } from "../jobs/decision-work.js";
import { backoffDelayMs, type RetryPolicy } from "../sync/retry.js";
import { pause } from "../sync/sleep.js";

export interface OwedReconcileOptions {
  /** How long a caller waits for the reconcile before answering; the work goes on after that. */
  answerWithinMs: number;
  policy: RetryPolicy;
  log: (line: string) => void;
}

/** Retried until it runs: an outage of Redis (distributed) or of an alert sink (in-process) is outlasted. */
export const OWED_RECONCILE_POLICY: RetryPolicy = {
  maxAttempts: Number.POSITIVE_INFINITY,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  maxRetryAfterMs: 60_000,
};

/**
 * A reconcile owed after data was committed (a webhook's page): the caller answers for what it stored, so
 * a later failure (Slack down, Redis down) must neither fail the request nor lose the reconcile. `owe`
 * waits at most `answerWithinMs`, then lets the reconcile finish (retrying with backoff) in the background.
 * `stop` ends the retries (on shutdown: the next reconcile of any process catches the data up).
 */
export type OwedReconcile = ReturnType<typeof createOwedReconcile>;

export function createOwedReconcile(work: Pick<DecisionWork, "reconcile">, opts: OwedReconcileOptions) {
  const stopping = new AbortController();

  async function untilDone(reason: string): Promise<void> {
    for (let attempt = 1; !stopping.signal.aborted; attempt++) {
      try {
        await work.reconcile(reason);
        if (attempt > 1) opts.log(`owed reconcile (${reason}) ran after ${attempt} attempts`);
        return;
      } catch (error) {
        const wait = backoffDelayMs(attempt, opts.policy, Math.random) + opts.policy.baseDelayMs;
        opts.log(
          `reconcile (${reason}) failed, retrying in ${Math.round(wait / 1000)} s: ${error instanceof Error ? error.message : String(error)}`,
        );
        await pause(wait, stopping.signal);
      }
    }
  }

  // One owed reconcile at a time: a reconcile covers everything stored, so what is owed while one is running
  // or retrying becomes one more run after it, not a loop of its own.
  let current: Promise<void> | null = null;
  const reasons: string[] = [];
  function schedule(reason: string): Promise<void> {
    reasons.push(reason);
    current ??= (async () => {
      try {
        while (reasons.length > 0 && !stopping.signal.aborted) await untilDone(reasons.splice(0).join("; "));
      } finally {
        current = null;
      }
    })();
    return current;
  }

  return {
    /** Resolves "done" when the reconcile ran within the answer window, "owed" when it goes on after it. */
    async owe(reason: string): Promise<"done" | "owed"> {
      const run = schedule(reason);
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<"owed">((resolve) => {
        timer = setTimeout(() => resolve("owed"), opts.answerWithinMs);
      });
      try {
        return await Promise.race([run.then(() => "done" as const), late]);
      } finally {
        clearTimeout(timer);
      }
    },
    /** Stops retrying and waits for reconciles in flight. */
    async stop(): Promise<void> {
      stopping.abort();
      await current;
    },
  };
}
