import type { Conflict, KpiImpact } from "../model/index.js";
import type { Engine } from "./engine.js";
import { normalizeName } from "./owner-resolver.js";
import { createRollupAccumulator } from "./rollup-accumulator.js";
import type { Rollups } from "./types.js";

/** Group key for actions with no team or business unit, so their risk still shows up. */
export const UNASSIGNED = "(none)";

/**
 * Roll-ups per KPI, objective, team and business unit (rollup-accumulator.ts: distinct KPIs, never a sum
 * over conflicts). Each conflict counts once in every group its actions belong to; every delayed KPI counts,
 * with or without a conflict on it. An action without a business unit takes its team's (from the directory).
 */
export function computeRollups(
  g: Engine,
  conflicts: readonly Conflict[],
  delays: Iterable<KpiImpact>,
): Rollups {
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
  const acc = createRollupAccumulator(g.kpiByKey);
  for (const c of conflicts) {
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
    acc.add({ teams, businessUnits: units, kpiKeys, kpiImpact: c.kpiImpact });
  }
  for (const d of delays) acc.kpi({ key: d.key, delayDays: d.delayDays, valueAtRisk: d.valueAtRisk });
  return acc.result();
}
