/**
 * Waits `ms`, or rejects with the signal's reason as soon as it aborts: what every connector's retry loop and
 * every watch uses between attempts. The global `setTimeout` on purpose: vitest's fake timers control it
 * (node:timers/promises is not faked), so tests run whole backoff schedules without waiting.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** The same wait, ending quietly (resolving) when the signal aborts: for loops that check the signal next. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return sleep(ms, signal).catch(() => undefined);
}
