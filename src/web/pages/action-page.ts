import { distinctKpiValue } from "../../reconcile/index.js";
import type { ActionDetail, ActionSummary } from "../api/schemas.js";
import { externalHref, html, type SafeHtml } from "../http/html.js";
import { day, historyValue, instant, label, money, plural, toolName } from "./format.js";
import { layout } from "./layout.js";
import { actionHref, conflictHref } from "./links.js";

export function actionLink(a: ActionSummary): SafeHtml {
  return html`<a href="${actionHref(a.id)}">${a.title}</a> <span class="muted">${a.id}</span>`;
}

export function actionPage(d: ActionDetail, currency: string, csrf: string): SafeHtml {
  const a = d.action;
  const link = externalHref(a.url);
  const deps =
    d.dependsOn.length === 0
      ? html`<p class="muted">Depends on nothing.</p>`
      : html`<div class="table-wrap" tabindex="0"><table>
        <caption>What it waits for</caption>
        <thead><tr><th scope="col">Ref in the tool</th><th scope="col">Type</th><th scope="col">Lag</th><th scope="col">Resolves to</th><th scope="col">Due</th></tr></thead>
        <tbody>${d.dependsOn.map(
          (dep) => html`<tr><td>${dep.ref}</td><td>${dep.type}</td><td>${dep.lagDays} d</td>
            <td>${dep.resolution === "dangling" ? html`<span class="badge warning">matches nothing</span>` : ""}
            ${dep.didYouMean.length > 0 ? html`<br>Did you mean ${dep.didYouMean.map((x) => html`${actionLink(x)} `)}? Write its id in the tool instead of its title.` : ""}
            ${dep.resolution === "ambiguous" ? html`<span class="badge warning">ambiguous</span> ` : ""}
            ${dep.ignored ? html`<span class="badge">not a dependency (override)</span> ` : ""}
            ${dep.actions.map((x) => html`${actionLink(x)}<br>`)}</td>
            <td>${dep.actions.map((x) => html`${day(x.due)}<br>`)}</td></tr>`,
        )}</tbody></table></div>`;
  const dependents =
    d.dependedOnBy.length === 0
      ? html`<p class="muted">Nothing depends on it.</p>`
      : html`<div class="table-wrap" tabindex="0"><table>
        <caption>What waits for it</caption>
        <thead><tr><th scope="col">Action</th><th scope="col">Type</th><th scope="col">Lag</th><th scope="col">Start</th><th scope="col">Due</th></tr></thead>
        <tbody>${d.dependedOnBy.map(
          (
            x,
          ) => html`<tr><td>${actionLink(x.action)}${x.ambiguous ? html` <span class="badge warning">ambiguous ref ${x.ref}</span>` : ""}${x.ignored ? html` <span class="badge">not a dependency (override)</span>` : ""}</td>
            <td>${x.type}</td><td>${x.lagDays} d</td><td>${day(x.action.start)}</td><td>${day(x.action.due)}</td></tr>`,
        )}</tbody></table></div>`;
  const history = html`<div class="table-wrap" tabindex="0"><table>
    <caption>Every change, oldest first</caption>
    <thead><tr><th scope="col">When</th><th scope="col">Field</th><th scope="col">From</th><th scope="col">To</th><th scope="col">By</th></tr></thead>
    <tbody>${d.history.map((e) =>
      e.field === "created"
        ? html`<tr><td>${instant(e.at)}</td><td colspan="3">first seen</td><td>${e.source}</td></tr>`
        : html`<tr><td>${instant(e.at)}</td><td>${e.field}</td><td>${historyValue(e.from)}</td><td>${historyValue(e.to)}</td><td>${e.source}</td></tr>`,
    )}</tbody></table></div>`;
  const body = html`<p><a href="/actions">← Search actions</a></p>
    <h1>${a.title}</h1>
    ${a.removedAt ? html`<p class="error">Removed from ${a.source.instance} at ${instant(a.removedAt)}.</p>` : ""}
    <dl class="facts">
      <dt>Id</dt><dd><code>${a.id}</code></dd>
      <dt>Tool</dt><dd>${toolName(a.source.kind)} (${a.source.instance})${link ? html` · <a href="${link}" rel="noopener noreferrer" target="_blank">open ${a.nativeKey} in its tool</a>` : ""}</dd>
      <dt>Status</dt><dd>${label(a.status)}</dd>
      <dt>Owner</dt><dd>${d.ownerName ?? html`<span class="muted">unresolved</span>`}${a.ownerRaw ? html` <span class="muted">(the tool says “${a.ownerRaw}”)</span>` : ""}</dd>
      <dt>Team</dt><dd>${a.team ?? "—"}</dd>
      <dt>Business unit</dt><dd>${a.businessUnit ?? "—"}</dd>
      <dt>Program</dt><dd>${a.program ?? "—"}</dd>
      <dt>Start</dt><dd>${day(a.start)}</dd>
      <dt>Due</dt><dd>${day(a.due)}${a.baselineDue && a.baselineDue !== a.due ? html` <span class="muted">(first planned ${day(a.baselineDue)})</span>` : ""}</dd>
      <dt>KPIs</dt><dd>${a.kpis.length > 0 ? a.kpis.join(", ") : "none"}</dd>
      ${a.mirrors.length > 0 ? html`<dt>Mirrors</dt><dd>${a.mirrors.join(", ")}</dd>` : ""}
      <dt>Last synced</dt><dd>${instant(a.syncedAt)}</dd>
    </dl>
    ${
      d.conflicts.length > 0
        ? html`<h2>Unresolved conflicts</h2><ul>${d.conflicts.map(
            (c) =>
              html`<li><span class="badge ${c.severity}">${c.severity}</span> <a href="${conflictHref(c.fingerprint)}">${label(c.type)}</a> (${label(c.status)}, ${money(c.valueAtRisk, currency)} at risk)</li>`,
          )}</ul>`
        : ""
    }
    ${
      d.causes.length > 0
        ? html`<h2>What its slip causes</h2><p>Root cause of ${plural(d.causes.length, "unresolved conflict")}, ${money(
            distinctKpiValue(d.causes),
            currency,
          )} at risk:</p><ul>${d.causes.map(
            (c) =>
              html`<li><span class="badge ${c.severity}">${c.severity}</span> <a href="${conflictHref(c.fingerprint)}">${c.title ?? label(c.type)}</a> — ${c.ownerName ?? "no owner"} (${label(c.status)}, ${money(c.valueAtRisk, currency)} at risk)</li>`,
          )}</ul>`
        : ""
    }
    <h2>Depends on</h2>${deps}
    <h2>Depended on by</h2>${dependents}
    <h2>History</h2>${history}`;
  return layout({ title: a.title, section: "actions", csrf, body });
}
