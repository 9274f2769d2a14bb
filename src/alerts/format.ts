import { type ConflictType, formatHuman } from "../model/index.js";
import type { ActionView, AlertKind, AlertRole, AlertView } from "./intent.js";

/**
 * The wording shared by the text, HTML and Block Kit renderers. Each renderer passes its own markup so the
 * sentences are written once and escaped the way their medium needs.
 */
export interface Markup {
  /** An action's name, linked to its tool when the medium allows. */
  action(a: ActionView): string;
  /** Escapes literal text for the medium. */
  text(s: string): string;
  bold(s: string): string;
}

/** "Jira (jira-eng)": which tool, and which connection of it, an action lives in. */
export function sourceLabel(a: ActionView): string | null {
  if (!a.sourceKind) return null;
  const kind = a.sourceLabel ?? a.sourceKind;
  return a.sourceInstance ? `${kind} (${a.sourceInstance})` : kind;
}

const TYPE_LABELS: Record<ConflictType, string> = {
  schedule: "Schedule conflict",
  ownership_vacuum: "No owner",
  dangling_dependency: "Dependency on something that does not exist",
  ambiguous_dependency: "Ambiguous dependency",
  dependency_cycle: "Dependency loop",
  undated_dependency: "Dependency without dates",
  done_before_dependency: "Done before its dependency",
  unlinked_kpi: "Not linked to a KPI",
  unknown_kpi: "Unknown KPI",
  source_disagreement: "Tools disagree on dates",
  invalid_dates: "Starts after it is due",
  cancelled_dependency: "Depends on cancelled work",
};

export function typeLabel(type: ConflictType): string {
  return TYPE_LABELS[type];
}

const KIND_LABELS: Record<AlertKind, string> = {
  opened: "new",
  changed: "got worse",
  resolved: "cleared",
  escalated: "unanswered",
};

export function kindLabel(kind: AlertKind): string {
  return KIND_LABELS[kind];
}

export function days(n: number): string {
  return n === 1 ? "1 day" : `${n} days`;
}

export function formatMoney(amount: number, currency: string): string {
  const whole = Number.isInteger(amount);
  return new Intl.NumberFormat("en-US", {
    style: "currency",
    currency,
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: whole ? 0 : 2,
  }).format(amount);
}

/** Per KPI: what this slip costs it, e.g. "Launch revenue (Win fintech): $126,000 ($3,000/day)". */
export function kpiLines(view: AlertView): string[] {
  return view.kpis.map((k) => {
    const perDay = `${formatMoney(k.costOfDelayPerDay, k.currency)}/day`;
    const objective = k.objective ? ` (${k.objective})` : "";
    const total =
      view.daysShort !== null ? `${formatMoney(k.costOfDelayPerDay * view.daysShort, k.currency)} ` : "";
    return `${k.name}${objective}: ${total}(${perDay})`;
  });
}

/** The total value at risk, or null when nothing is at risk or the KPIs mix currencies. */
export function valueAtRiskText(view: AlertView): string | null {
  if (view.valueAtRisk <= 0 || !view.currency) return null;
  return formatMoney(view.valueAtRisk, view.currency);
}

function isScheduleStory(view: AlertView): boolean {
  return (
    view.type === "schedule" &&
    view.action !== null &&
    view.plannedDate !== null &&
    view.earliestDate !== null &&
    view.daysShort !== null
  );
}

/** One sentence: what conflicts with what. */
export function headline(view: AlertView, kind: AlertKind, m: Markup): string {
  if (kind === "resolved") {
    const what = view.action ? ` on ${m.action(view.action)}` : "";
    const was = view.previous?.daysShort ? ` It was ${days(view.previous.daysShort)} short.` : "";
    return `${m.bold("Cleared:")} ${m.text(typeLabel(view.type).toLowerCase())}${what} is resolved.${m.text(was)}`;
  }
  if (isScheduleStory(view) && view.action) {
    const dep = view.dependency ? `its dependency ${m.action(view.dependency)}` : "its dependencies";
    return (
      `${m.action(view.action)} is planned for ${m.bold(formatHuman(view.plannedDate ?? ""))}, but ${dep} ` +
      `lets it happen on ${m.bold(formatHuman(view.earliestDate ?? ""))} at the earliest: ` +
      `${m.bold(`${days(view.daysShort ?? 0)} short`)}.`
    );
  }
  return m.text(view.message);
}

/** "Was 10 days short, now 24" for a material change. */
export function changeNote(view: AlertView, kind: AlertKind): string | null {
  if (kind === "escalated" && view.unanswered) {
    const who = view.unanswered.by.length > 0 ? view.unanswered.by.join(" and ") : "nobody";
    const verb = view.unanswered.by.length > 1 ? "have" : "has";
    return `Escalated: no answer for ${view.unanswered.workingHours} working hours; ${who} ${verb} not acknowledged, replanned or committed.`;
  }
  if (kind !== "changed" || !view.previous) return null;
  const parts: string[] = [];
  if (view.previous.severity !== view.severity)
    parts.push(`severity rose from ${view.previous.severity} to ${view.severity}`);
  if (view.daysShort !== null && view.daysShort !== view.previous.daysShort) {
    parts.push(`was ${days(view.previous.daysShort ?? 0)} short, now ${days(view.daysShort)}`);
  }
  if (parts.length === 0) return null;
  const s = parts.join("; ");
  return `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;
}

const TYPE_ADVICE: Record<ConflictType, string> = {
  schedule: "Replan it, or ask for the dependency sooner.",
  ownership_vacuum: "Give it an owner who is a person (not a team) in the tool it lives in.",
  dangling_dependency: "Fix the reference in the tool, or remove it if the dependency is gone.",
  ambiguous_dependency: "Write the reference as a full id (instance:key) so it names one action.",
  dependency_cycle: "Break the loop: one of these cannot really depend on the other.",
  undated_dependency: "Give the dependency a start or due date so what depends on it can be checked.",
  done_before_dependency: "Check whether it is really done, or whether its dependency is.",
  unlinked_kpi: "Link it to a KPI so its slips can be valued.",
  unknown_kpi: "Fix the KPI key, or add the KPI to the catalog.",
  source_disagreement: "Agree on one date and set it in both tools.",
  invalid_dates: "Fix the start or the due date in the tool: one of them is wrong.",
  cancelled_dependency: "Remove the dependency if it is no longer needed, or link the work that replaced it.",
};

function ownerOf(a: ActionView | null, m: Markup): string {
  if (!a) return "its owner";
  return a.ownerName ? m.text(a.ownerName) : `the owner of ${m.action(a)}`;
}

/** The same at the start of a sentence. */
function ownerAtSentenceStart(a: ActionView | null, m: Markup): string {
  const text = ownerOf(a, m);
  return a?.ownerName ? text : text.charAt(0).toUpperCase() + text.slice(1);
}

/** What the reader can do about it, from where they stand. */
export function whatToDo(view: AlertView, role: AlertRole, kind: AlertKind, m: Markup): string {
  if (kind === "resolved") return "Nothing to do.";
  if (kind === "escalated") {
    const who = view.unanswered?.by.join(" and ") || "its owners";
    return `Ask ${m.text(who)} for an answer, or decide for them from the web admin (acknowledge, replan or commit).`;
  }
  if (role === "fallback") {
    return `Nobody reachable owns this. Give it an owner, or add a Slack id or e-mail for them in the people directory. ${m.text(TYPE_ADVICE[view.type])}`;
  }
  if (!isScheduleStory(view) || !view.action) return m.text(TYPE_ADVICE[view.type]);
  const a = m.action(view.action);
  const short = days(view.daysShort ?? 0);
  const dep = view.dependency;
  const neededBy = view.neededBy ? m.bold(formatHuman(view.neededBy)) : null;
  // A date the dependency cannot make any more is not asked for: its owner proposes one instead.
  const commitable = neededBy !== null && view.neededByReachable;
  switch (role) {
    case "dependent_owner": {
      const ask = !dep
        ? ""
        : commitable
          ? `, or ask ${ownerOf(dep, m)} to commit to ${neededBy}`
          : neededBy
            ? `, or ask ${ownerOf(dep, m)} for a date (${m.action(dep)} cannot make ${neededBy} any more)`
            : `, or ask ${ownerOf(dep, m)} to deliver ${m.action(dep)} ${short} sooner`;
      const notDep = dep ? ` If ${a} does not really depend on ${m.action(dep)}, say so.` : "";
      return `Replan ${a} to ${m.bold(formatHuman(view.earliestDate ?? ""))}${ask}.${notDep}`;
    }
    case "dependency_owner": {
      const target = dep ? m.action(dep) : "your action";
      const when = neededBy ? `by ${neededBy}` : `${short} sooner than it is forecast`;
      const who = view.action?.ownerName ? ` (${m.text(view.action.ownerName)})` : "";
      if (neededBy && !view.neededByReachable)
        return `${a}${who} needs ${target} ${when}; ${target} can no longer make that date (what it waits on finishes later). Propose the date you can commit to.`;
      return `${a}${who} needs ${target} ${when}. Commit to that date, or propose a new one.`;
    }
    case "root_cause_owner": {
      const root = view.rootCause ? m.action(view.rootCause) : "your action";
      return `${root} is where this started; ${a} is now ${short} short. Pull it back in, or warn ${ownerOf(view.action, m)}.`;
    }
    case "kpi_owner": {
      const var_ = valueAtRiskText(view);
      return `${var_ ? `${m.bold(var_)} is at risk. ` : ""}${ownerAtSentenceStart(view.action, m)} has been asked to replan.`;
    }
    default:
      return `${ownerAtSentenceStart(view.action, m)} has been asked to replan ${a}.`;
  }
}

export interface FactRow {
  label: string;
  /** Already marked up for the medium. */
  lines: string[];
}

function actionLine(a: ActionView, m: Markup, spellUrl: boolean): string {
  const where = sourceLabel(a);
  const owner = a.ownerName ? `owner ${a.ownerName}` : "no owner";
  const url = spellUrl && a.url ? `\n${m.text(a.url)}` : "";
  return `${m.action(a)} — ${m.text(where ? `${where}, ${owner}` : owner)}${url}`;
}

const PATH_SHOWN = 6;

/** The facts under the headline, row by row; `spellUrl` writes links out for media without hyperlinks. */
export function factRows(view: AlertView, kind: AlertKind, m: Markup, spellUrl: boolean): FactRow[] {
  const rows: FactRow[] = [];
  if (view.action) rows.push({ label: "Action", lines: [actionLine(view.action, m, spellUrl)] });
  if (view.dependency) rows.push({ label: "Depends on", lines: [actionLine(view.dependency, m, spellUrl)] });
  // A cleared conflict only needs to say which one it was.
  if (kind === "resolved") return rows;
  if (view.rootCause && view.rootCause.id !== view.dependency?.id) {
    rows.push({ label: "Root cause", lines: [actionLine(view.rootCause, m, spellUrl)] });
  }
  if (view.others.length > 0) {
    rows.push({ label: "Also involved", lines: view.others.map((a) => actionLine(a, m, spellUrl)) });
  }
  if (view.plannedDate && view.earliestDate) {
    const short = view.daysShort !== null ? ` (${days(view.daysShort)} short)` : "";
    rows.push({
      label: "Dates",
      lines: [
        m.text(
          `planned ${formatHuman(view.plannedDate)}, earliest possible ${formatHuman(view.earliestDate)}${short}`,
        ),
      ],
    });
  }
  if (view.neededBy) rows.push({ label: "Needed by", lines: [m.text(formatHuman(view.neededBy))] });
  if (view.path.length > 2) {
    const titles = view.path.map((p) => p.title);
    const shown =
      titles.length > PATH_SHOWN
        ? [...titles.slice(0, 2), `… ${titles.length - 4} more …`, ...titles.slice(-2)]
        : titles;
    rows.push({ label: "Path", lines: [m.text(shown.join(" → "))] });
  }
  const var_ = valueAtRiskText(view);
  if (var_) rows.push({ label: "At risk", lines: [m.bold(m.text(var_))] });
  if (view.kpis.length > 0)
    rows.push({ label: view.kpis.length > 1 ? "KPIs" : "KPI", lines: kpiLines(view).map((l) => m.text(l)) });
  if (view.status === "acknowledged") rows.push({ label: "Status", lines: ["acknowledged"] });
  if (view.status === "snoozed") {
    rows.push({
      label: "Status",
      lines: [m.text(view.snoozedUntil ? `snoozed until ${view.snoozedUntil}` : "snoozed")],
    });
  }
  return rows;
}

const ROLE_NOTES: Record<AlertRole, string> = {
  dependent_owner: "You get this as the owner of the action in conflict.",
  dependency_owner: "You get this as the owner of the dependency.",
  root_cause_owner: "You get this as the owner of the action where the slip started.",
  kpi_owner: "You get this as the owner of the KPI at risk.",
  involved: "You get this because you are involved.",
  fallback: "Sent to the admin channel: nobody who owns this could be reached.",
};

export function roleNote(role: AlertRole): string {
  return ROLE_NOTES[role];
}

/** "[critical] Schedule conflict (new): Go-to-market campaign" — an e-mail subject or a notification line. */
export function subjectLine(view: AlertView, kind: AlertKind): string {
  const about = view.action?.title ?? view.others[0]?.title ?? view.message;
  return `[${view.severity}] ${typeLabel(view.type)} (${kindLabel(kind)}): ${about}`;
}
