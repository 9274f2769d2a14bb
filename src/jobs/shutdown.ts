import { SightlineError } from "../model/index.js";

type Env = Readonly<Record<string, string | undefined>>;

/** How long `serve` and `worker` wait for in-flight work after SIGTERM before stopping without it. */
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 30_000;

/** SIGHTLINE_SHUTDOWN_TIMEOUT_MS, else the default; a value that is not 1 ms to 1 h is refused by name. */
export function shutdownTimeoutFrom(env: Env): number {
  const raw = env.SIGHTLINE_SHUTDOWN_TIMEOUT_MS?.trim();
  if (!raw) return DEFAULT_SHUTDOWN_TIMEOUT_MS;
  const ms = Number(raw);
  if (!/^\d+$/.test(raw) || ms < 1 || ms > 3_600_000) {
    throw new SightlineError(
      "shutdown_timeout_invalid",
      `SIGHTLINE_SHUTDOWN_TIMEOUT_MS: expected milliseconds from 1 to 3600000, got "${raw}"`,
    );
  }
  return ms;
}

/**
 * The process stopped before its in-flight work finished. Nothing is lost: a queued job whose worker went away
 * is retried once its lock expires, and the ledger's claims make the retry send nothing twice.
 */
export class ShutdownTimeoutError extends SightlineError {
  /** Not a usage error (2): the process ran and failed to stop cleanly. */
  readonly exitCode = 1;
  constructor(what: string, ms: number, left: string) {
    super(
      "shutdown_timeout",
      `${what}: stopped after ${ms / 1000} s without waiting further for ${left} ` +
        "(queued jobs are retried by another worker once their lock expires)",
    );
  }
}

/** Waits for `work` at most `ms`: true when it finished, false when the time ran out first. */
export async function finishesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([work.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
