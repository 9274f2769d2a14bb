import type { Kpi } from "../model/index.js";
import type { RollupRow, Rollups } from "./types.js";

class Bucket {
  private readonly rows = new Map<string, RollupRow>();
  add(key: string, value: number, days: number): void {
    const row = this.rows.get(key);
    if (row) {
      row.valueAtRisk += value;
      row.conflicts += 1;
      row.daysShort += days;
    } else {
      this.rows.set(key, { key, valueAtRisk: value, conflicts: 1, daysShort: days });
    }
  }
  sorted(): RollupRow[] {
    return [...this.rows.values()].sort(
      (a, b) => b.valueAtRisk - a.valueAtRisk || b.conflicts - a.conflicts || (a.key < b.key ? -1 : 1),
    );
  }
}

/** One conflict as the roll-ups see it: its value and days, and the groups its actions belong to. */
export interface RollupEntry {
  valueAtRisk: number;
  daysShort: number;
  teams: Iterable<string>;
  businessUnits: Iterable<string>;
  kpiKeys: Iterable<string>;
}

/**
 * Sums conflicts per KPI, objective, team and business unit. Each conflict counts once in every group it
 * touches. Value at risk is split per KPI (days short × that KPI's cost of delay) so KPI and objective totals
 * do not double count; team and business unit get the conflict's whole value. Shared by the reconciler and by
 * the web admin, which rolls up the conflicts the last reconcile stored.
 */
export function createRollupAccumulator(kpis: ReadonlyMap<string, Kpi>) {
  const kpi = new Bucket();
  const objective = new Bucket();
  const team = new Bucket();
  const businessUnit = new Bucket();
  const total = { valueAtRisk: 0, conflicts: 0, daysShort: 0 };
  return {
    add(e: RollupEntry): void {
      const days = e.daysShort;
      total.valueAtRisk += e.valueAtRisk;
      total.conflicts += 1;
      total.daysShort += days;
      for (const t of new Set(e.teams)) team.add(t, e.valueAtRisk, days);
      for (const u of new Set(e.businessUnits)) businessUnit.add(u, e.valueAtRisk, days);
      const byObjective = new Map<string, number>();
      for (const key of new Set(e.kpiKeys)) {
        const k = kpis.get(key);
        if (!k) continue;
        const value = days * k.costOfDelayPerDay;
        kpi.add(key, value, days);
        byObjective.set(k.objective, (byObjective.get(k.objective) ?? 0) + value);
      }
      for (const [o, value] of byObjective) objective.add(o, value, days);
    },
    result(): Rollups {
      return {
        kpi: kpi.sorted(),
        objective: objective.sorted(),
        team: team.sorted(),
        businessUnit: businessUnit.sorted(),
        total: { ...total },
      };
    },
  };
}
