import { formatHuman } from "../model/index.js";
import { changeText, reportMoney } from "./money-text.js";
import { type ReportSection, reportSections } from "./report-sections.js";
import type { WeeklyReport } from "./weekly-report.js";

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\s+/g, " ");

function table(s: ReportSection): string[] {
  if (s.rows.length === 0) return [`## ${s.title}`, "_None._", ""];
  return [
    `## ${s.title}`,
    `| ${s.head.join(" | ")} |`,
    `| ${s.head.map(() => "---").join(" | ")} |`,
    ...s.rows.map((r) => `| ${r.cells.map(cell).join(" | ")} |`),
    "",
  ];
}

/** The report as Markdown: for a terminal, a Slack post's text, or a wiki page. */
export function renderReportMarkdown(r: WeeklyReport): string {
  const asOf = r.asOf ? `figures as of ${formatHuman(r.asOf)}` : "no reconcile recorded this week";
  return [
    `# ${r.organisation}: governance report, week ${r.week.name}`,
    "",
    `${formatHuman(r.week.from)} – ${formatHuman(r.week.to)}, ${asOf}.`,
    "",
    `**${reportMoney(r.total.now, r.currency)} at risk** (${changeText(r.total, r.currency)}). Each KPI counts once: its delay × its cost of delay per day.`,
    "",
    ...reportSections(r).flatMap(table),
  ].join("\n");
}
