import { type Job, UnrecoverableError } from "bullmq";
import { SightlineError } from "../../model/index.js";
import { isRetryable } from "../../sync/retry.js";
import { planOwed } from "../alert-work.js";
import type { AppContext } from "../app-context.js";
import { reconcileStore } from "../reconcile-work.js";
import { syncConnector } from "../sync-work.js";
import {
  type WriteBackDeps,
  WriteBackError,
  type WriteBackOutcome,
  writeBackAction,
} from "../writeback-work.js";
import { type AlertEnqueueReport, enqueueAlertIntents } from "./alert-jobs.js";
import {
  parseJobData,
  type ReconcileJob,
  ReconcileJobSchema,
  type SyncJob,
  SyncJobSchema,
  type WritebackJob,
  WritebackJobSchema,
} from "./job-data.js";
import type { JobQueues } from "./job-queues.js";

export interface ProcessorDeps {
  ctx: AppContext;
  queues: JobQueues;
  /** How write-back jobs build connectors (createConnector by default). */
  connect?: WriteBackDeps["connect"];
}

export interface SyncJobResult {
  instance: string;
  changed: number;
  paused: string | null;
}

/**
 * A failure no retry can help (a refused token, a missing spreadsheet) fails its job at once, with its message
 * on the job (Bull Board) as on the run (the sources page): the connector already retried what was transient.
 */
async function failingAtOnceUnlessRetryable<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isRetryable(error)) throw error;
    const code = error instanceof SightlineError ? `${error.code}: ` : "";
    throw new UnrecoverableError(`${code}${error instanceof Error ? error.message : String(error)}`);
  }
}

/** `sync`: one connector instance (syncConnector, as the CLI runs it); a reconcile follows only when something changed. */
export function createSyncProcessor({ ctx, queues }: ProcessorDeps) {
  return async (job: Job<SyncJob>): Promise<SyncJobResult> => {
    const { instance } = parseJobData(SyncJobSchema, job.data, `sync job ${job.id ?? "?"}`);
    const report = await failingAtOnceUnlessRetryable(() => syncConnector(ctx, instance));
    if (report.changedIds.length > 0) await queues.enqueueReconcile(`sync ${instance}`);
    return { instance, changed: report.changedIds.length, paused: report.paused };
  };
}

export interface ReconcileJobResult {
  opened: number;
  changed: number;
  resolved: number;
  alerts: AlertEnqueueReport;
}

/**
 * `reconcile`: reconcileStore (which writes the conflict changes to the outbox in its transaction), then one
 * alert job per merged message of what the outbox owes. A crash between the two loses nothing: the next
 * reconcile job finds the changes still owed.
 */
export function createReconcileProcessor({ ctx, queues }: ProcessorDeps) {
  return async (job: Job<ReconcileJob>): Promise<ReconcileJobResult> => {
    parseJobData(ReconcileJobSchema, job.data, `reconcile job ${job.id ?? "?"}`);
    const { diff, loaded } = await reconcileStore(ctx);
    // What the outbox owes (this diff, and what a reconcile that died before enqueueing left), enqueued under
    // deterministic job ids, then marked announced: a crash in between enqueues the same jobs again (no-ops).
    const { intents, ids } = await planOwed(ctx, loaded);
    const alerts = await enqueueAlertIntents(queues, intents, ctx.now());
    await ctx.store.conflicts.markAnnounced(ids, ctx.now());
    return {
      opened: diff.opened.length,
      changed: diff.changed.length,
      resolved: diff.resolved.length,
      alerts,
    };
  };
}

export interface WritebackJobResult {
  actionId: string;
  changed: number;
}

/**
 * `writeback`: writeBackAction (the in-process code), then a debounced reconcile when the stored record changed.
 * An action or connector that cannot take the change fails the job at once: retrying cannot help. Tool errors
 * (network, 5xx, 429) propagate and are retried with backoff.
 */
export function createWritebackProcessor({ ctx, queues, connect }: ProcessorDeps) {
  return async (
    job: Job<WritebackJob>,
    _token?: string,
    signal?: AbortSignal,
  ): Promise<WritebackJobResult> => {
    const data = parseJobData(WritebackJobSchema, job.data, `writeback job ${job.id ?? "?"}`);
    const deps: WriteBackDeps = { ...(connect ? { connect } : {}), ...(signal ? { signal } : {}) };
    let outcome: WriteBackOutcome;
    try {
      outcome = await failingAtOnceUnlessRetryable(() => writeBackAction(ctx, data, deps));
    } catch (error) {
      if (error instanceof WriteBackError) throw new UnrecoverableError(`${error.code}: ${error.message}`);
      throw error;
    }
    if (outcome.changedIds.length > 0) await queues.enqueueReconcile(`writeback ${data.actionId}`);
    return { actionId: data.actionId, changed: outcome.changedIds.length };
  };
}
