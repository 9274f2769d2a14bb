import type { Conflict, Kpi, KpiImpact } from "../model/index.js";
import { FLAG_CLOSED, NONE } from "./codes.js";
import { human, plural } from "./dates.js";
import type { Engine } from "./engine.js";
import { money } from "./rules/conflict-kit.js";
import { plannedFinish } from "./schedule.js";

/** A KPI's delay with the dates it comes from. */
export interface KpiDelay extends KpiImpact {
  /** Latest forecast finish of its live actions (day number, NONE when none is dated). */
  forecastFinish: number;
  /** Latest planned finish of the same actions at baseline (their first due date). */
  baselineFinish: number;
}

/**
 * When each KPI lands against when it was planned to. A KPI is delivered when its last live action finishes:
 * its delay is the latest forecast finish of its open actions minus the latest planned finish of the same
 * actions at baseline (the first due date Sightline saw, else the plan), never below zero. The value at risk
 * is that delay × its cost of delay per day. One figure per KPI, whatever number of conflicts lead to it:
 * a 42-day slip along a chain is 42 days for the KPI, not 42 + 37 + 29. The root cause's own slip counts,
 * since it is one of the KPI's actions.
 */
export function computeKpiDelays(g: Engine): Map<string, KpiDelay> {
  const { nodes } = g;
  const latest = new Map<Kpi, { ff: number; base: number }>();
  for (let s = 0; s < nodes.n; s++) {
    if (!nodes.alive(s) || (nodes.flags[s]! & FLAG_CLOSED) !== 0) continue;
    const ff = nodes.ff[s]!;
    if (ff === NONE) continue;
    const baseline = nodes.baseline[s]!;
    const base = baseline !== NONE ? baseline : plannedFinish(nodes, s);
    for (const key of nodes.actions[s]!.kpis) {
      const kpi = g.kpiByKey.get(key);
      if (!kpi) continue;
      const at = latest.get(kpi);
      if (!at) latest.set(kpi, { ff, base });
      else {
        if (ff > at.ff) at.ff = ff;
        if (base > at.base) at.base = base;
      }
    }
  }
  const out = new Map<string, KpiDelay>();
  for (const [kpi, { ff, base }] of latest) {
    const delayDays = base === NONE ? 0 : Math.max(0, ff - base);
    out.set(kpi.key, {
      key: kpi.key,
      delayDays,
      valueAtRisk: delayDays * kpi.costOfDelayPerDay,
      forecastFinish: ff,
      baselineFinish: base,
    });
  }
  return out;
}

/**
 * The conflict with its KPIs' impact: the figures, their sum as its value at risk, and a sentence saying what
 * each delayed KPI loses ("ARR lands 42 days late (3 Apr 2026, planned 20 Feb 2026): €168,000.").
 */
export function withKpiImpact(
  c: Conflict,
  delays: ReadonlyMap<string, KpiDelay>,
  kpis: ReadonlyMap<string, Kpi>,
): Conflict {
  if (c.kpis.length === 0) return c;
  const impact: KpiImpact[] = [];
  const said: string[] = [];
  for (const key of c.kpis) {
    const d = delays.get(key);
    const kpi = kpis.get(key);
    if (!d || !kpi || d.delayDays === 0) continue;
    impact.push({ key, delayDays: d.delayDays, valueAtRisk: d.valueAtRisk });
    const cost = kpi.costOfDelayPerDay > 0 ? `: ${money(d.valueAtRisk, kpi.currency)}` : "";
    said.push(
      `${kpi.name} lands ${plural(d.delayDays, "day")} late (${human(d.forecastFinish)}, planned ${human(d.baselineFinish)})${cost}.`,
    );
  }
  const valueAtRisk = impact.reduce((sum, i) => sum + i.valueAtRisk, 0);
  return {
    ...c,
    kpiImpact: impact,
    valueAtRisk,
    message: said.length > 0 ? `${c.message} ${said.join(" ")}` : c.message,
  };
}
