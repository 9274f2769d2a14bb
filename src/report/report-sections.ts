import { changeText, reportMoney } from "./money-text.js";
import type { WeeklyReport } from "./weekly-report.js";

/** One table of the report, as text: every format (Markdown, e-mail HTML, the web page) renders the same. */
export interface ReportSection {
  title: string;
  /** The part of the report it belongs to. */
  part: "risk" | "act";
  head: string[];
  rows: {
    cells: string[] /** Conflict fingerprint the row is about, for formats that can link. */;
    conflict?: string;
  }[];
  /** Columns holding amounts or counts (right-aligned). */
  numeric: number[];
}

export function reportSections(r: WeeklyReport): ReportSection[] {
  const m = (n: number) => reportMoney(n, r.currency);
  const ch = (c: Parameters<typeof changeText>[0]) => changeText(c, r.currency);
  const rows = (list: string[][]) => list.map((cells) => ({ cells }));
  return [
    {
      title: "Value at risk by objective",
      part: "risk",
      head: ["Objective", "At risk", "Change"],
      rows: rows(r.objectives.map((o) => [o.key, m(o.now), ch(o)])),
      numeric: [1],
    },
    {
      title: "By KPI",
      part: "risk",
      head: ["KPI", "Objective", "Days late", "At risk", "Change"],
      rows: rows(r.kpis.map((k) => [k.name, k.objective, String(k.days), m(k.now), ch(k)])),
      numeric: [2, 3],
    },
    {
      title: "By business unit",
      part: "risk",
      head: ["Business unit", "At risk", "Change"],
      rows: rows(r.businessUnits.map((b) => [b.key, m(b.now), ch(b)])),
      numeric: [1],
    },
    {
      title: "This week's slips and their root causes",
      part: "act",
      head: ["Root cause", "Owner", "Conflicts", "At risk"],
      rows: rows(
        r.slips.map((s) => [
          s.rootCause.title ?? s.rootCause.id,
          s.rootCause.ownerName ?? "nobody",
          String(s.conflicts),
          m(s.valueAtRisk),
        ]),
      ),
      numeric: [2, 3],
    },
    {
      title: "Unanswered",
      part: "act",
      head: ["Conflict", "Has not answered", "Waiting on", "Open for"],
      rows: r.unanswered.map((u) => ({
        conflict: u.fingerprint,
        cells: [
          u.title ?? u.fingerprint,
          u.ownerName ?? "nobody (no owner)",
          u.waitingOn
            ? `${u.waitingOn.title ?? u.waitingOn.id}${u.waitingOn.ownerName ? ` (${u.waitingOn.ownerName})` : ""}`
            : "—",
          `${u.hours} h`,
        ],
      })),
      numeric: [3],
    },
    {
      title: "Ownership vacuums",
      part: "act",
      head: ["Action", "Team"],
      rows: rows(r.vacuums.map((v) => [v.title ?? v.actionId, v.teams.join(", ")])),
      numeric: [],
    },
    {
      title: "Actions not linked to a KPI",
      part: "act",
      head: ["Action", "Owner"],
      rows: rows(r.unlinked.map((u) => [u.title ?? u.actionId, u.ownerName ?? "nobody"])),
      numeric: [],
    },
    {
      title: "Time to acknowledge, per team",
      part: "act",
      head: ["Team", "Answered", "Median"],
      rows: rows(r.timeToAcknowledge.map((t) => [t.team, String(t.answered), `${t.medianHours} h`])),
      numeric: [1, 2],
    },
  ];
}
