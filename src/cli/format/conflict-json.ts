import type { Conflict } from "../../model/index.js";

/** The documented `sightline conflicts --json` shape: stable field names, one object per conflict. */
export function conflictJson(c: Conflict) {
  return {
    type: c.type,
    severity: c.severity,
    fingerprint: c.fingerprint,
    actionId: c.actionId,
    actionIds: c.actionIds,
    dependencyId: c.dependencyId,
    rootCauseId: c.rootCauseId,
    path: c.path,
    plannedDate: c.plannedDate,
    earliestDate: c.earliestDate,
    daysShort: c.daysShort,
    kpis: c.kpis,
    kpiImpact: c.kpiImpact,
    valueAtRisk: c.valueAtRisk,
    notify: c.notify,
    message: c.message,
    facts: c.facts,
  };
}
