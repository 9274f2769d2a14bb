import { and, isNotNull, isNull, sql } from "drizzle-orm";
import type { Kpi } from "../../model/index.js";
import { createRollupAccumulator } from "../../reconcile/index.js";
import type { Store } from "../../store/index.js";
import { actions } from "../../store/schema-actions.js";
import { conflicts } from "../../store/schema-conflicts.js";
import type { ConflictItem, KpiReport, KpiRow } from "../api/schemas.js";
import { kpisById } from "./action-rows.js";
import { enrichConflicts } from "./conflicts-query.js";
import { personNames } from "./people.js";

/**
 * The reconciler's roll-ups (src/reconcile/rollups.ts), computed from the conflicts the last reconcile stored
 * instead of re-running it: every unresolved conflict counts once per KPI, objective, team and business unit
 * it touches; KPI and objective get days short × that KPI's cost of delay, team and unit the whole value.
 * Schedule conflicts count their own KPIs, the others also the KPIs of the actions involved.
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
    acc.add({
      valueAtRisk: c.valueAtRisk,
      daysShort: c.daysShort ?? 0,
      teams: c.teams,
      businessUnits: c.businessUnits,
      kpiKeys: keys,
    });
  }
  return acc.result();
}

/** Per KPI: live actions serving it, and how many of the open ones slipped past their first due date, by how much. */
function servingStats(store: Store): Map<string, { actions: number; slipped: number; slipDays: number }> {
  // julianday() of two YYYY-MM-DD texts differs by whole days exactly: the slip is computed where the rows
  // are, in one grouped scan, instead of pulling 100k rows into JavaScript.
  const slip = sql<number>`max(0, cast(julianday(${actions.due}) - julianday(${actions.baselineDue}) as integer))`;
  const open = sql`${actions.status} not in ('done', 'cancelled') and ${actions.due} is not null and ${actions.baselineDue} is not null`;
  const rows = store.db
    .select({
      kpi: sql<string>`j.value`,
      actions: sql<number>`count(*)`,
      slipped: sql<number>`sum(case when ${open} and ${actions.due} > ${actions.baselineDue} then 1 else 0 end)`,
      slipDays: sql<number>`sum(case when ${open} then ${slip} else 0 end)`,
    })
    .from(sql`${actions}, json_each(${actions.kpis}) as j`)
    .where(isNull(actions.removedAt))
    .groupBy(sql`j.value`)
    .all();
  return new Map(rows.map((r) => [r.kpi, { actions: r.actions, slipped: r.slipped, slipDays: r.slipDays }]));
}

/**
 * Value at risk over time, honestly limited to what is stored: each conflict counts with its latest value
 * from when it was first seen until it was resolved (a conflict that reopened counts from its reopening).
 */
function riskSeries(store: Store, nowIso: string): { at: string; valueAtRisk: number }[] {
  const rows = store.db
    .select({
      firstSeen: conflicts.firstSeen,
      resolvedAt: conflicts.resolvedAt,
      value: sql<number>`json_extract(${conflicts.payload}, '$.valueAtRisk')`,
    })
    .from(conflicts)
    .where(and(isNotNull(conflicts.firstSeen), sql`json_extract(${conflicts.payload}, '$.valueAtRisk') > 0`))
    .all();
  const steps = new Map<string, number>();
  for (const r of rows) {
    steps.set(r.firstSeen, (steps.get(r.firstSeen) ?? 0) + r.value);
    if (r.resolvedAt) steps.set(r.resolvedAt, (steps.get(r.resolvedAt) ?? 0) - r.value);
  }
  let level = 0;
  const series = [...steps.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([at, delta]) => {
      level += delta;
      return { at, valueAtRisk: Math.max(0, Math.round(level * 100) / 100) };
    });
  const last = series[series.length - 1];
  if (last && last.at < nowIso) series.push({ at: nowIso, valueAtRisk: last.valueAtRisk });
  return series;
}

export function kpiReport(store: Store, currency: string, nowIso: string): KpiReport {
  const items = enrichConflicts(store, store.loadConflicts({ status: ["open", "acknowledged", "snoozed"] }));
  const involved = [...new Set(items.filter((c) => c.type !== "schedule").flatMap((c) => c.actionIds))];
  const kpisOf = kpisById(store.db, involved);
  const kpis = store.loadKpis();
  const rollups = rollupsFromStored(items, kpis, kpisOf);
  const risk = new Map(rollups.kpi.map((r) => [r.key, r]));
  const stats = servingStats(store);
  const names = personNames(store);
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
  return { currency, objectives, rollups, series: riskSeries(store, nowIso) };
}
