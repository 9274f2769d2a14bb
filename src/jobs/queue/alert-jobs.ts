import { createHash } from "node:crypto";
import { type AlertBatch, type AlertIntent, buildDigest, mergeForRecipient } from "../../alerts/index.js";
import { type AlertJob, AlertJobSchema, parseJobData } from "./job-data.js";
import type { JobQueues } from "./job-queues.js";
import { recipientOrder } from "./recipient-order.js";

export interface AlertEnqueueReport {
  intents: number;
  /** Messages asked for (a job id the queue already holds adds nothing: BullMQ keeps the first). */
  messages: number;
  /** Digest intents merged into a digest job already waiting for its hour. */
  mergedIntoDigest: number;
}

function delayUntil(deliverAfter: string | null, now: string): number {
  if (deliverAfter === null) return 0;
  return Math.max(0, Date.parse(deliverAfter) - Date.parse(now));
}

/** Where alert jobs go: the queue, and its connection for the per-recipient order (recipient-order.ts). */
export type AlertQueues = Pick<JobQueues, "alert" | "redis">;

async function addBatch(queues: AlertQueues, job: AlertJob, jobId: string, now: string): Promise<void> {
  // The job id is deterministic (the batch key, from the intents' keys): a duplicate detection or a retried
  // reconcile adds the same id, which BullMQ ignores while the first job exists; the ledger covers the rest.
  // https://docs.bullmq.io/guide/jobs/job-ids
  const delay = delayUntil(job.batch.deliverAfter, now);
  await recipientOrder(queues.redis, queues.alert).enlist(job.batch.recipientKey, jobId, Date.now() + delay);
  await queues.alert.add("alert", job, { jobId, delay });
}

function digestJob(intents: readonly AlertIntent[], personId: string): AlertJob | null {
  const batch = buildDigest(intents, { id: personId });
  if (!batch) return null;
  const shown = new Set(batch.intents.map((i) => i.key));
  const absorbed = [...new Map(intents.filter((i) => !shown.has(i.key)).map((i) => [i.key, i])).values()];
  return { batch, absorbed };
}

/**
 * One digest job per (person, digest instant): later reconciles merge their digest intents into the job while
 * it is still delayed, so a person hears one digest a day however many syncs ran. Reconcile jobs never run
 * concurrently (see enqueueReconcile), so this read-modify-write has a single writer. If the job left the
 * delayed state meanwhile (its hour came), what it did not carry goes out as a follow-up digest: late, never
 * lost, never twice (the follow-up holds only keys the first job did not).
 */
async function addDigest(
  queues: AlertQueues,
  personId: string,
  at: string,
  intents: readonly AlertIntent[],
  now: string,
): Promise<number> {
  const slotId = `dg_${createHash("sha256")
    .update(JSON.stringify([personId, at]))
    .digest("hex")
    .slice(0, 40)}`;
  // https://api.docs.bullmq.io/classes/v6.Queue.html#getjob
  const existing = await queues.alert.getJob(slotId);
  if (!existing) {
    const job = digestJob(intents, personId);
    if (job) await addBatch(queues, job, slotId, now);
    return 0;
  }
  const previous = parseJobData(AlertJobSchema, existing.data, `digest job ${slotId}`);
  const known = new Set(previous.batch.keys);
  const fresh = intents.filter((i) => !known.has(i.key));
  if (fresh.length === 0) return 0;
  if ((await existing.getState()) === "delayed") {
    // Earlier states first, so buildDigest keeps each conflict's latest state.
    const merged = digestJob([...previous.absorbed, ...previous.batch.intents, ...fresh], personId);
    if (merged) {
      // https://api.docs.bullmq.io/classes/v6.Job.html#updatedata
      await existing.updateData(merged);
      if ((await existing.getState()) === "delayed") return fresh.length;
    }
  }
  const followUp = digestJob(fresh, personId);
  if (followUp) await addBatch(queues, followUp, followUp.batch.key, now);
  return 0;
}

/**
 * The queue runner's alert step after a reconcile: merge per recipient (one owner, one message) and add one
 * alert job per message, delayed to its deliverAfter (quiet hours, digest time).
 */
export async function enqueueAlertIntents(
  queues: AlertQueues,
  intents: readonly AlertIntent[],
  now: string,
): Promise<AlertEnqueueReport> {
  const { batches, digest } = mergeForRecipient(intents);
  for (const batch of batches) await addBatch(queues, { batch, absorbed: [] }, batch.key, now);
  const slots = new Map<string, { personId: string; at: string; intents: AlertIntent[] }>();
  for (const intent of digest) {
    const personId = intent.recipient.personId;
    // Only people have digests; the planner never marks a channel's intent as digest.
    if (personId === null || intent.deliverAfter === null) {
      await addBatch(queues, { batch: singleBatch(intent), absorbed: [] }, intent.key, now);
      continue;
    }
    const id = `${personId}\u0000${intent.deliverAfter}`;
    const slot = slots.get(id) ?? { personId, at: intent.deliverAfter, intents: [] };
    slot.intents.push(intent);
    slots.set(id, slot);
  }
  let merged = 0;
  for (const slot of slots.values())
    merged += await addDigest(queues, slot.personId, slot.at, slot.intents, now);
  return { intents: intents.length, messages: batches.length + slots.size, mergedIntoDigest: merged };
}

function singleBatch(intent: AlertIntent): AlertBatch {
  const { batches } = mergeForRecipient([{ ...intent, digest: false }]);
  const batch = batches[0];
  if (!batch) throw new RangeError(`intent ${intent.key} merged into no batch`);
  return batch;
}
