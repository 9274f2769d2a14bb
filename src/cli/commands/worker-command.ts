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
  sinksFor,
  startWorkers,
  upsertSyncSchedulers,
  type WorkerConcurrency,
  type WorkerEvent,
} from "../../jobs/queue/index.js";
import { type GlobalOptions, type Io, withContext } from "../cli-context.js";

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
  /** Resolves when the process should stop (a signal in the CLI, a test's trigger). */
  stop: Promise<string>;
  /** Overrides sinksFor(ctx) (tests). */
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
  const queues = createJobQueues({ redis: producer, prefix: opts.prefix });
  let running: RunningWorkers | null = null;
  try {
    const schedules = await upsertSyncSchedulers(queues, ctx.config);
    for (const s of schedules.upserted) {
      io.err(`sightline worker: sync of ${s.instance} scheduled every ${s.everyMinutes} min\n`);
    }
    for (const id of schedules.removed) io.err(`sightline worker: removed the sync schedule of ${id}\n`);
    running = startWorkers({
      ctx,
      queues,
      redis: workerRedis,
      sinks: opts.sinks ?? sinksFor(ctx, { env: io.env, write: io.out }),
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
    const signal = await opts.stop;
    io.err(`sightline worker: ${signal}: finishing in-flight jobs\n`);
  } finally {
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
    .action(
      async (opts: {
        prefix?: string;
        syncConcurrency?: number;
        alertConcurrency?: number;
        writebackConcurrency?: number;
      }) => {
        // Checked before the store is opened: without Redis there is nothing for a worker to do.
        const url = redisUrlFrom(io.env, "sightline worker");
        await withContext(program.opts<GlobalOptions>(), io, (ctx) =>
          runWorkerProcess(ctx, io, {
            url,
            prefix: opts.prefix ?? io.env.SIGHTLINE_QUEUE_PREFIX ?? DEFAULT_QUEUE_PREFIX,
            concurrency: {
              sync: opts.syncConcurrency ?? DEFAULT_CONCURRENCY.sync,
              alert: opts.alertConcurrency ?? DEFAULT_CONCURRENCY.alert,
              writeback: opts.writebackConcurrency ?? DEFAULT_CONCURRENCY.writeback,
            },
            stop: untilStopSignal(),
          }),
        );
      },
    );
}
