import { formatHuman } from "../model/index.js";
import type { Change, WeeklyReport } from "./weekly-report.js";

export function reportMoney(amount: number, currency: string): string {
  return new Intl.NumberFormat("en-GB", { style: "currency", currency, maximumFractionDigits: 0 }).format(
    amount,
  );
}

/** "+€12,000 since last week", "unchanged", or "new this week" when nothing was recorded a week before. */
export function changeText(c: Change, currency: string): string {
  if (c.change === null) return "no figure a week before";
  if (c.change === 0) return "unchanged";
  const sign = c.change > 0 ? "+" : "−";
  return `${sign}${reportMoney(Math.abs(c.change), currency)} since last week`;
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\s+/g, " ");

function table(head: string[], rows: string[][]): string[] {
  if (rows.length === 0) return ["_None._"];
  return [
    `| ${head.join(" | ")} |`,
    `| ${head.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`),
  ];
}

/** The report as Markdown: for a terminal, a Slack post's text, or a wiki page. */
export function renderReportMarkdown(r: WeeklyReport): string {
  const m = (n: number) => reportMoney(n, r.currency);
  const asOf = r.asOf ? `figures as of ${formatHuman(r.asOf)}` : "no reconcile recorded this week";
  const out: string[] = [
    `# ${r.organisation}: governance report, week ${r.week.name}`,
    "",
    `${formatHuman(r.week.from)} – ${formatHuman(r.week.to)}, ${asOf}.`,
    "",
    `**${m(r.total.now)} at risk** (${changeText(r.total, r.currency)}). Each KPI counts once: its delay × its cost of delay per day.`,
    "",
    "## Value at risk by objective",
    ...table(
      ["Objective", "At risk", "Change"],
      r.objectives.map((o) => [o.key, m(o.now), changeText(o, r.currency)]),
    ),
    "",
    "## By KPI",
    ...table(
      ["KPI", "Objective", "Days late", "At risk", "Change"],
      r.kpis.map((k) => [k.name, k.objective, String(k.days), m(k.now), changeText(k, r.currency)]),
    ),
    "",
    "## By business unit",
    ...table(
      ["Business unit", "At risk", "Change"],
      r.businessUnits.map((b) => [b.key, m(b.now), changeText(b, r.currency)]),
    ),
    "",
    "## This week's slips and their root causes",
    ...table(
      ["Root cause", "Owner", "Conflicts", "At risk"],
      r.slips.map((s) => [
        s.rootCause.title ?? s.rootCause.id,
        s.rootCause.ownerName ?? "nobody",
        String(s.conflicts),
        m(s.valueAtRisk),
      ]),
    ),
    "",
    "## Unanswered",
    ...table(
      ["Conflict", "Has not answered", "Waiting on", "Open for"],
      r.unanswered.map((u) => [
        u.title ?? u.fingerprint,
        u.ownerName ?? "nobody (no owner)",
        u.waitingOn
          ? `${u.waitingOn.title ?? u.waitingOn.id}${u.waitingOn.ownerName ? ` (${u.waitingOn.ownerName})` : ""}`
          : "—",
        `${u.hours} h`,
      ]),
    ),
    "",
    "## Ownership vacuums",
    ...table(
      ["Action", "Team"],
      r.vacuums.map((v) => [v.title ?? v.actionId, v.teams.join(", ")]),
    ),
    "",
    "## Actions not linked to a KPI",
    ...table(
      ["Action", "Owner"],
      r.unlinked.map((u) => [u.title ?? u.actionId, u.ownerName ?? "nobody"]),
    ),
    "",
    "## Time to acknowledge, per team",
    ...table(
      ["Team", "Answered", "Median"],
      r.timeToAcknowledge.map((t) => [t.team, String(t.answered), `${t.medianHours} h`]),
    ),
  ];
  return `${out.join("\n")}\n`;
}
