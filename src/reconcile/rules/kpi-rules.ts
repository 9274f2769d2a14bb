import { FLAG_CLOSED, FLAG_KPI_ISSUE } from "../codes.js";
import { actionKpis, makeConflict, notifyList } from "./conflict-kit.js";
import type { ConflictSink, RuleContext } from "./context.js";

/**
 * `unlinked_kpi` (info) for a not-closed action serving no KPI, and `unknown_kpi` (warning) once per key
 * missing from the catalog. Closed work is not flagged: its KPI link no longer steers anything.
 */
export function kpiConflicts(ctx: RuleContext, v: number, out: ConflictSink): void {
  if ((ctx.nodes.flags[v]! & (FLAG_CLOSED | FLAG_KPI_ISSUE)) !== FLAG_KPI_ISSUE) return;
  const action = ctx.action(v);
  if (action.kpis.length === 0) {
    out.push(
      makeConflict("unlinked_kpi", [action.id], {
        severity: "info",
        actionId: action.id,
        notify: notifyList(ctx, [ctx.personOf(v)]),
        message: `${action.title} serves no KPI, so nobody can tell what a delay costs. Link it to the KPI it moves.`,
        facts: { team: action.team, businessUnit: action.businessUnit },
      }),
    );
    return;
  }
  const kpis = actionKpis(ctx, action);
  for (const key of kpis.unknown) {
    out.push(
      makeConflict("unknown_kpi", [action.id, key], {
        severity: "warning",
        actionId: action.id,
        kpis: kpis.known.map((k) => k.key),
        notify: notifyList(ctx, [ctx.personOf(v)]),
        message: `${action.title} is linked to KPI “${key}”, which is not in the KPI catalog, so its delay is not counted.`,
        facts: { kpi: key },
      }),
    );
  }
}
