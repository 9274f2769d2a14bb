import { type Job, Worker, type WorkerOptions } from "bullmq";
import type { Redis } from "ioredis";
import type { AlertSink } from "../../alerts/index.js";
import type { AppContext } from "../app-context.js";
import { createAlertProcessor } from "./alert-processor.js";
import { createChannelPacer, type slackPaceMs } from "./channel-pacer.js";
import type { QueueName } from "./job-data.js";
import type { JobQueues } from "./job-queues.js";
import {
  createReconcileProcessor,
  createSyncProcessor,
  createWritebackProcessor,
  type ProcessorDeps,
} from "./processors.js";
import { recipientOrder } from "./recipient-order.js";
import { createSinkOutage, type OutageBackoff } from "./sink-outage.js";

export interface WorkerConcurrency {
  sync: number;
  alert: number;
  writeback: number;
}

export const DEFAULT_CONCURRENCY: WorkerConcurrency = { sync: 2, alert: 8, writeback: 2 };

/**
 * A deployment-wide ceiling on alert job fetches (all workers together). It has to exist for the Retry-After
 * rate limit to work: BullMQ's moveToActive only honours the queue's rate-limit key (set by queue.rateLimit)
 * when the worker has a `limiter`; without one, a 429 would not stop the next fetch. It counts fetches, not
 * posts: a post that waits for its channel's slot is fetched twice.
 * https://docs.bullmq.io/guide/rate-limiting
 */
export const DEFAULT_ALERT_LIMITER = { max: 100, duration: 1000 };

export interface StartWorkersOptions {
  ctx: AppContext;
  queues: JobQueues;
  /** A connection with `maxRetriesPerRequest: null`; each worker duplicates it for its blocking commands. */
  redis: Redis;
  sinks: readonly AlertSink[];
  concurrency?: Partial<WorkerConcurrency>;
  /** Lock and stall settings (tests shorten them); BullMQ's defaults otherwise. */
  workerOptions?: Pick<WorkerOptions, "lockDuration" | "stalledInterval" | "maxStalledCount" | "drainDelay">;
  /** Alert job fetches per `duration` ms across all workers; DEFAULT_ALERT_LIMITER when absent. */
  alertLimiter?: { max: number; duration: number };
  /** Per-target pacing of alert sends; Slack's one message per second per channel by default. */
  paceMs?: typeof slackPaceMs;
  /** How long alerts wait for a sink that cannot be reached (DEFAULT_OUTAGE_BACKOFF; tests shorten it). */
  outageBackoff?: OutageBackoff;
  /** Job failures and worker errors, for the operator's log. */
  onEvent?: (event: WorkerEvent) => void;
  only?: readonly QueueName[];
  /** How write-back jobs build connectors (createConnector by default). */
  connect?: ProcessorDeps["connect"];
}

export type WorkerEvent =
  | { type: "failed"; queue: QueueName; jobId: string | null; error: Error; willRetry: boolean }
  | { type: "completed"; queue: QueueName; jobId: string | null; result: unknown }
  | { type: "error"; queue: QueueName; error: Error };

export interface RunningWorkers {
  readonly workers: readonly Worker[];
  /**
   * Waits for in-flight jobs to finish (BullMQ's graceful close), then returns; the caller closes the store.
   * `force` stops without waiting: their locks expire and another worker retries them.
   */
  close(force?: boolean): Promise<void>;
}

/**
 * Starts the four workers of one process. Reconcile runs one at a time (its deduplication keeps it to one
 * across all processes too). Any number of processes may run this against the same Redis and SQLite file.
 */
export function startWorkers(opts: StartWorkersOptions): RunningWorkers {
  const { ctx, queues, redis } = opts;
  const concurrency = { ...DEFAULT_CONCURRENCY, ...opts.concurrency };
  const pacer = createChannelPacer(queues.redis, queues.prefix, opts.paceMs);
  const deps: ProcessorDeps = { ctx, queues, ...(opts.connect ? { connect: opts.connect } : {}) };
  const only = new Set<QueueName>(opts.only ?? ["sync", "reconcile", "alert", "writeback"]);
  const workers: Worker[] = [];

  const start = <T>(
    name: QueueName,
    processor: (job: Job<T>, token?: string, signal?: AbortSignal) => Promise<unknown>,
    n: number,
    extra: Pick<WorkerOptions, "limiter"> = {},
  ) => {
    if (!only.has(name)) return;
    // https://api.docs.bullmq.io/classes/v6.Worker.html
    const worker = new Worker<T>(name, processor, {
      connection: redis,
      prefix: queues.prefix,
      concurrency: n,
      ...extra,
      ...opts.workerOptions,
    });
    const emit = opts.onEvent;
    // An 'error' listener is required: without one an emitted error would crash the process.
    worker.on("error", (error) => emit?.({ type: "error", queue: name, error }));
    if (emit) {
      worker.on("failed", (job, error) =>
        emit({
          type: "failed",
          queue: name,
          jobId: job?.id ?? null,
          error,
          willRetry:
            job !== undefined &&
            error.name !== "UnrecoverableError" &&
            job.attemptsMade < (job.opts.attempts ?? 1),
        }),
      );
      worker.on("completed", (job, result) =>
        emit({ type: "completed", queue: name, jobId: job.id ?? null, result }),
      );
    }
    workers.push(worker);
  };

  start("sync", createSyncProcessor(deps), concurrency.sync);
  start("reconcile", createReconcileProcessor(deps), 1);
  const order = recipientOrder(queues.redis, queues.alert);
  const outage = createSinkOutage(queues.redis, queues.prefix, opts.outageBackoff);
  const alerts = createAlertProcessor({ ctx, sinks: opts.sinks, queues, pacer, order, outage });
  start("alert", alerts, concurrency.alert, { limiter: opts.alertLimiter ?? DEFAULT_ALERT_LIMITER });
  start("writeback", createWritebackProcessor(deps), concurrency.writeback);

  return {
    workers,
    async close(force = false) {
      await Promise.all(workers.map((w) => w.close(force)));
    },
  };
}
