// The worker process itself, loaded by `sightline worker` only (see worker-command.ts).
import type { Redis } from "ioredis";
import type { AlertSink } from "../../alerts/index.js";
import { createAlertSinks } from "../../jobs/alert-sinks.js";
import type { AppContext } from "../../jobs/app-context.js";
import {
  closeRedis,
  createJobQueues,
  createRedis,
  createRedisWatch,
  queuesByName,
  type RedisWatch,
  type RunningWorkers,
  startWorkers,
  upsertSyncSchedulers,
  type WorkerConcurrency,
  type WorkerEvent,
} from "../../jobs/queue/index.js";
import { type MailWatchers, startMailWatchers } from "../../jobs/queue/mail-watchers.js";
import { DEFAULT_SHUTDOWN_TIMEOUT_MS, finishesWithin, ShutdownTimeoutError } from "../../jobs/shutdown.js";
import { redactUrl } from "../../model/index.js";
import { type MetricsServer, metricsListenFrom, startMetricsServer } from "../../ops/metrics-server.js";
import { createProcessLog, logFormatFrom, type ProcessLog } from "../../ops/process-log.js";
import type { Io } from "../cli-context.js";

export { DEFAULT_CONCURRENCY, queueLocation } from "../../jobs/queue/index.js";
export { shutdownTimeoutFrom } from "../../jobs/shutdown.js";

function logEvent(e: WorkerEvent, log: ProcessLog, redis: RedisWatch): void {
  switch (e.type) {
    case "failed":
      log.warn(
        `${e.queue} job ${e.jobId ?? "?"} failed${e.willRetry ? " (will retry)" : ""}: ${e.error.message}`,
        { queue: e.queue, jobId: e.jobId, willRetry: e.willRetry },
      );
      return;
    case "error":
      redis.error(`${e.queue} worker`, e.error);
      return;
    case "completed":
      return;
  }
}

/** Whether the connection is (or, still connecting, becomes) ready before its first error. */
function answers(redis: Redis): Promise<boolean> {
  if (redis.status === "ready") return Promise.resolve(true);
  if (redis.status !== "connecting" && redis.status !== "connect" && redis.status !== "wait")
    return Promise.resolve(false);
  return new Promise((resolve) => {
    redis.once("ready", () => resolve(true));
    redis.once("error", () => resolve(false));
  });
}

export interface WorkerProcessOptions {
  url: string;
  prefix: string;
  concurrency: WorkerConcurrency;
  /** Window in which reconcile requests collapse into one run (DEFAULT_RECONCILE_DEBOUNCE_MS when absent). */
  reconcileDebounceMs?: number;
  /** Resolves when the process should stop (a signal in the CLI, a test's trigger). */
  stop: Promise<string>;
  /** How long in-flight jobs get after `stop` (DEFAULT_SHUTDOWN_TIMEOUT_MS when absent). */
  shutdownTimeoutMs?: number;
  /** Overrides the sinks built from the config and environment (tests). */
  sinks?: readonly AlertSink[];
  /** Where the process logs; pino on stderr in the format SIGHTLINE_LOG_FORMAT or the terminal asks for. */
  log?: ProcessLog;
}

/**
 * A worker process: job schedulers upserted from the config, the four workers started, then held until `stop`.
 * Shutdown order: workers close first (BullMQ waits for in-flight jobs to finish, taking no new ones), then the
 * queues and connections; the store is closed last, by the caller (withContext). The wait is bounded: past
 * `shutdownTimeoutMs` the connections are dropped and a ShutdownTimeoutError says what was left running.
 * A stop that comes while Redis is still unreachable at start stops at once.
 */
export async function runWorkerProcess(ctx: AppContext, io: Io, opts: WorkerProcessOptions): Promise<void> {
  const events = opts.log ?? createProcessLog("worker", logFormatFrom(io.env, io.isTty), io.err);
  const log = (line: string) => events.info(line);
  const producer = createRedis(opts.url, "producer", "sightline-producer");
  const workerRedis = createRedis(opts.url, "worker", "sightline-worker");
  const redis = createRedisWatch((line, level) => events[level](line), {
    address: redactUrl(opts.url, "(unparseable REDIS_URL)"),
  });
  redis.watch(producer);
  redis.watch(workerRedis);
  const queues = createJobQueues({
    redis: producer,
    prefix: opts.prefix,
    onError: redis.error,
    ...(opts.reconcileDebounceMs === undefined ? {} : { reconcileDebounceMs: opts.reconcileDebounceMs }),
  });
  // Filled in by startup, which a stop can overtake (so not narrowed to null by the compiler).
  const started: {
    running: RunningWorkers | null;
    watchers: MailWatchers | null;
    metrics: MetricsServer | null;
  } = { running: null, watchers: null, metrics: null };
  const metricsAt = metricsListenFrom(io.env);
  const startup = (async () => {
    const schedules = await upsertSyncSchedulers(queues, ctx.config);
    for (const s of schedules.upserted) log(`sync of ${s.instance} scheduled every ${s.everyMinutes} min`);
    for (const id of schedules.removed) log(`removed the sync schedule of ${id}`);
    // The same delivery side as `sightline serve`: Slack and/or e-mail from the environment, then the console.
    let sinks = opts.sinks;
    if (!sinks) {
      const delivery = createAlertSinks(ctx.config, io.env, io.out);
      log(delivery.describe);
      sinks = delivery.sinks;
    }
    const running = startWorkers({
      ctx,
      queues,
      redis: workerRedis,
      sinks,
      concurrency: opts.concurrency,
      onEvent: (e) => logEvent(e, events, redis),
    });
    log(
      `ready on ${redactUrl(opts.url, "(unparseable REDIS_URL)")} (prefix ${opts.prefix}; concurrency sync ${opts.concurrency.sync}, ` +
        `alert ${opts.concurrency.alert}, writeback ${opts.concurrency.writeback})`,
    );
    started.running = running;
    started.watchers = startMailWatchers(ctx, queues, { log });
    if (metricsAt) {
      started.metrics = await startMetricsServer(metricsAt, {
        store: ctx.store,
        connectors: ctx.config.connectors.map((c) => c.id),
        queues: queuesByName(queues),
      });
      log(`metrics on ${started.metrics.url}`);
    }
  })();
  const timeoutMs = opts.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS;
  const drop = async () => {
    producer.disconnect();
    workerRedis.disconnect();
    await finishesWithin(queues.close(), 1_000);
  };
  let signal: string;
  try {
    signal = await Promise.race([opts.stop, startup.then(() => opts.stop)]);
  } catch (error) {
    await drop();
    throw error;
  }
  // A stop that came while Redis answers lets the startup finish (it is quick then), so it can drain as usual.
  if (!started.running && (await answers(producer))) await finishesWithin(startup, timeoutMs);
  if (!started.running) {
    // The stop overtook the startup (Redis unreachable): nothing runs yet, so nothing to wait for. The startup's
    // pending commands reject as the connections drop; that is the stop that was asked for, not an error.
    startup.catch(() => {});
    log(`${signal}: stopping before the workers started`);
    await drop();
    return;
  }
  log(`${signal}: finishing in-flight jobs (at most ${timeoutMs / 1000} s)`);
  const { running, watchers, metrics } = started;
  const graceful = (async () => {
    await metrics?.close();
    await watchers?.stop();
    await running.close();
    await queues.close();
    await Promise.all([closeRedis(workerRedis), closeRedis(producer)]);
  })();
  if (await finishesWithin(graceful, timeoutMs)) {
    log("stopped");
    return;
  }
  // Past the deadline the graceful close is abandoned: its rejection (closed connections) is the point.
  graceful.catch(() => {});
  producer.disconnect();
  workerRedis.disconnect();
  await finishesWithin(running.close(true), 1_000);
  throw new ShutdownTimeoutError("worker", timeoutMs, "in-flight jobs");
}
