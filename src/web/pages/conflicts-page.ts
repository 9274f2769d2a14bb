import { CONFLICT_TYPES, SEVERITIES } from "../../model/index.js";
import type { ActionRef, ConflictFilter, ConflictPage } from "../api/schemas.js";
import { hrefWith, html, type SafeHtml } from "../http/html.js";
import type { Portfolio } from "../queries/portfolio-query.js";
import { timeline } from "../svg/timeline.js";
import { day, instant, label, money, plural, shortId } from "./format.js";
import { asOfLine, layout, pager, selectField } from "./layout.js";
import { actionHref, conflictHref } from "./links.js";

function filterParams(f: ConflictFilter) {
  return {
    status: f.status === "open" ? null : f.status,
    team: f.team,
    businessUnit: f.businessUnit,
    kpi: f.kpi,
    type: f.type,
    severity: f.severity,
  };
}

/** A title when the store still has the action, else its key. */
function refName(r: ActionRef): string {
  return r.title ?? shortId(r.id);
}

/** "One slip, N conflicts, X at risk": the slips to fix first, each with the people it leaves waiting. */
function rootCauses(page: ConflictPage, currency: string): SafeHtml | string {
  if (page.rootCauses.length === 0) return "";
  return html`<section aria-labelledby="roots"><h2 id="roots">Root causes</h2><ul class="root-causes">${page.rootCauses.map(
    (g) => html`<li><span class="badge ${g.severity}">${g.severity}</span>
      <a href="${actionHref(g.rootCause.id)}">${refName(g.rootCause)}</a>${g.rootCause.ownerName ? html` <span class="muted">(${g.rootCause.ownerName})</span>` : ""}:
      one slip, ${plural(g.conflicts, "conflict")}, ${money(g.valueAtRisk, currency)} at risk${g.owners.length > 0 ? html`; waiting: ${g.owners.join(", ")}` : ""}</li>`,
  )}</ul></section>`;
}

/** The actions in conflict and what they wait on, along their paths, on one time axis. */
function portfolioChart(p: Portfolio, today: string): SafeHtml | string {
  if (p.rows.length === 0) return "";
  const caption = `Timeline of ${plural(p.rows.length, "action")} on the conflicts' dependency paths`;
  return html`<section aria-labelledby="portfolio"><h2 id="portfolio">Timeline</h2>
    ${timeline(p.rows, p.edges, today, caption, "portfolio")}
    <p class="hint">Root causes in amber, actions in conflict in red, the steps between in blue. A red dashed link
    is a dependent planned to start before what it waits on is done; a red arrow marks the earliest date its
    dependencies allow.${p.omitted > 0 ? ` ${plural(p.omitted, "more action")} on lower-risk paths are left out: filter to see them.` : ""}</p>
  </section>`;
}

export function conflictsPage(
  page: ConflictPage,
  chart: Portfolio,
  today: string,
  f: ConflictFilter,
  currency: string,
  csrf: string,
): SafeHtml {
  const rows = page.items.map(
    (c) => html`<tr>
      <td><span class="badge ${c.severity}">${c.severity}</span></td>
      <td><a href="${conflictHref(c.fingerprint)}">${c.title ?? label(c.type)}</a><br><span class="muted">${label(c.type)}</span></td>
      <td data-label="Who must act">${c.ownerName ?? html`<span class="badge warning">no owner</span>`}</td>
      <td data-label="Waiting on">${c.waitingOn ? html`<a href="${actionHref(c.waitingOn.id)}">${refName(c.waitingOn)}</a>${c.waitingOn.ownerName ? html`<br><span class="muted">${c.waitingOn.ownerName}</span>` : ""}` : "—"}</td>
      <td class="path" data-label="Path">${c.pathRefs.length > 0 ? c.pathRefs.map(refName).join(" → ") : c.actionIds.map(shortId).join(", ")}</td>
      <td class="num" data-label="Days short">${c.daysShort ?? "—"}</td>
      <td class="num" data-label="At risk">${money(c.valueAtRisk, currency)}</td>
      <td class="opt">${c.teams.join(", ")}</td>
      <td class="opt nowrap">${c.plannedDate ? day(c.plannedDate) : "—"}</td>
      <td class="opt nowrap">${instant(c.firstSeen)}</td>
    </tr>`,
  );
  const body = html`<h1>Conflicts</h1>
    ${asOfLine(page.asOf)}
    <form method="get" action="/conflicts" class="filters" aria-label="Filter conflicts">
      ${selectField({ name: "status", label: "Status", value: f.status, options: ["open", "acknowledged", "snoozed", "resolved"].map((s) => [s, s]) })}
      ${selectField({ name: "team", label: "Team", value: f.team, options: page.facets.teams.map((t) => [t, t]), any: "Any team" })}
      ${selectField({ name: "businessUnit", label: "Business unit", value: f.businessUnit, options: page.facets.businessUnits.map((t) => [t, t]), any: "Any unit" })}
      ${selectField({ name: "kpi", label: "KPI", value: f.kpi, options: page.facets.kpis.map((k) => [k.key, k.name]), any: "Any KPI" })}
      ${selectField({ name: "type", label: "Type", value: f.type, options: CONFLICT_TYPES.map((t) => [t, label(t)]), any: "Any type" })}
      ${selectField({ name: "severity", label: "Severity", value: f.severity, options: SEVERITIES.map((s) => [s, s]), any: "Any severity" })}
      <button type="submit">Filter</button>
      <a href="/conflicts">Clear</a>
    </form>
    <ul class="summary">
      <li><strong>${plural(page.total, "conflict")}</strong>${f.status}</li>
      <li><strong>${money(page.valueAtRisk, currency)}</strong>at risk</li>
    </ul>
    ${rootCauses(page, currency)}
    ${portfolioChart(chart, today)}
    ${
      page.total === 0
        ? html`<p>No ${f.status} conflicts match these filters.</p>`
        : html`<div class="table-wrap" tabindex="0"><table class="stack">
          <caption>Sorted by value at risk, largest first</caption>
          <thead><tr><th scope="col">Severity</th><th scope="col">Conflict</th><th scope="col">Who must act</th><th scope="col">Waiting on</th><th scope="col">Path (root cause → action)</th>
          <th scope="col" class="num">Days short</th><th scope="col" class="num">At risk</th><th scope="col" class="opt">Teams</th>
          <th scope="col" class="opt">Planned</th><th scope="col" class="opt">First seen</th></tr></thead>
          <tbody>${rows}</tbody></table></div>`
    }
    ${pager({ ...page, href: (offset) => hrefWith("/conflicts", { ...filterParams(f), offset: offset || null }) })}`;
  return layout({ title: "Conflicts", section: "conflicts", csrf, body });
}
