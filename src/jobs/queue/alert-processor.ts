import { DelayedError, type Job, UnrecoverableError, Worker } from "bullmq";
import type { AlertBatch, AlertIntent, AlertSink } from "../../alerts/index.js";
import { SightlineError } from "../../model/index.js";
import type { AlertLedgerRepository } from "../../store/index.js";
import { deliverBatch, NoSinkError } from "../alert-work.js";
import type { AppContext } from "../app-context.js";
import { fallbackTarget, readdress } from "./alert-fallback.js";
import { enqueueAlertIntents } from "./alert-jobs.js";
import type { ChannelPacer } from "./channel-pacer.js";
import { withoutCleared } from "./cleared-intents.js";
import { type AlertJob, AlertJobSchema, parseJobData } from "./job-data.js";
import type { JobQueues } from "./job-queues.js";
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

/**
 * The target can never receive these: recorded as `failed` (deliverBatch released the claims when the sink
 * threw), so the catch-up planning of later reconciles does not send them into the same wall again. A material
 * change of the conflict is a new key and tries the target again.
 */
async function recordFailed(
  ctx: AppContext,
  batch: AlertBatch,
  byKey: ReadonlyMap<string, AlertIntent>,
  sinks: readonly AlertSink[],
): Promise<void> {
  const channel = sinks.find((s) => s.accepts(batch.recipient.target))?.name ?? "none";
  for (const key of batch.keys) {
    const intent = byKey.get(key);
    if (!intent) continue;
    await ctx.store.alerts.record({
      key,
      fingerprint: intent.conflict.fingerprint,
      recipient: intent.recipientKey,
      changeKey: intent.changeKey,
      channel,
      status: "failed",
      sentAt: ctx.now(),
    });
  }
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
 * Sink errors: `Retry-After` rate-limits the whole alert queue for that long and requeues the job without
 * counting an attempt (BullMQ's manual rate limit), so workers wait instead of spinning; a permanent error
 * (channel_not_found, users_not_found, not_in_channel, no sink) records the keys as `failed`, re-plans the
 * message to the next admin target (see alert-fallback.ts) and fails the job as unrecoverable.
 */
export function createAlertProcessor(deps: AlertProcessorDeps) {
  const { ctx, sinks, queues, pacer } = deps;
  return async (job: Job<AlertJob>, token?: string): Promise<AlertJobResult> => {
    const where = `alert job ${job.id ?? "?"}`;
    const data = parseJobData(AlertJobSchema, job.data, where);
    // Stalled: an earlier attempt lost its lock (its worker died), possibly holding claims it never marked
    // `sent` (a sink that throws gets its claims released by deliverBatch; a pacing delay or a rate limit
    // claims nothing). Those are released before anything else, also the claims of intents left out below.
    const retry = job.stalledCounter > 0;
    const ledger = ctx.store.alerts;
    if (retry && (await alreadyPosted(ctx, data.batch, [...data.absorbed, ...data.batch.intents], sinks))) {
      return { outcome: "delivered" };
    }
    if (retry) for (const key of data.batch.keys) await ledger.release(key);
    const live = await withoutCleared(ctx.store.conflicts, data);
    if (!live) return { outcome: "cleared" };
    const { batch, absorbed } = live;
    // A first attempt whose every key is already in the ledger sends nothing: do not spend a channel slot on it.
    if (!retry && (await everyKeyRecorded(ledger, batch.keys))) return { outcome: "already_sent" };

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
        await recordFailed(ctx, batch, byKey, sinks);
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

/** A dead attempt's post that the vendor has: its keys are recorded `sent` with it, so nothing posts twice. */
async function alreadyPosted(
  ctx: AppContext,
  batch: AlertBatch,
  intents: readonly AlertIntent[],
  sinks: readonly AlertSink[],
): Promise<boolean> {
  const sink = sinks.find((s) => s.accepts(batch.recipient.target));
  const found = sink?.findSent ? await sink.findSent(batch) : null;
  if (!sink || !found) return false;
  const now = ctx.now();
  for (const intent of intents) {
    await ctx.store.alerts.record({
      key: intent.key,
      fingerprint: intent.conflict.fingerprint,
      recipient: intent.recipientKey,
      changeKey: intent.changeKey,
      channel: sink.name,
      status: "pending",
      sentAt: now,
    });
    await ctx.store.alerts.update(intent.key, { status: "sent", messageRef: { ref: found.messageRef }, now });
  }
  return true;
}

async function everyKeyRecorded(ledger: AlertLedgerRepository, keys: readonly string[]): Promise<boolean> {
  for (const key of keys) if (!(await ledger.has(key))) return false;
  return true;
}
