import { DelayedError, type Job, UnrecoverableError, Worker } from "bullmq";
import type { AlertSink } from "../../alerts/index.js";
import { SightlineError } from "../../model/index.js";
import { deliverBatch, NoSinkError } from "../alert-work.js";
import type { AppContext } from "../app-context.js";
import { fallbackTarget, readdress } from "./alert-fallback.js";
import { enqueueAlertIntents } from "./alert-jobs.js";
import type { ChannelPacer } from "./channel-pacer.js";
import { withoutCleared } from "./cleared-intents.js";
import { type AlertJob, AlertJobSchema, parseJobData } from "./job-data.js";
import type { JobQueues } from "./job-queues.js";
import { failPendingClaims, releasePendingClaims } from "./ledger-claims.js";
import { classifySinkError, type SinkFailure } from "./sink-errors.js";

export interface AlertProcessorDeps {
  ctx: AppContext;
  sinks: readonly AlertSink[];
  queues: JobQueues;
  pacer: ChannelPacer;
}

export interface AlertJobResult {
  /** `cleared`: every conflict the message was about cleared while it waited; nothing was sent. */
  outcome: "delivered" | "already_sent" | "cleared";
}

/**
 * A reserved slot is used within 100 ms of it either way (clock skew between workers, timer jitter). A job woken
 * later than that (workers busy, the queue's limiter full) reserves again: sending late would crowd the post
 * that holds the next slot.
 */
function holdsSlot(pacedAt: number | undefined): boolean {
  if (pacedAt === undefined) return false;
  return Math.abs(Date.now() - pacedAt) <= 100;
}

function failureOf(error: unknown): SinkFailure {
  // No sink for the target is as permanent as a deleted channel: fall back instead of retrying.
  if (error instanceof NoSinkError) return { kind: "permanent", code: error.code };
  return classifySinkError(error);
}

/**
 * The `alert` job: one message, through deliverBatch (the same code the in-process runner uses).
 *
 * Exactly once, and the crash window: deliverBatch claims the batch's ledger keys as `pending`, sends, then
 * marks them `sent`. A first attempt that finds keys already claimed backs off (another job has them). When
 * this same job starts again (attemptsStarted > 1: the worker died mid-send and the stalled-job check requeued
 * it, or the sink threw), its own `pending` claims are released and the message is sent: the only duplicate
 * possible is a process killed after the vendor accepted the message and before `sent` was written — a
 * window of one SQLite write. We prefer that rare duplicate to an alert silently lost.
 *
 * A message that waited is checked against the store first: conflicts that cleared meanwhile are left out
 * (see cleared-intents.ts).
 *
 * Sink errors: `Retry-After` rate-limits the whole alert queue for that long and requeues the job without
 * counting an attempt (BullMQ's manual rate limit), so workers wait instead of spinning; a permanent error
 * (channel_not_found, users_not_found, not_in_channel, no sink) marks the claims `failed`, re-plans the
 * message to the next admin target (see alert-fallback.ts) and fails the job as unrecoverable.
 */
export function createAlertProcessor(deps: AlertProcessorDeps) {
  const { ctx, sinks, queues, pacer } = deps;
  return async (job: Job<AlertJob>, token?: string): Promise<AlertJobResult> => {
    const where = `alert job ${job.id ?? "?"}`;
    const data = parseJobData(AlertJobSchema, job.data, where);
    const retry = job.attemptsStarted > 1;
    // Before anything else, so claims of intents left out below do not stay pending forever.
    if (retry) releasePendingClaims(ctx.store, data.batch.keys);
    const live = withoutCleared(ctx.store, data);
    if (!live) return { outcome: "cleared" };
    const { batch, absorbed } = live;
    const ledger = ctx.store.alertLedger;
    // A first attempt whose every key is already in the ledger sends nothing: do not spend a channel slot on it.
    if (!retry && batch.keys.every((k) => ledger.has(k))) return { outcome: "already_sent" };

    // Only new posts are paced per channel; edits (chat.update) fall under a per-workspace tier that
    // Retry-After covers. A job woken for the slot it reserved sends without reserving again.
    if (batch.mode === "post" && !holdsSlot(data.pacedAt)) {
      const waitMs = await pacer.reserve(batch.recipient.target);
      if (waitMs > 0) {
        // Without the lock token the job cannot be moved; failing it makes BullMQ retry after the backoff.
        if (token === undefined)
          throw new SightlineError("alert_paced", `${where}: channel busy for ${waitMs} ms`);
        const pacedAt = Date.now() + waitMs;
        await job.updateData({ ...data, pacedAt });
        // https://docs.bullmq.io/patterns/process-step-jobs#delaying (moveToDelayed, then DelayedError)
        await job.moveToDelayed(pacedAt, token);
        throw new DelayedError();
      }
    }

    const byKey = new Map([...absorbed, ...batch.intents].map((i) => [i.key, i]));
    try {
      return { outcome: await deliverBatch(ctx, batch, byKey, sinks) };
    } catch (error) {
      const failure = failureOf(error);
      if (failure.kind === "rate_limited") {
        // https://docs.bullmq.io/guide/rate-limiting#manual-rate-limit
        await queues.alert.rateLimit(failure.retryAfterMs);
        throw Worker.RateLimitError();
      }
      if (failure.kind === "permanent") {
        failPendingClaims(ctx.store, batch.keys, ctx.now());
        const target = fallbackTarget(batch.recipientKey, ctx.config.alerts);
        let next = "no admin target left to fall back to";
        if (target) {
          await enqueueAlertIntents(queues.alert, readdress(batch, target), ctx.now());
          next = `re-planned to ${target.channel} ${target.to}`;
        }
        throw new UnrecoverableError(
          `${where}: ${batch.recipientKey} cannot receive alerts (${failure.code}); ${next}`,
        );
      }
      throw error;
    }
  };
}
