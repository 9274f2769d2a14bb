import { ACTION_STATUSES } from "../../model/index.js";
import type { ActionPage, ActionSearch } from "../api/schemas.js";
import { hrefWith, html, type SafeHtml } from "../http/html.js";
import { actionLink } from "./action-page.js";
import { day, label, plural, toolName } from "./format.js";
import { layout, pager, selectField } from "./layout.js";

export interface ActionFacets {
  sources: string[];
  kpis: { key: string; name: string }[];
  /** Person id → name, to show resolved owners rather than what a tool calls them (a Jira accountId). */
  people: ReadonlyMap<string, string>;
}

export function actionsPage(page: ActionPage, s: ActionSearch, facets: ActionFacets, csrf: string): SafeHtml {
  const params = { q: s.q, source: s.source, status: s.status, team: s.team, kpi: s.kpi };
  const body = html`<h1>Actions</h1>
    <form method="get" action="/actions" class="filters" role="search" aria-label="Search actions">
      <div class="field grow"><label for="f-q">Search id, title or owner</label>
        <input id="f-q" name="q" type="search" value="${s.q}" maxlength="200"></div>
      ${selectField({ name: "source", label: "Source", value: s.source, options: facets.sources.map((x) => [x, x]), any: "Every tool" })}
      ${selectField({ name: "status", label: "Status", value: s.status, options: ACTION_STATUSES.map((x) => [x, label(x)]), any: "Any status" })}
      ${selectField({ name: "kpi", label: "KPI", value: s.kpi, options: facets.kpis.map((k) => [k.key, k.name]), any: "Any KPI" })}
      <div class="field"><label for="f-team">Team</label><input id="f-team" name="team" value="${s.team ?? ""}"></div>
      <button type="submit">Search</button>
    </form>
    <p>${plural(page.total, "action")} found.</p>
    ${
      page.items.length === 0
        ? ""
        : html`<div class="table-wrap" tabindex="0"><table>
      <thead><tr><th scope="col">Action</th><th scope="col">Tool</th><th scope="col">Status</th><th scope="col">Owner</th>
      <th scope="col">Team</th><th scope="col">Start</th><th scope="col">Due</th></tr></thead>
      <tbody>${page.items.map(
        (
          a,
        ) => html`<tr><td>${actionLink(a)}</td><td>${toolName(a.source.kind)}</td><td>${label(a.status)}</td>
          <td>${(a.owner ? facets.people.get(a.owner) : undefined) ?? a.ownerRaw ?? "—"}</td><td>${a.team ?? "—"}</td><td class="nowrap">${day(a.start)}</td><td class="nowrap">${day(a.due)}</td></tr>`,
      )}</tbody></table></div>`
    }
    ${pager({ ...page, href: (offset) => hrefWith("/actions", { ...params, offset: offset || null, limit: s.limit === 50 ? null : s.limit }) })}`;
  return layout({ title: "Actions", section: "actions", csrf, body });
}
