import type { Kpi } from "../../model/index.js";
import { createRollupAccumulator } from "../../reconcile/index.js";
import type { Store } from "../../store/index.js";
import type { ConflictItem, KpiReport, KpiRow } from "../api/schemas.js";
import { asOfRun, enrichConflicts } from "./conflicts-query.js";
import { personNames } from "./people.js";

/**
 * The reconciler's roll-ups (src/reconcile/rollups.ts), computed from the conflicts the last reconcile stored
 * instead of re-running it: every unresolved conflict counts once per KPI, objective, team and business unit
 * it touches, and each group's value is the sum over its distinct KPIs of the KPI's delay × cost of delay,
 * as each conflict recorded it. Schedule conflicts count their own KPIs, the others also the KPIs of the
 * actions involved.
 */
export function rollupsFromStored(
  items: readonly ConflictItem[],
  kpis: readonly Kpi[],
  kpisOf: Map<string, string[]>,
) {
  const byKey = new Map(kpis.map((k) => [k.key, k]));
  const acc = createRollupAccumulator(byKey);
  for (const c of items) {
    const keys = new Set(c.kpis);
    if (c.type !== "schedule") {
      for (const id of c.actionIds) for (const k of kpisOf.get(id) ?? []) if (byKey.has(k)) keys.add(k);
    }
    acc.add({ teams: c.teams, businessUnits: c.businessUnits, kpiKeys: keys, kpiImpact: c.kpiImpact });
  }
  return acc.result();
}

/**
 * Value at risk over time: the total each recorded reconcile day had (the risk history, each KPI once), held
 * until now. Days are drawn at noon UTC so no zone moves a point to the neighbouring day.
 */
async function riskSeries(store: Store, nowIso: string): Promise<{ at: string; valueAtRisk: number }[]> {
  const rows = await store.risk.between("0000-01-01", "9999-12-31");
  const series = rows
    .filter((r) => r.kind === "total")
    .map((r) => ({ at: `${r.asOf}T12:00:00.000Z`, valueAtRisk: r.valueAtRisk }));
  const last = series[series.length - 1];
  if (last && last.at < nowIso) series.push({ at: nowIso, valueAtRisk: last.valueAtRisk });
  return series;
}

export async function kpiReport(store: Store, currency: string, nowIso: string): Promise<KpiReport> {
  const items = await enrichConflicts(
    store,
    await store.conflicts.list({ status: ["open", "acknowledged", "snoozed"] }),
  );
  const involved = [...new Set(items.filter((c) => c.type !== "schedule").flatMap((c) => c.actionIds))];
  const kpisOf = await store.reads.kpisOf(involved);
  const kpis = await store.directory.loadKpis();
  const rollups = rollupsFromStored(items, kpis, kpisOf);
  const risk = new Map(rollups.kpi.map((r) => [r.key, r]));
  const stats = await store.reads.kpiServing();
  const names = await personNames(store);
  const rows: KpiRow[] = kpis.map((k) => {
    const r = risk.get(k.key);
    const s = stats.get(k.key);
    return {
      key: k.key,
      name: k.name,
      objective: k.objective,
      owner: k.owner,
      ownerName: k.owner ? (names.get(k.owner) ?? null) : null,
      businessUnit: k.businessUnit,
      costOfDelayPerDay: k.costOfDelayPerDay,
      currency: k.currency,
      valueAtRisk: r?.valueAtRisk ?? 0,
      conflicts: r?.conflicts ?? 0,
      daysShort: r?.daysShort ?? 0,
      actions: s?.actions ?? 0,
      slippedActions: s?.slipped ?? 0,
      slipDays: s?.slipDays ?? 0,
    };
  });
  const objectiveRisk = new Map(rollups.objective.map((r) => [r.key, r]));
  const objectives = [...new Set(kpis.map((k) => k.objective))]
    .map((objective) => ({
      objective,
      valueAtRisk: objectiveRisk.get(objective)?.valueAtRisk ?? 0,
      conflicts: objectiveRisk.get(objective)?.conflicts ?? 0,
      kpis: rows.filter((r) => r.objective === objective).sort((a, b) => b.valueAtRisk - a.valueAtRisk),
    }))
    .sort((a, b) => b.valueAtRisk - a.valueAtRisk || (a.objective < b.objective ? -1 : 1));
  return {
    asOf: await asOfRun(store),
    currency,
    objectives,
    rollups,
    series: await riskSeries(store, nowIso),
  };
}
