import { type Command, InvalidArgumentError } from "commander";
import type { AlertSink } from "../../alerts/index.js";
import type { AppContext } from "../../jobs/app-context.js";
import {
  closeRedis,
  createJobQueues,
  createRedis,
  DEFAULT_CONCURRENCY,
  DEFAULT_QUEUE_PREFIX,
  type RunningWorkers,
  redisUrlFrom,
  startWorkers,
  upsertSyncSchedulers,
  type WorkerConcurrency,
  type WorkerEvent,
} from "../../jobs/queue/index.js";
import { type MailWatchers, startMailWatchers } from "../../jobs/queue/mail-watchers.js";
import { createAlertSinks } from "../../server/alert-sinks.js";
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

/** The URL without its password, for logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable REDIS_URL)";
  }
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

function describeEvent(e: WorkerEvent): string | null {
  switch (e.type) {
    case "failed":
      return `sightline worker: ${e.queue} job ${e.jobId ?? "?"} failed${e.willRetry ? " (will retry)" : ""}: ${e.error.message}\n`;
    case "error":
      return `sightline worker: ${e.queue} worker error: ${e.error.message}\n`;
    case "completed":
      return null;
  }
}

export interface WorkerProcessOptions {
  url: string;
  prefix: string;
  concurrency: WorkerConcurrency;
  /** Window in which reconcile requests collapse into one run (DEFAULT_RECONCILE_DEBOUNCE_MS when absent). */
  reconcileDebounceMs?: number;
  /** Resolves when the process should stop (a signal in the CLI, a test's trigger). */
  stop: Promise<string>;
  /** Overrides the sinks built from the config and environment (tests). */
  sinks?: readonly AlertSink[];
}

/**
 * A worker process: job schedulers upserted from the config, the four workers started, then held until `stop`.
 * Shutdown order: workers close first (BullMQ waits for in-flight jobs to finish, taking no new ones), then the
 * queues and connections; the store is closed last, by the caller (withContext).
 */
export async function runWorkerProcess(ctx: AppContext, io: Io, opts: WorkerProcessOptions): Promise<void> {
  const producer = createRedis(opts.url, "producer", "sightline-producer");
  const workerRedis = createRedis(opts.url, "worker", "sightline-worker");
  const queues = createJobQueues({
    redis: producer,
    prefix: opts.prefix,
    ...(opts.reconcileDebounceMs === undefined ? {} : { reconcileDebounceMs: opts.reconcileDebounceMs }),
  });
  let running: RunningWorkers | null = null;
  let watchers: MailWatchers | null = null;
  try {
    const schedules = await upsertSyncSchedulers(queues, ctx.config);
    for (const s of schedules.upserted) {
      io.err(`sightline worker: sync of ${s.instance} scheduled every ${s.everyMinutes} min\n`);
    }
    for (const id of schedules.removed) io.err(`sightline worker: removed the sync schedule of ${id}\n`);
    // The same delivery side as `sightline serve`: Slack and/or e-mail from the environment, then the console.
    let sinks = opts.sinks;
    if (!sinks) {
      const delivery = createAlertSinks(ctx.config, io.env, io.out);
      io.err(`sightline worker: ${delivery.describe}\n`);
      sinks = delivery.sinks;
    }
    running = startWorkers({
      ctx,
      queues,
      redis: workerRedis,
      sinks,
      concurrency: opts.concurrency,
      onEvent: (e) => {
        const line = describeEvent(e);
        if (line) io.err(line);
      },
    });
    io.err(
      `sightline worker: ready on ${redactUrl(opts.url)} (prefix ${opts.prefix}; concurrency sync ${opts.concurrency.sync}, ` +
        `alert ${opts.concurrency.alert}, writeback ${opts.concurrency.writeback})\n`,
    );
    watchers = startMailWatchers(ctx, queues, { log: (line) => io.err(`sightline worker: ${line}\n`) });
    const signal = await opts.stop;
    io.err(`sightline worker: ${signal}: finishing in-flight jobs\n`);
  } finally {
    await watchers?.stop();
    await running?.close();
    await queues.close();
    await Promise.all([closeRedis(workerRedis), closeRedis(producer)]);
  }
  io.err("sightline worker: stopped\n");
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
        // Checked before the store is opened: without Redis there is nothing for a worker to do.
        const url = redisUrlFrom(io.env, "sightline worker");
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
        await withContext(program.opts<GlobalOptions>(), io, (ctx) =>
          runWorkerProcess(ctx, io, {
            url,
            prefix: opts.prefix ?? io.env.SIGHTLINE_QUEUE_PREFIX ?? DEFAULT_QUEUE_PREFIX,
            concurrency: {
              sync: opts.syncConcurrency ?? DEFAULT_CONCURRENCY.sync,
              alert: opts.alertConcurrency ?? DEFAULT_CONCURRENCY.alert,
              writeback: opts.writebackConcurrency ?? DEFAULT_CONCURRENCY.writeback,
            },
            ...(debounce === undefined ? {} : { reconcileDebounceMs: debounce }),
            stop: untilStopSignal(),
          }),
        );
      },
    );
}
