import { type Command, InvalidArgumentError } from "commander";
import { CliUsageError, type GlobalOptions, type Io, withContext } from "../cli-context.js";

/** Milliseconds from 0 to 60000, or null. */
function readDebounce(value: string): number | null {
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 && n <= 60_000 ? n : null;
}

function debounceMs(value: string): number {
  const n = readDebounce(value);
  if (n === null) throw new InvalidArgumentError(`expected milliseconds from 0 to 60000, got "${value}"`);
  return n;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 256) {
    throw new InvalidArgumentError(`expected a whole number from 1 to 256, got "${value}"`);
  }
  return n;
}

/** Resolves with the first SIGTERM or SIGINT, then stops listening (a second signal gets Node's default: exit). */
export function untilStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals) => {
      process.off("SIGTERM", on);
      process.off("SIGINT", on);
      resolve(signal);
    };
    process.on("SIGTERM", on);
    process.on("SIGINT", on);
  });
}

export function registerWorker(program: Command, io: Io): void {
  program
    .command("worker")
    .description("run the sync, reconcile, alert and writeback workers on Redis (REDIS_URL) until SIGTERM")
    .option("--prefix <prefix>", "Redis key prefix of the queues (env SIGHTLINE_QUEUE_PREFIX)")
    .option("--sync-concurrency <n>", "sync jobs run at once by this process", positiveInt)
    .option("--alert-concurrency <n>", "alert jobs run at once by this process", positiveInt)
    .option("--writeback-concurrency <n>", "write-back jobs run at once by this process", positiveInt)
    .option(
      "--reconcile-debounce <ms>",
      "collapse reconcile requests made within this window into one run (env SIGHTLINE_RECONCILE_DEBOUNCE_MS; default 0: a burst runs at most twice)",
      debounceMs,
    )
    .action(
      async (opts: {
        prefix?: string;
        syncConcurrency?: number;
        alertConcurrency?: number;
        writebackConcurrency?: number;
        reconcileDebounce?: number;
      }) => {
        // Loaded here, not at start: BullMQ, Redis and the Slack client cost a second every other command
        // would pay for nothing.
        const { DEFAULT_CONCURRENCY, queueLocation, runWorkerProcess, shutdownTimeoutFrom } = await import(
          "./worker-process.js"
        );
        // Checked before the store is opened: without Redis there is nothing for a worker to do.
        const { url, prefix } = queueLocation(io.env, "sightline worker", opts.prefix);
        const envDebounce = io.env.SIGHTLINE_RECONCILE_DEBOUNCE_MS;
        let debounce = opts.reconcileDebounce;
        if (debounce === undefined && envDebounce) {
          const fromEnv = readDebounce(envDebounce);
          if (fromEnv === null) {
            throw new CliUsageError(
              `SIGHTLINE_RECONCILE_DEBOUNCE_MS: expected milliseconds from 0 to 60000, got "${envDebounce}"`,
            );
          }
          debounce = fromEnv;
        }
        const shutdownTimeoutMs = shutdownTimeoutFrom(io.env);
        await withContext(program.opts<GlobalOptions>(), io, (ctx) =>
          runWorkerProcess(ctx, io, {
            url,
            prefix,
            concurrency: {
              sync: opts.syncConcurrency ?? DEFAULT_CONCURRENCY.sync,
              alert: opts.alertConcurrency ?? DEFAULT_CONCURRENCY.alert,
              writeback: opts.writebackConcurrency ?? DEFAULT_CONCURRENCY.writeback,
            },
            ...(debounce === undefined ? {} : { reconcileDebounceMs: debounce }),
            stop: untilStopSignal(),
            shutdownTimeoutMs,
          }),
        );
      },
    );
}
