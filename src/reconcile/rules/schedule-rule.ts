import type { Conflict } from "../../model/index.js";
import { DEP_NAMES, DEP_SS, FLAG_CLOSED, FLAG_CYCLE, NONE } from "../codes.js";
import { human, isoOrNull, plural } from "../dates.js";
import {
  bindingPath,
  earliestFinish,
  forecastReason,
  ownStart,
  plannedFinish,
  plannedStart,
} from "../schedule.js";
import {
  actionKpis,
  CRITICAL_DAYS_SHORT,
  CRITICAL_VALUE_AT_RISK,
  makeConflict,
  notifyList,
  titleOf,
} from "./conflict-kit.js";
import type { RuleContext } from "./context.js";

function lagText(lag: number): string {
  if (lag > 0) return ` plus ${plural(lag, "day")} of lag`;
  if (lag < 0) return ` minus ${plural(-lag, "day")} of lead`;
  return "";
}

/** How the root cause set the dates: overdue, slipped past its baseline, or simply due then. */
function rootClause(ctx: RuleContext, root: number): string {
  const { nodes, today } = ctx;
  const title = titleOf(ctx, root);
  const due = nodes.due[root]!;
  const base = nodes.baseline[root]!;
  const planned = plannedStart(nodes, root);
  if (planned !== NONE && ownStart(nodes, ctx, root) > planned)
    return `${title}, planned to start ${human(planned)} and not started yet`;
  if (due !== NONE && due < today) return `${title}, overdue since ${human(due)} and not done yet`;
  if (due !== NONE && base !== NONE && due > base) return `${title}, due ${human(due)} (was ${human(base)})`;
  if (due !== NONE) return `${title}, due ${human(due)}`;
  const start = nodes.start[root]!;
  return start !== NONE ? `${title}, starting ${human(start)}` : title;
}

/** Can `dep` still finish (start, for SS) by `neededBy`: not in the past, and its own dependencies allow it. */
function reachable(ctx: RuleContext, dep: number, type: number, neededBy: number): boolean {
  if (neededBy < ctx.today) return false;
  const earliest = type === DEP_SS ? ctx.nodes.es[dep]! : earliestFinish(ctx.nodes, dep);
  return earliest === NONE || earliest <= neededBy;
}

/**
 * `schedule`: a not-closed, dated action outside any cycle planned to start before its dependencies allow
 * (start, or due when it has no start, before the earliest start) or to finish before an FF dependency
 * allows. One conflict per action, keyed by the action alone: which dependency binds and what the root
 * cause is are facts, so a new binding dependency is a change rather than a new conflict. When both the
 * start and the finish are short, the larger shortfall is reported (the start on a tie).
 */
export function scheduleConflict(ctx: RuleContext, v: number): Conflict | null {
  const { nodes, edges } = ctx;
  if ((nodes.flags[v]! & (FLAG_CLOSED | FLAG_CYCLE)) !== 0) return null;
  const ps = plannedStart(nodes, v);
  if (ps === NONE) return null;
  const pf = plannedFinish(nodes, v);
  const es = nodes.es[v]!;
  const ef = nodes.ef[v]!;
  const startShort = es !== NONE && ps < es ? es - ps : 0;
  const finishShort = ef !== NONE && pf < ef ? ef - pf : 0;
  if (startShort === 0 && finishShort === 0) return null;
  const byStart = startShort >= finishShort;
  const e = byStart ? nodes.predStart[v]! : nodes.predFinish[v]!;
  const daysShort = byStart ? startShort : finishShort;
  const planned = byStart ? ps : pf;
  const earliest = byStart ? es : ef;
  const dep = edges.src[e]!;
  const type = edges.type[e]!;
  const lag = edges.lag[e]!;
  const path = bindingPath(nodes, edges, ctx, v, e);
  const root = path[0]!;
  const action = ctx.action(v);
  const kpis = actionKpis(ctx, action);
  // Severity is this conflict's own: days short, or what those days cost its KPIs.
  const valueAtRisk = daysShort * kpis.costPerDay;
  const critical = daysShort >= CRITICAL_DAYS_SHORT || valueAtRisk >= CRITICAL_VALUE_AT_RISK;
  const people = [ctx.personOf(v), ctx.personOf(dep), ctx.personOf(root)];
  if (critical) for (const k of kpis.known) people.push(ctx.kpiOwner(k));
  const depValue = type === DEP_SS ? nodes.fs[dep]! : nodes.ff[dep]!;
  const subject =
    byStart && nodes.start[v] !== NONE
      ? `${action.title} starts ${human(ps)}`
      : `${action.title} is due ${human(planned)}`;
  const verb = type === DEP_SS ? "start" : "finish";
  const consequence = byStart
    ? `cannot start before ${human(earliest)}`
    : `cannot finish before ${human(earliest)}`;
  // What the KPIs lose is said once the whole plan is known (kpi-impact.ts): a KPI's delay is not this
  // conflict's days short.
  const message =
    `${subject}, but ${titleOf(ctx, dep)} can only ${verb} on ${human(depValue)}${lagText(lag)}, so it ` +
    `${consequence} (${plural(daysShort, "day")} short). Root cause: ${rootClause(ctx, root)}.`;
  const rootDue = nodes.due[root]!;
  const rootBase = nodes.baseline[root]!;
  return makeConflict("schedule", [action.id], {
    severity: critical ? "critical" : "warning",
    actionId: action.id,
    dependencyId: nodes.ids[dep]!,
    rootCauseId: nodes.ids[root]!,
    path: path.map((s) => nodes.ids[s]!),
    plannedDate: isoOrNull(planned),
    earliestDate: isoOrNull(earliest),
    daysShort,
    kpis: kpis.known.map((k) => k.key),
    valueAtRisk,
    notify: notifyList(ctx, people),
    message,
    facts: {
      bound: byStart ? "start" : "finish",
      dependencyType: DEP_NAMES[type] ?? "FS",
      lagDays: lag,
      ref: ctx.action(v).dependsOn[edges.refPos[e]!]?.ref ?? null,
      dependencyForecast: isoOrNull(depValue),
      // The latest date the dependency can finish (start, for SS) for this action's plan to hold: what its
      // owner is asked to commit to.
      neededBy: isoOrNull(depValue - daysShort),
      neededFor: verb,
      costOfDelayPerDay: kpis.costPerDay,
      currency: kpis.currency,
      rootCauseDue: isoOrNull(rootDue),
      rootCauseBaselineDue: isoOrNull(rootBase),
      rootCauseForecastFinish: isoOrNull(nodes.ff[root]!),
      rootCauseOverdue: rootDue !== NONE && rootDue < ctx.today,
      rootCauseSlipDays: rootDue !== NONE && rootBase !== NONE ? rootDue - rootBase : null,
      forecastReason: forecastReason(nodes, ctx, dep),
      neededByReachable: reachable(ctx, dep, type, depValue - daysShort),
    },
  });
}
