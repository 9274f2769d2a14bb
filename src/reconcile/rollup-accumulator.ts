import type { Kpi, KpiImpact } from "../model/index.js";
import type { RollupRow, Rollups } from "./types.js";

/** One group (a KPI, an objective, a team, a business unit): its conflicts and the distinct KPIs it touches. */
class Group {
  conflicts = 0;
  readonly kpis = new Map<string, KpiImpact>();
}

class Bucket {
  private readonly groups = new Map<string, Group>();
  private group(key: string): Group {
    let g = this.groups.get(key);
    if (!g) {
      g = new Group();
      this.groups.set(key, g);
    }
    return g;
  }
  conflict(key: string): void {
    this.group(key).conflicts++;
  }
  kpi(key: string, impact: KpiImpact): void {
    this.group(key).kpis.set(impact.key, impact);
  }
  sorted(): RollupRow[] {
    return [...this.groups.entries()]
      .map(([key, g]) => rowOf(key, g.conflicts, g.kpis.values()))
      .sort((a, b) => b.valueAtRisk - a.valueAtRisk || b.conflicts - a.conflicts || (a.key < b.key ? -1 : 1));
  }
}

/** Value = the sum over distinct KPIs; days = the longest KPI delay among them. */
function rowOf(key: string, conflicts: number, impacts: Iterable<KpiImpact>): RollupRow {
  let valueAtRisk = 0;
  let daysShort = 0;
  for (const i of impacts) {
    valueAtRisk += i.valueAtRisk;
    daysShort = Math.max(daysShort, i.delayDays);
  }
  return { key, valueAtRisk, conflicts, daysShort };
}

/** One conflict as the roll-ups see it: the groups its actions belong to and the KPIs it touches. */
export interface RollupEntry {
  teams: Iterable<string>;
  businessUnits: Iterable<string>;
  /** Every KPI the conflict touches (counted for its conflicts), delayed or not. */
  kpiKeys: Iterable<string>;
  /** The delayed ones among them, with their delay and value (the same for every conflict on a KPI). */
  kpiImpact: readonly KpiImpact[];
}

/**
 * Roll-ups per KPI, objective, team and business unit, in money a CFO would sign: each group's value is the
 * sum over the distinct KPIs it touches of that KPI's own impact (delay × cost of delay), never a sum over
 * conflicts, so one slip seen by seven conflicts counts once. A KPI's days are its delay; a group's, the
 * longest among its KPIs. `kpi()` adds a KPI delayed with no conflict on it (a root cause with no dependents
 * left to warn still delays it). Shared by the reconciler and by the web admin, which rolls up the conflicts
 * the last reconcile stored.
 */
export function createRollupAccumulator(kpis: ReadonlyMap<string, Kpi>) {
  const kpi = new Bucket();
  const objective = new Bucket();
  const team = new Bucket();
  const businessUnit = new Bucket();
  const all = new Map<string, KpiImpact>();
  let conflicts = 0;
  const addKpi = (impact: KpiImpact) => {
    const k = kpis.get(impact.key);
    if (!k || impact.delayDays === 0) return;
    all.set(impact.key, impact);
    kpi.kpi(impact.key, impact);
    objective.kpi(k.objective, impact);
  };
  return {
    add(e: RollupEntry): void {
      conflicts++;
      const touched = new Set<string>();
      for (const key of new Set(e.kpiKeys)) {
        const k = kpis.get(key);
        if (!k) continue;
        kpi.conflict(key);
        touched.add(k.objective);
      }
      for (const o of touched) objective.conflict(o);
      const teams = new Set(e.teams);
      const units = new Set(e.businessUnits);
      for (const t of teams) team.conflict(t);
      for (const u of units) businessUnit.conflict(u);
      for (const impact of e.kpiImpact) {
        if (!kpis.has(impact.key)) continue;
        addKpi(impact);
        for (const t of teams) team.kpi(t, impact);
        for (const u of units) businessUnit.kpi(u, impact);
      }
    },
    kpi: addKpi,
    result(): Rollups {
      return {
        kpi: kpi.sorted(),
        objective: objective.sorted(),
        team: team.sorted(),
        businessUnit: businessUnit.sorted(),
        total: (({ key: _, ...rest }) => rest)(rowOf("", conflicts, all.values())),
      };
    },
  };
}

/** What a set of conflicts puts at risk: each KPI they touch once, with its own impact. */
export function distinctKpiValue(conflicts: Iterable<{ kpiImpact: readonly KpiImpact[] }>): number {
  const seen = new Map<string, number>();
  for (const c of conflicts) for (const i of c.kpiImpact) seen.set(i.key, i.valueAtRisk);
  let sum = 0;
  for (const v of seen.values()) sum += v;
  return sum;
}
