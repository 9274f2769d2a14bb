import { weeksBefore } from "../../report/iso-week.js";
import { changeText, reportMoney } from "../../report/money-text.js";
import { type ReportSection, reportSections } from "../../report/report-sections.js";
import type { WeeklyReport } from "../../report/weekly-report.js";
import { hrefWith, html, type SafeHtml } from "../http/html.js";
import { day } from "./format.js";
import { layout } from "./layout.js";
import { conflictHref } from "./links.js";

function table(sec: ReportSection): SafeHtml {
  if (sec.rows.length === 0) return html`<h3>${sec.title}</h3><p class="muted">None.</p>`;
  const cls = (i: number) => (sec.numeric.includes(i) ? "num" : "");
  const cell = (text: string, i: number, conflict: string | undefined) =>
    i === 0 && conflict ? html`<a href="${conflictHref(conflict)}">${text}</a>` : text;
  return html`<div class="table-wrap" tabindex="0"><table>
    <caption>${sec.title}</caption>
    <thead><tr>${sec.head.map((h, i) => html`<th scope="col" class="${cls(i)}">${h}</th>`)}</tr></thead>
    <tbody>${sec.rows.map((r) => html`<tr>${r.cells.map((c, i) => html`<td class="${cls(i)}">${cell(c, i, r.conflict)}</td>`)}</tr>`)}</tbody>
  </table></div>`;
}

/**
 * /report: the weekly governance report as `sightline report` builds it (the same model and figures), in the
 * admin's layout; the e-mail version is `sightline report --format html`.
 */
export function reportPage(r: WeeklyReport, csrf: string): SafeHtml {
  const m = (n: number) => reportMoney(n, r.currency);
  const ch = (c: Parameters<typeof changeText>[0]) => changeText(c, r.currency);
  const sections = reportSections(r);
  const body = html`<h1>Governance report, week ${r.week.name}</h1>
    <p>${day(r.week.from)} – ${day(r.week.to)}, ${r.asOf ? html`figures as of <time datetime="${r.asOf}">${day(r.asOf)}</time>` : "no reconcile recorded this week"}.</p>
    <ul class="summary"><li><strong>${m(r.total.now)}</strong>at risk (${ch(r.total)})</li>
      <li><strong>${r.unanswered.length}</strong>unanswered</li><li><strong>${r.vacuums.length}</strong>without an owner</li></ul>
    <p class="hint">Each KPI counts once: its delay × its cost of delay per day. <a href="${hrefWith("/report", { week: weeksBefore(r.week, 1).name })}">Previous week</a></p>
    <h2>Value at risk</h2>
    ${sections.filter((x) => x.part === "risk").map(table)}
    ${table({
      title: "Each objective at the end of the last 12 weeks",
      part: "risk",
      head: ["Objective", ...(r.objectives[0]?.series.map((p) => p.week.slice(5)) ?? [])],
      rows: r.objectives.map((o) => ({
        cells: [o.key, ...o.series.map((p) => (p.valueAtRisk === null ? "—" : m(p.valueAtRisk)))],
      })),
      numeric: Array.from({ length: 12 }, (_, i) => i + 1),
    })}
    <h2>Who must act</h2>
    ${sections.filter((x) => x.part === "act").map(table)}`;
  return layout({ title: `Report ${r.week.name}`, section: "report", csrf, body });
}
