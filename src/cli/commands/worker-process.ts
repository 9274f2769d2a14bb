// The worker process itself, loaded by `sightline worker` only (see worker-command.ts).
import type { AlertSink } from "../../alerts/index.js";
import { createAlertSinks } from "../../jobs/alert-sinks.js";
import type { AppContext } from "../../jobs/app-context.js";
import {
  closeRedis,
  createJobQueues,
  createRedis,
  createRedisWatch,
  type RedisWatch,
  type RunningWorkers,
  startWorkers,
  upsertSyncSchedulers,
  type WorkerConcurrency,
  type WorkerEvent,
} from "../../jobs/queue/index.js";
import { type MailWatchers, startMailWatchers } from "../../jobs/queue/mail-watchers.js";
import { redactUrl } from "../../model/index.js";
import type { Io } from "../cli-context.js";

export { DEFAULT_CONCURRENCY, queueLocation } from "../../jobs/queue/index.js";

function logEvent(e: WorkerEvent, io: Io, redis: RedisWatch): void {
  switch (e.type) {
    case "failed":
      io.err(
        `sightline worker: ${e.queue} job ${e.jobId ?? "?"} failed${e.willRetry ? " (will retry)" : ""}: ${e.error.message}\n`,
      );
      return;
    case "error":
      redis.error(`${e.queue} worker`, e.error);
      return;
    case "completed":
      return;
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
  const redis = createRedisWatch((line) => io.err(`sightline worker: ${line}\n`));
  redis.watch(producer);
  redis.watch(workerRedis);
  const queues = createJobQueues({
    redis: producer,
    prefix: opts.prefix,
    onError: redis.error,
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
      onEvent: (e) => logEvent(e, io, redis),
    });
    io.err(
      `sightline worker: ready on ${redactUrl(opts.url, "(unparseable REDIS_URL)")} (prefix ${opts.prefix}; concurrency sync ${opts.concurrency.sync}, ` +
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
