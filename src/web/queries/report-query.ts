import { addWorkingHours, type WorkingCalendar } from "../../alerts/working-hours.js";
import { type IsoWeek, weeksBefore } from "../../report/iso-week.js";
import type { Change, WeeklyReport } from "../../report/weekly-report.js";
import type { RiskKind, RiskRow, Store } from "../../store/index.js";
import type { ConflictItem } from "../api/schemas.js";
import { enrichConflicts, groupByRootCause } from "./conflicts-query.js";

const HOUR_MS = 3_600_000;
const SERIES_WEEKS = 12;

export interface ReportOptions {
  week: IsoWeek;
  organisation: string;
  currency: string;
  /** When the report is made: "unanswered" is measured up to it (or the week's end, if earlier). */
  now: string;
  /** A conflict nobody answered for this many working hours is listed as unanswered (alerts.escalateAfterHours). */
  unansweredAfterHours: number;
  /** Whose working hours those are (the organisation's zone, alerts.workingTime). */
  calendar: WorkingCalendar;
}

/** The rows of the last recorded day on or before `day`, by kind and key. */
function latestBy(
  rows: readonly RiskRow[],
  day: string,
): { asOf: string | null; get(kind: RiskKind, key: string): RiskRow | undefined } {
  let asOf: string | null = null;
  for (const r of rows) if (r.asOf <= day && (asOf === null || r.asOf > asOf)) asOf = r.asOf;
  const index = new Map(rows.filter((r) => r.asOf === asOf).map((r) => [`${r.kind}\u0000${r.key}`, r]));
  return { asOf, get: (kind, key) => index.get(`${kind}\u0000${key}`) };
}

function change(now: number, before: number | null): Change {
  return { now, lastWeek: before, change: before === null ? null : now - before };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * The weekly governance report for `week` from what the store recorded: figures from the risk history (the
 * last reconcile of the week against the last one of the week before), the rest from the stored conflicts.
 */
export async function weeklyReport(store: Store, o: ReportOptions): Promise<WeeklyReport> {
  const first = weeksBefore(o.week, SERIES_WEEKS - 1);
  const history = await store.risk.between(first.from, o.week.to);
  const now = latestBy(history, o.week.to);
  const before = latestBy(history, weeksBefore(o.week, 1).to);
  const hadBefore = before.asOf !== null;
  const figure = (kind: RiskKind, key: string) => {
    const n = now.get(kind, key);
    const b = before.get(kind, key);
    return { ...change(n?.valueAtRisk ?? 0, hadBefore ? (b?.valueAtRisk ?? 0) : null), days: n?.days ?? 0 };
  };
  const keysOf = (kind: RiskKind) => [
    ...new Set(
      history
        .filter((r) => r.kind === kind && (r.asOf === now.asOf || r.asOf === before.asOf))
        .map((r) => r.key),
    ),
  ];
  const byRisk = <T extends { now: number; key: string }>(list: T[]) =>
    list.sort((a, b) => b.now - a.now || (a.key < b.key ? -1 : 1));

  const weeks = Array.from({ length: SERIES_WEEKS }, (_, i) => weeksBefore(o.week, SERIES_WEEKS - 1 - i));
  const ends = weeks.map((w) => ({ week: w.name, at: latestBy(history, w.to) }));
  const kpiNames = new Map((await store.directory.loadKpis()).map((k) => [k.key, k]));

  const all = await enrichConflicts(store, await store.conflicts.list());
  const live = all.filter((c) => c.status !== "resolved");
  const until = Math.min(Date.parse(o.now), Date.parse(`${o.week.to}T23:59:59.999Z`));
  const slipped = all.filter(
    (c) =>
      c.type === "schedule" &&
      c.firstSeen.slice(0, 10) >= o.week.from &&
      c.firstSeen.slice(0, 10) <= o.week.to,
  );
  const unanswered = live
    .filter((c) => c.status === "open" && c.statusBy === null && c.type === "schedule")
    .filter((c) => {
      const due = addWorkingHours(c.firstSeen, o.unansweredAfterHours, o.calendar);
      return due !== null && Date.parse(due) <= until;
    })
    .map((c) => ({ c, hours: (until - Date.parse(c.firstSeen)) / HOUR_MS }))
    .sort((a, b) => b.hours - a.hours);
  const answered = all.filter(
    (c): c is ConflictItem & { statusAt: string } => c.statusBy !== null && c.statusAt !== null,
  );
  const byTeam = new Map<string, number[]>();
  for (const c of answered) {
    const hours = (Date.parse(c.statusAt) - Date.parse(c.firstSeen)) / HOUR_MS;
    for (const t of c.teams) byTeam.set(t, [...(byTeam.get(t) ?? []), Math.max(0, hours)]);
  }

  return {
    organisation: o.organisation,
    currency: o.currency,
    week: o.week,
    asOf: now.asOf,
    total: figure("total", ""),
    objectives: byRisk(
      keysOf("objective").map((key) => ({
        key,
        ...figure("objective", key),
        series: ends.map((e) => ({
          week: e.week,
          valueAtRisk: e.at.asOf === null ? null : (e.at.get("objective", key)?.valueAtRisk ?? 0),
        })),
      })),
    ).map(({ days: _, ...rest }) => rest),
    kpis: byRisk(
      keysOf("kpi").map((key) => ({
        key,
        name: kpiNames.get(key)?.name ?? key,
        objective: kpiNames.get(key)?.objective ?? "",
        ...figure("kpi", key),
      })),
    ),
    businessUnits: byRisk(keysOf("businessUnit").map((key) => ({ key, ...figure("businessUnit", key) }))).map(
      ({ days: _, ...rest }) => rest,
    ),
    slips: groupByRootCause(slipped).map(({ rootCause, conflicts, valueAtRisk }) => ({
      rootCause,
      conflicts,
      valueAtRisk,
    })),
    unanswered: unanswered.map(({ c, hours }) => ({
      fingerprint: c.fingerprint,
      title: c.title,
      ownerName: c.ownerName,
      waitingOn: c.waitingOn,
      since: c.firstSeen,
      hours: Math.floor(hours),
    })),
    vacuums: live
      .filter((c) => c.type === "ownership_vacuum" && c.actionId !== null)
      .map((c) => ({ actionId: c.actionId!, title: c.title, teams: c.teams })),
    unlinked: live
      .filter((c) => c.type === "unlinked_kpi" && c.actionId !== null)
      .map((c) => ({ actionId: c.actionId!, title: c.title, ownerName: c.ownerName })),
    timeToAcknowledge: [...byTeam.entries()]
      .map(([team, hours]) => ({ team, answered: hours.length, medianHours: round1(median(hours)) }))
      .sort((a, b) => (a.team < b.team ? -1 : 1)),
  };
}
