import { reconcileDuration, secondsSince } from "../ops/metrics.js";
import { type ReconcileResult, type RollupRow, type Rollups, reconcile } from "../reconcile/index.js";
import type { ApplyConflictsResult, RiskKind, RiskRow } from "../store/index.js";
import type { PlanData } from "./alert-work.js";
import type { AppContext } from "./app-context.js";

/** The roll-ups as the risk history keeps them: the weekly report's week-on-week change and trends. */
export function riskRows(r: Rollups): Omit<RiskRow, "asOf">[] {
  const of = (kind: RiskKind, rows: readonly RollupRow[]) =>
    rows.map((x) => ({
      kind,
      key: x.key,
      valueAtRisk: x.valueAtRisk,
      days: x.daysShort,
      conflicts: x.conflicts,
    }));
  return [
    ...of("kpi", r.kpi),
    ...of("objective", r.objective),
    ...of("businessUnit", r.businessUnit),
    ...of("team", r.team),
    {
      kind: "total",
      key: "",
      valueAtRisk: r.total.valueAtRisk,
      days: r.total.daysShort,
      conflicts: r.total.conflicts,
    },
  ];
}

export interface ReconcileOutcome {
  today: string;
  result: ReconcileResult;
  /** What changed against the conflicts stored by the previous run (opened, changed, resolved, unchanged). */
  diff: ApplyConflictsResult;
  /** What the reconcile read (removed actions included), for alert planning to reuse. */
  loaded: PlanData;
}

/**
 * The `reconcile` job: a full, pure reconcile over everything stored, then the I/O around it: resolved owners
 * and the conflict set written back, the diff against the previous run returned for alert planning.
 */
export async function reconcileStore(
  ctx: AppContext,
  today: string = ctx.today(),
): Promise<ReconcileOutcome> {
  const { store } = ctx;
  const started = process.hrtime.bigint();
  // Removed actions are read too (the reconciler ignores them) so alerts about them can still name them.
  const loaded: PlanData = {
    actions: await store.actions.list({ includeRemoved: true }),
    directory: await store.directory.load(),
    kpis: await store.directory.loadKpis(),
  };
  const result = reconcile({
    ...loaded,
    today,
    overrides: await store.conflicts.overrides(),
    forecastUnstarted: ctx.config.reconcile.forecastUnstarted,
  });
  const now = ctx.now();
  await store.actions.setOwners([...result.owners].map(([id, o]) => [id, o.personId] as const));
  const diff = await store.conflicts.apply(result.conflicts, now, today);
  await store.risk.record(today, riskRows(result.rollups), now);
  // Planning reads each action's resolved owner: hand it the actions as they now stand in the store.
  const actions = loaded.actions.map((a) => {
    const resolved = result.owners.get(a.id);
    return resolved === undefined || resolved.personId === a.owner ? a : { ...a, owner: resolved.personId };
  });
  reconcileDuration.observe(secondsSince(started));
  return { today, result, diff, loaded: { ...loaded, actions } };
}
