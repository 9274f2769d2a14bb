import type { ConflictFacts, ConflictType } from "../../src/model/index.js";

/** Facts of a schedule conflict as the reconciler writes them; a test names only what it is about. */
export function scheduleFacts(over: Partial<ConflictFacts<"schedule">> = {}): ConflictFacts<"schedule"> {
  return {
    bound: "start",
    dependencyType: "FS",
    lagDays: 0,
    ref: null,
    dependencyForecast: null,
    neededBy: null,
    neededFor: "start",
    costOfDelayPerDay: 0,
    currency: null,
    rootCauseDue: null,
    rootCauseBaselineDue: null,
    rootCauseForecastFinish: null,
    rootCauseOverdue: false,
    rootCauseSlipDays: null,
    forecastReason: "planned",
    neededByReachable: true,
    ...over,
  };
}

/** Plausible facts for any type, for tests about the lifecycle rather than the facts. */
export function factsFor(type: ConflictType): object {
  switch (type) {
    case "schedule":
      return scheduleFacts();
    case "ownership_vacuum":
      return { reason: "empty", ownerRaw: null, team: null, candidates: [] };
    case "dangling_dependency":
    case "ambiguous_dependency":
      return { ref: "PAY-1", relation: "dependsOn", candidates: [] };
    case "dependency_cycle":
      return { size: 2 };
    case "undated_dependency":
    case "done_before_dependency":
    case "cancelled_dependency":
      return { dependencyStatus: "todo" };
    case "unlinked_kpi":
      return { team: null, businessUnit: null };
    case "unknown_kpi":
      return { kpi: "ghost" };
    case "source_disagreement":
      return { dueA: null, dueB: null, daysApart: 0, instanceA: "a", instanceB: "b" };
    case "invalid_dates":
      return { start: "2026-03-10", due: "2026-03-01" };
  }
}
