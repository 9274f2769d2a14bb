import { DelayedError, type Job, UnrecoverableError, Worker } from "bullmq";
import type { AlertSink } from "../../alerts/index.js";
import { SightlineError } from "../../model/index.js";
import { deliverBatch, NoSinkError } from "../alert-work.js";
import type { AppContext } from "../app-context.js";
import { fallbackTarget, readdress } from "./alert-fallback.js";
import { enqueueAlertIntents } from "./alert-jobs.js";
import { alreadyPosted, everyKeyRecorded, recordFailed } from "./alert-records.js";
import type { ChannelPacer } from "./channel-pacer.js";
import { withoutCleared } from "./cleared-intents.js";
import { type AlertJob, AlertJobSchema, parseJobData } from "./job-data.js";
import type { JobQueues } from "./job-queues.js";
import type { RecipientOrder } from "./recipient-order.js";
import { classifySinkError, type SinkFailure } from "./sink-errors.js";
import type { SinkOutage } from "./sink-outage.js";

export interface AlertProcessorDeps {
  ctx: AppContext;
  sinks: readonly AlertSink[];
  queues: JobQueues;
  pacer: ChannelPacer;
  order: RecipientOrder;
  outage: SinkOutage;
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

/** A follower polls about once per message ahead of it (each takes a channel slot of ~1 s), at most every 30 s. */
function followerWaitMs(ahead: number): number {
  return Math.min(30_000, ahead * 1000);
}

/** Spreads the jobs an outage held so they do not all probe the sink in the same millisecond. */
function jitterMs(): number {
  return Math.floor(Math.random() * 250);
}

function failureOf(error: unknown): SinkFailure {
  // No sink for the target (NoSinkError, or a fallback sink that ran out) is as permanent as a deleted
  // channel: fall back instead of retrying.
  if (error instanceof NoSinkError || (error instanceof SightlineError && error.code === "no_alert_sink")) {
    return { kind: "permanent", code: error.code };
  }
  return classifySinkError(error);
}

/**
 * The `alert` job: one message, through deliverBatch (the same code the in-process runner uses).
 *
 * Exactly once, and the crash window: deliverBatch claims the batch's ledger keys as `pending`, sends, then
 * marks them `sent` (and releases the claims if the sink throws). A first attempt that finds keys already
 * claimed backs off (another job has them). When this same job starts again after its worker died mid-send
 * (stalledCounter > 0: the stalled-job check requeued it), the sink is asked first whether the dead attempt's
 * post went out (Slack: the batch key in the message's metadata, read back from the conversation); if it did,
 * the keys are recorded `sent` with that message and nothing is posted again. Otherwise the claims are
 * released and the message is sent. What is left: a sink that cannot tell (e-mail, a Slack #name) may send a
 * duplicate in that window; we prefer that rare duplicate to an alert silently lost.
 *
 * A message that waited is checked against the store first: conflicts that cleared meanwhile are left out
 * (see cleared-intents.ts).
 *
 * Holding without spending an attempt (the job is moved to delayed and comes back): while its sink is marked
 * down (sink-outage.ts), while an earlier message to the same recipient has not left (recipient-order.ts), and
 * until its channel's next free slot (channel-pacer.ts). So an outage of any length ends with every message
 * sent, once, in order per recipient, one per second per channel.
 *
 * Sink errors: unreachable marks the sink down and holds the job; `Retry-After` rate-limits the whole alert
 * queue for that long and requeues the job without counting an attempt (BullMQ's manual rate limit); a
 * permanent error (channel_not_found, users_not_found, not_in_channel, no sink) records the keys as `failed`,
 * re-plans the message to the next admin target (see alert-fallback.ts) and fails the job as unrecoverable;
 * anything else is retried with the queue's backoff.
 */
export function createAlertProcessor(deps: AlertProcessorDeps) {
  const { ctx, sinks, queues, pacer, order, outage } = deps;
  return async (job: Job<AlertJob>, token?: string): Promise<AlertJobResult> => {
    const where = `alert job ${job.id ?? "?"}`;
    const data = parseJobData(AlertJobSchema, job.data, where);
    const jobId = job.id ?? data.batch.key;
    const recipient = data.batch.recipientKey;
    const finished = async (outcome: AlertJobResult["outcome"]): Promise<AlertJobResult> => {
      await order.done(recipient, jobId);
      return { outcome };
    };
    const hold = async (ms: number, why: string, pacedAt?: number): Promise<never> => {
      // Without the lock token the job cannot be moved; failing it makes BullMQ retry after the backoff.
      if (token === undefined) throw new SightlineError("alert_held", `${where}: ${why} for ${ms} ms`);
      if (pacedAt !== undefined) await job.updateData({ ...data, pacedAt });
      // https://docs.bullmq.io/patterns/process-step-jobs#delaying (moveToDelayed, then DelayedError)
      await job.moveToDelayed(Date.now() + ms, token);
      throw new DelayedError();
    };

    // Stalled: an earlier attempt lost its lock (its worker died), possibly holding claims it never marked
    // `sent` (a sink that throws gets its claims released by deliverBatch; a hold or a rate limit claims
    // nothing). Those are released before anything else, also the claims of intents left out below.
    const retry = job.stalledCounter > 0;
    const ledger = ctx.store.alerts;
    if (retry && (await alreadyPosted(ctx, data.batch, [...data.absorbed, ...data.batch.intents], sinks))) {
      return await finished("delivered");
    }
    if (retry) for (const key of data.batch.keys) await ledger.release(key);
    const live = await withoutCleared(ctx.store.conflicts, data);
    if (!live) return await finished("cleared");
    const { batch, absorbed } = live;
    // A first attempt whose every key is already in the ledger sends nothing: do not spend a channel slot on it.
    if (!retry && (await everyKeyRecorded(ledger, batch.keys))) return await finished("already_sent");

    const sink = sinks.find((s) => s.accepts(batch.recipient.target));
    if (sink) {
      const down = await outage.downFor(sink.name);
      if (down > 0) await hold(down + jitterMs(), `${sink.name} is down`);
    }
    const ahead = await order.ahead(recipient, jobId);
    if (ahead > 0) await hold(followerWaitMs(ahead), `${ahead} earlier message(s) to ${recipient} first`);
    // Only new posts are paced per channel; edits (chat.update) fall under a per-workspace tier that
    // Retry-After covers. A job woken for the slot it reserved sends without reserving again.
    if (batch.mode === "post" && !holdsSlot(data.pacedAt)) {
      const waitMs = await pacer.reserve(batch.recipient.target);
      if (waitMs > 0) await hold(waitMs, "channel busy", Date.now() + waitMs);
    }

    const byKey = new Map([...absorbed, ...batch.intents].map((i) => [i.key, i]));
    try {
      const outcome = await deliverBatch(ctx, batch, byKey, sinks);
      if (sink) await outage.reached(sink.name);
      return await finished(outcome);
    } catch (error) {
      const failure = failureOf(error);
      if (failure.kind === "unreachable" && sink) {
        const ms = await outage.failed(sink.name);
        return await hold(ms + jitterMs(), `${sink.name} unreachable (${String(error)})`);
      }
      if (failure.kind === "rate_limited") {
        // https://docs.bullmq.io/guide/rate-limiting#manual-rate-limit
        await queues.alert.rateLimit(failure.retryAfterMs);
        throw Worker.RateLimitError();
      }
      if (failure.kind === "permanent") {
        await recordFailed(ctx, batch, byKey, sinks);
        await order.done(recipient, jobId);
        const target = fallbackTarget(batch.recipientKey, ctx.config.alerts);
        let next = "no admin target left to fall back to";
        if (target) {
          await enqueueAlertIntents(queues, readdress(batch, target), ctx.now());
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
