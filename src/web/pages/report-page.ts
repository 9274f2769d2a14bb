import { weeksBefore } from "../../report/iso-week.js";
import { changeText, reportMoney } from "../../report/render-md.js";
import type { WeeklyReport } from "../../report/weekly-report.js";
import { hrefWith, html, type SafeHtml } from "../http/html.js";
import { day } from "./format.js";
import { layout } from "./layout.js";
import { conflictHref } from "./links.js";

function table(
  caption: string,
  head: string[],
  rows: (SafeHtml | string)[][],
  numeric: number[] = [],
): SafeHtml {
  if (rows.length === 0) return html`<h3>${caption}</h3><p class="muted">None.</p>`;
  const cls = (i: number) => (numeric.includes(i) ? "num" : "");
  return html`<div class="table-wrap" tabindex="0"><table>
    <caption>${caption}</caption>
    <thead><tr>${head.map((h, i) => html`<th scope="col" class="${cls(i)}">${h}</th>`)}</tr></thead>
    <tbody>${rows.map((r) => html`<tr>${r.map((c, i) => html`<td class="${cls(i)}">${c}</td>`)}</tr>`)}</tbody>
  </table></div>`;
}

/**
 * /report: the weekly governance report as `sightline report` builds it (the same model and figures), in the
 * admin's layout; the e-mail version is `sightline report --format html`.
 */
export function reportPage(r: WeeklyReport, csrf: string): SafeHtml {
  const m = (n: number) => reportMoney(n, r.currency);
  const ch = (c: Parameters<typeof changeText>[0]) => changeText(c, r.currency);
  const body = html`<h1>Governance report, week ${r.week.name}</h1>
    <p>${day(r.week.from)} – ${day(r.week.to)}, ${r.asOf ? html`figures as of <time datetime="${r.asOf}">${day(r.asOf)}</time>` : "no reconcile recorded this week"}.</p>
    <ul class="summary"><li><strong>${m(r.total.now)}</strong>at risk (${ch(r.total)})</li>
      <li><strong>${r.unanswered.length}</strong>unanswered</li><li><strong>${r.vacuums.length}</strong>without an owner</li></ul>
    <p class="hint">Each KPI counts once: its delay × its cost of delay per day. <a href="${hrefWith("/report", { week: weeksBefore(r.week, 1).name })}">Previous week</a></p>
    <h2>Value at risk</h2>
    ${table(
      "By objective",
      ["Objective", "At risk", "Change", "Last 12 weeks"],
      r.objectives.map((o) => [
        o.key,
        m(o.now),
        ch(o),
        o.series.map((p) => (p.valueAtRisk === null ? "—" : m(p.valueAtRisk))).join(" · "),
      ]),
      [1],
    )}
    ${table(
      "By KPI",
      ["KPI", "Objective", "Days late", "At risk", "Change"],
      r.kpis.map((k) => [k.name, k.objective, String(k.days), m(k.now), ch(k)]),
      [2, 3],
    )}
    ${table(
      "By business unit",
      ["Business unit", "At risk", "Change"],
      r.businessUnits.map((b) => [b.key, m(b.now), ch(b)]),
      [1],
    )}
    <h2>Who must act</h2>
    ${table(
      "This week's slips and their root causes",
      ["Root cause", "Owner", "Conflicts", "At risk"],
      r.slips.map((s) => [
        s.rootCause.title ?? s.rootCause.id,
        s.rootCause.ownerName ?? "nobody",
        String(s.conflicts),
        m(s.valueAtRisk),
      ]),
      [2, 3],
    )}
    ${table(
      "Unanswered",
      ["Conflict", "Has not answered", "Waiting on", "Open for"],
      r.unanswered.map((u) => [
        html`<a href="${conflictHref(u.fingerprint)}">${u.title ?? u.fingerprint}</a>`,
        u.ownerName ?? "nobody (no owner)",
        u.waitingOn
          ? `${u.waitingOn.title ?? u.waitingOn.id}${u.waitingOn.ownerName ? ` (${u.waitingOn.ownerName})` : ""}`
          : "—",
        `${u.hours} h`,
      ]),
      [3],
    )}
    ${table(
      "Ownership vacuums",
      ["Action", "Team"],
      r.vacuums.map((v) => [v.title ?? v.actionId, v.teams.join(", ")]),
    )}
    ${table(
      "Actions not linked to a KPI",
      ["Action", "Owner"],
      r.unlinked.map((u) => [u.title ?? u.actionId, u.ownerName ?? "nobody"]),
    )}
    ${table(
      "Time to acknowledge, per team",
      ["Team", "Answered", "Median"],
      r.timeToAcknowledge.map((t) => [t.team, String(t.answered), `${t.medianHours} h`]),
      [1, 2],
    )}`;
  return layout({ title: `Report ${r.week.name}`, section: "report", csrf, body });
}
