import { createHash } from "node:crypto";
import { type DefaultJobOptions, type Job, Queue } from "bullmq";
import type { Redis } from "ioredis";
import { closeRedis, DEFAULT_QUEUE_PREFIX } from "./connection.js";
import {
  type AlertJob,
  type QueueName,
  type ReconcileJob,
  type SyncJob,
  SyncJobSchema,
  type WritebackJob,
  WritebackJobSchema,
} from "./job-data.js";

export { DEFAULT_QUEUE_PREFIX } from "./connection.js";
/**
 * No window by default: a burst then runs reconcile at most twice (at once, and once after with everything that
 * arrived meanwhile; see enqueueReconcile). A window makes it once per burst, but puts the job in BullMQ's
 * delayed set, whose promotion waits for Redis' blocking-command timeout check: up to 1/hz s late (100 ms at
 * Redis' default hz 10), measured +65 ms median on every change; too much of a 250 ms webhook-to-Slack budget.
 */
export const DEFAULT_RECONCILE_DEBOUNCE_MS = 0;

export interface JobQueuesOptions {
  /** A producer connection (ioredis default retries); shared by the four queues. */
  redis: Redis;
  /** Redis key prefix of every queue; tests use a random one. */
  prefix?: string;
  reconcileDebounceMs?: number;
  /** Quit `redis` on close (when the caller created it for these queues only). */
  ownsRedis?: boolean;
  /** Where the queues' errors go (a RedisWatch); without it BullMQ prints each one with console.error. */
  onError?: (source: string, error: Error) => void;
}

export interface WritebackRequest {
  actionId: string;
  change: WritebackJob["change"];
  requestedBy: string;
}

/** The producer side of distributed mode: what the server, the CLI and the processors enqueue. */
export interface JobQueues {
  readonly prefix: string;
  readonly reconcileDebounceMs: number;
  readonly sync: Queue<SyncJob>;
  readonly reconcile: Queue<ReconcileJob>;
  readonly alert: Queue<AlertJob>;
  readonly writeback: Queue<WritebackJob>;
  readonly redis: Redis;
  /** Syncs one connector instance; a sync already waiting for it absorbs this one, a running one gets one follow-up. */
  enqueueSync(instance: string, reason: string): Promise<Job<SyncJob>>;
  /** Debounced: calls within the window collapse into one reconcile, calls while one runs into one more after it. */
  enqueueReconcile(reason: string): Promise<Job<ReconcileJob>>;
  /** Writes new dates back to the action's tool; an identical request still in flight is not queued twice. */
  enqueueWriteback(request: WritebackRequest): Promise<Job<WritebackJob>>;
  close(): Promise<void>;
}

/** The four queues by name (the metrics' queue label, the dashboard's list). */
export function queuesByName(q: JobQueues): Readonly<Record<QueueName, Queue>> {
  return { sync: q.sync, reconcile: q.reconcile, alert: q.alert, writeback: q.writeback };
}

// Failed jobs stay a week for the operators' dashboard; completed ones long enough to debug a day.
const KEEP_FAILED = { age: 7 * 24 * 3600 };
const KEEP_DONE = { age: 24 * 3600, count: 1000 };

const DEFAULTS: Record<"sync" | "reconcile" | "alert" | "writeback", DefaultJobOptions> = {
  // The connector retried what was transient (src/sync/retry.ts); a run that still failed retryable is tried
  // again by the next scheduled sync, not by a second retry loop stacked on the first.
  sync: {
    attempts: 1,
    removeOnComplete: KEEP_DONE,
    removeOnFail: KEEP_FAILED,
  },
  reconcile: {
    attempts: 3,
    backoff: { type: "exponential", delay: 2_000 },
    removeOnComplete: KEEP_DONE,
    removeOnFail: KEEP_FAILED,
  },
  // Completed alert jobs are kept a week: while one is kept its job id (the batch key) also stops a re-plan of
  // the same batch from being queued at all; the alert ledger stops it after that.
  alert: {
    attempts: 8,
    backoff: { type: "exponential", delay: 2_000, jitter: 0.2 },
    removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
    removeOnFail: KEEP_FAILED,
  },
  // A person asked for this change: a retryable failure (an outage that outlasted the connector's retries)
  // is tried again after a minute, then two; anything else fails at once (failingAtOnceUnlessRetryable).
  writeback: {
    attempts: 3,
    backoff: { type: "exponential", delay: 60_000 },
    removeOnComplete: KEEP_DONE,
    removeOnFail: KEEP_FAILED,
  },
};

function hashId(parts: readonly unknown[]): string {
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex").slice(0, 32);
}

export function createJobQueues(opts: JobQueuesOptions): JobQueues {
  const prefix = opts.prefix ?? DEFAULT_QUEUE_PREFIX;
  const debounce = Math.max(0, opts.reconcileDebounceMs ?? DEFAULT_RECONCILE_DEBOUNCE_MS);
  // https://api.docs.bullmq.io/classes/v6.Queue.html (an ioredis instance is shared, not closed by the queue)
  const make = <T>(name: keyof typeof DEFAULTS) => {
    const queue = new Queue<T>(name, { connection: opts.redis, prefix, defaultJobOptions: DEFAULTS[name] });
    const onError = opts.onError;
    if (onError) queue.on("error", (error) => onError(`${name} queue`, error));
    return queue;
  };
  const sync = make<SyncJob>("sync");
  const reconcile = make<ReconcileJob>("reconcile");
  const alert = make<AlertJob>("alert");
  const writeback = make<WritebackJob>("writeback");

  return {
    prefix,
    reconcileDebounceMs: debounce,
    sync,
    reconcile,
    alert,
    writeback,
    redis: opts.redis,

    enqueueSync(instance, reason) {
      const data = SyncJobSchema.parse({ instance, reason });
      // keepLastIfActive: a sync requested while one runs is not dropped (the running one may have read the
      // source before the change) but kept as the one follow-up. Deduplication ids are not job ids: `-` only
      // for readability. https://docs.bullmq.io/guide/jobs/deduplication#keep-last-if-active-mode
      return sync.add("sync", data, { deduplication: { id: `sync-${instance}`, keepLastIfActive: true } });
    },

    enqueueReconcile(reason) {
      // Debounce with deduplication. With a window, the first call creates a job delayed by it and the calls
      // while it waits are deduplicated into it: one run after the burst. keepLastIfActive keeps the
      // deduplication key for the job's whole life and turns calls made while it runs into exactly one
      // follow-up run: a change committed after the running reconcile read the store is never lost, and two
      // reconciles never run at once (which also makes the digest read-modify-write in alert-jobs.ts safe).
      // With keepLastIfActive BullMQ ignores `ttl`; it is set to the window for the throttle semantics should
      // that option ever be dropped. https://docs.bullmq.io/guide/jobs/deduplication
      return reconcile.add(
        "reconcile",
        { reason },
        {
          ...(debounce > 0 ? { delay: debounce } : {}),
          deduplication: { id: "reconcile", ttl: Math.max(1, debounce), keepLastIfActive: true },
        },
      );
    },

    enqueueWriteback(request) {
      const data = WritebackJobSchema.parse(request);
      // Simple-mode deduplication: a double click queues one write while the first is still in flight; the
      // same change asked again later (after a revert) is a new job.
      const { start, due } = data.change;
      // undefined (leave the date alone) and null (clear it) are different requests.
      const id = `wb-${hashId([data.actionId, start === undefined ? "keep" : start, due === undefined ? "keep" : due])}`;
      return writeback.add("writeback", data, { deduplication: { id } });
    },

    async close() {
      await Promise.all([sync.close(), reconcile.close(), alert.close(), writeback.close()]);
      if (opts.ownsRedis) await closeRedis(opts.redis);
    },
  };
}
