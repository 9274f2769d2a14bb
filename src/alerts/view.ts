import { type Conflict, type Kpi, parseCalendarDate } from "../model/index.js";
import type { ActionView, AlertView, ConflictState, HeardFacts, KpiView } from "./intent.js";
import { type ActionSummary, findPerson, type RoutingContext } from "./recipients.js";

function actionView(id: string | null, ctx: RoutingContext): ActionView | null {
  if (!id) return null;
  const a: ActionSummary | null = ctx.actionsById(id);
  if (!a) {
    // The action vanished from the store between reconcile and planning: still say which one it was.
    return { id, title: id, url: null, sourceKind: null, sourceInstance: null, ownerName: null, team: null };
  }
  return {
    id,
    title: a.title,
    url: a.url,
    sourceKind: a.source.kind,
    sourceLabel: ctx.sourceLabels[a.source.kind] ?? null,
    sourceInstance: a.source.instance,
    ownerName: findPerson(ctx.directory, a.owner)?.name ?? null,
    team: a.team,
  };
}

function kpiView(kpi: Kpi): KpiView {
  return {
    key: kpi.key,
    name: kpi.name,
    objective: kpi.objective,
    costOfDelayPerDay: kpi.costOfDelayPerDay,
    currency: kpi.currency,
  };
}

function neededByFact(conflict: Conflict): string | null {
  const v = conflict.type === "schedule" ? conflict.facts.neededBy : null;
  return v !== null && parseCalendarDate(v) !== null ? v : null;
}

/** Resolves the ids of a conflict into what a person reads: titles, tools, links, owners, KPI names. */
export function buildAlertView(
  conflict: Conflict,
  state: ConflictState | undefined,
  previous: HeardFacts | null,
  ctx: RoutingContext,
): AlertView {
  const kpis = conflict.kpis.flatMap((key) => {
    const kpi = ctx.kpis.find((k) => k.key === key);
    return kpi ? [kpiView(kpi)] : [];
  });
  const currencies = new Set(kpis.map((k) => k.currency));
  const named = new Set([conflict.actionId, conflict.dependencyId, conflict.rootCauseId]);
  const others = conflict.actionIds
    .filter((id) => !named.has(id))
    .flatMap((id) => {
      const v = actionView(id, ctx);
      return v ? [v] : [];
    });
  const status = state && state.status !== "resolved" ? state.status : "open";
  return {
    fingerprint: conflict.fingerprint,
    type: conflict.type,
    severity: conflict.severity,
    message: conflict.message,
    action: actionView(conflict.actionId, ctx),
    dependency: actionView(conflict.dependencyId, ctx),
    rootCause: actionView(conflict.rootCauseId, ctx),
    others,
    path: conflict.path.map((id) => ({ id, title: ctx.actionsById(id)?.title ?? id })),
    plannedDate: conflict.plannedDate,
    earliestDate: conflict.earliestDate,
    neededBy: neededByFact(conflict),
    neededByReachable: conflict.type === "schedule" ? conflict.facts.neededByReachable : true,
    daysShort: conflict.daysShort,
    kpis,
    valueAtRisk: conflict.valueAtRisk,
    currency: currencies.size === 1 ? ([...currencies][0] ?? null) : null,
    status,
    snoozedUntil: status === "snoozed" ? (state?.snoozedUntil ?? null) : null,
    previous,
    unanswered: null,
  };
}
