import type { Conflict } from "../model/index.js";
import type { Engine } from "./engine.js";
import { normalizeName } from "./owner-resolver.js";
import type { RollupRow, Rollups } from "./types.js";

/** Group key for actions with no team or business unit, so their risk still shows up. */
export const UNASSIGNED = "(none)";

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

/**
 * Roll-ups per KPI, objective, team and business unit. Each conflict counts once in every group its
 * actions belong to. Value at risk is split per KPI (days short × that KPI's cost of delay) so KPI and
 * objective totals do not double count; team and business unit get the conflict's whole value. An action
 * without a business unit takes its team's (from the directory). Sums run in conflict order, so they are
 * deterministic.
 */
export function computeRollups(g: Engine, conflicts: readonly Conflict[]): Rollups {
  const teamUnits = new Map<string, string>();
  for (const t of g.input.directory.teams) {
    if (t.businessUnit === null) continue;
    teamUnits.set(normalizeName(t.name), t.businessUnit);
    for (const a of t.aliases) teamUnits.set(normalizeName(a), t.businessUnit);
  }
  const unitByTeamText = new Map<string, string | undefined>();
  const unitOf = (team: string) => {
    if (!unitByTeamText.has(team)) unitByTeamText.set(team, teamUnits.get(normalizeName(team)));
    return unitByTeamText.get(team);
  };
  const kpi = new Bucket();
  const objective = new Bucket();
  const team = new Bucket();
  const businessUnit = new Bucket();
  const total = { valueAtRisk: 0, conflicts: 0, daysShort: 0 };
  for (const c of conflicts) {
    const days = c.daysShort ?? 0;
    total.valueAtRisk += c.valueAtRisk;
    total.conflicts += 1;
    total.daysShort += days;
    const teams = new Set<string>();
    const units = new Set<string>();
    const kpiKeys = new Set<string>(c.kpis);
    for (const id of c.actionIds) {
      const slot = g.slotOf(id);
      const action = slot < 0 ? undefined : g.nodes.actions[slot];
      if (!action) continue;
      teams.add(action.team ?? UNASSIGNED);
      const unit = action.businessUnit ?? (action.team ? unitOf(action.team) : undefined);
      units.add(unit ?? UNASSIGNED);
      if (c.type !== "schedule") for (const k of action.kpis) if (g.kpiByKey.has(k)) kpiKeys.add(k);
    }
    for (const t of teams) team.add(t, c.valueAtRisk, days);
    for (const u of units) businessUnit.add(u, c.valueAtRisk, days);
    const byObjective = new Map<string, number>();
    for (const key of kpiKeys) {
      const k = g.kpiByKey.get(key);
      if (!k) continue;
      const value = days * k.costOfDelayPerDay;
      kpi.add(key, value, days);
      byObjective.set(k.objective, (byObjective.get(k.objective) ?? 0) + value);
    }
    for (const [o, value] of byObjective) objective.add(o, value, days);
  }
  return {
    kpi: kpi.sorted(),
    objective: objective.sorted(),
    team: team.sorted(),
    businessUnit: businessUnit.sorted(),
    total,
  };
}
