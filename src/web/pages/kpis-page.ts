import type { KpiReport } from "../api/schemas.js";
import { hrefWith, html, type SafeHtml } from "../http/html.js";
import { stepChart } from "../svg/line-chart.js";
import { money, plural } from "./format.js";
import { asOfLine, layout } from "./layout.js";

function rollupTable(
  caption: string,
  rows: KpiReport["rollups"]["team"],
  currency: string,
  filter: string,
): SafeHtml {
  return html`<div class="table-wrap" tabindex="0"><table>
    <caption>${caption}</caption>
    <thead><tr><th scope="col">Name</th><th scope="col" class="num">Conflicts</th><th scope="col" class="num">Days late</th><th scope="col" class="num">At risk</th></tr></thead>
    <tbody>${rows.map(
      (
        r,
      ) => html`<tr><td><a href="${hrefWith("/conflicts", { [filter]: r.key })}">${r.key}</a></td><td class="num">${r.conflicts}</td>
        <td class="num">${r.daysShort}</td><td class="num">${money(r.valueAtRisk, currency)}</td></tr>`,
    )}</tbody></table></div>`;
}

export function kpisPage(r: KpiReport, csrf: string): SafeHtml {
  const c = r.currency;
  const objectives = r.objectives.map(
    (o, i) => html`<section aria-labelledby="obj-${i}">
      <h2 id="obj-${i}">${o.objective}</h2>
      <p>${money(o.valueAtRisk, c)} at risk (its KPIs' delays), ${plural(o.conflicts, "conflict")}.</p>
      <div class="table-wrap" tabindex="0"><table>
        <thead><tr><th scope="col">KPI</th><th scope="col">Owner</th><th scope="col" class="num">Cost of delay</th>
        <th scope="col" class="num">Actions serving it</th><th scope="col" class="num">Slipped past first due date</th>
        <th scope="col" class="num">Conflicts</th><th scope="col" class="num">Days late</th><th scope="col" class="num">At risk</th></tr></thead>
        <tbody>${o.kpis.map(
          (k) => html`<tr>
            <td><a href="${hrefWith("/conflicts", { kpi: k.key })}">${k.name}</a><br><span class="muted">${k.key}</span></td>
            <td>${k.ownerName ?? k.owner ?? "—"}</td>
            <td class="num">${money(k.costOfDelayPerDay, k.currency)}/day</td>
            <td class="num"><a href="${hrefWith("/actions", { kpi: k.key })}">${k.actions}</a></td>
            <td class="num">${k.slippedActions === 0 ? "none" : `${plural(k.slippedActions, "action")}, +${plural(k.slipDays, "day")}`}</td>
            <td class="num">${k.conflicts}</td>
            <td class="num">${k.daysShort}</td>
            <td class="num">${money(k.valueAtRisk, k.currency)}</td>
          </tr>`,
        )}</tbody></table></div>
    </section>`,
  );
  const body = html`<h1>KPIs and objectives</h1>
    ${asOfLine(r.asOf)}
    <ul class="summary">
      <li><strong>${money(r.rollups.total.valueAtRisk, c)}</strong>at risk now</li>
      <li><strong>${plural(r.rollups.total.conflicts, "conflict")}</strong>unresolved</li>
      <li><strong>${plural(r.rollups.total.daysShort, "day")}</strong>latest KPI delay</li>
    </ul>
    <h2>Value at risk over time</h2>
    ${stepChart(
      r.series.map((p) => ({ at: p.at, value: p.valueAtRisk })),
      `Value at risk over time, now ${money(r.rollups.total.valueAtRisk, c)}`,
      (v) => money(v, c),
    )}
    <p class="hint">The total each reconcile recorded on its day (each KPI once), held until the next one.</p>
    ${objectives}
    <h2>By team and business unit</h2>
    <p class="hint">A KPI is late by the latest forecast finish of its open actions against their latest planned
    finish at baseline; it puts delay × its cost of delay at risk. Objectives, teams and units add up their
    distinct KPIs, never conflicts; a KPI touched by two teams' conflicts counts for both, so these columns can
    add up to more than the total.</p>
    ${rollupTable("Teams", r.rollups.team, c, "team")}
    ${rollupTable("Business units", r.rollups.businessUnit, c, "businessUnit")}`;
  return layout({ title: "KPIs", section: "kpis", csrf, body });
}
