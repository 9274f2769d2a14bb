import type { AlertSink } from "../alerts/index.js";
import type { SyncReport } from "../sync/index.js";
import { type AlertRunReport, alertOwed } from "./alert-work.js";
import type { AppContext } from "./app-context.js";
import { type ReconcileOutcome, reconcileStore } from "./reconcile-work.js";
import { type SyncWorkOptions, syncConnector } from "./sync-work.js";

export interface PipelineReport {
  syncs: SyncReport[];
  reconcile: ReconcileOutcome;
  alerts: AlertRunReport;
}

export interface PipelineOptions extends SyncWorkOptions {
  /** Connector ids to sync; every enabled one when absent. */
  connectorIds?: readonly string[];
  today?: string;
  sinks: readonly AlertSink[];
}

/**
 * The embedded default: the same jobs the queue workers run (sync per instance, reconcile, alert), in order,
 * in this process. A failing sync is reported by its SyncError and stops the run before reconcile, so alerts
 * never go out on half a picture.
 */
export async function runPipeline(ctx: AppContext, opts: PipelineOptions): Promise<PipelineReport> {
  const ids = opts.connectorIds ?? ctx.config.connectors.filter((c) => c.enabled).map((c) => c.id);
  const syncs: SyncReport[] = [];
  for (const id of ids) syncs.push(await syncConnector(ctx, id, opts));
  const reconcile = await reconcileStore(ctx, opts.today ?? ctx.today());
  const alerts = await alertOwed(ctx, opts.sinks, reconcile.loaded);
  return { syncs, reconcile, alerts };
}
