import type { ConflictDetail, PathStep } from "../api/schemas.js";
import type { Decided } from "../decision-routes.js";
import { externalHref, html, type SafeHtml } from "../http/html.js";
import { timeline } from "../svg/timeline.js";
import { decideSection } from "./decide-section.js";
import { changeText, day, historyValue, instant, label, money, toolName } from "./format.js";
import { asOfLine, layout } from "./layout.js";
import { actionHref } from "./links.js";

const ROLE_NAMES: Record<PathStep["role"], string> = {
  root_cause: "Root cause",
  step: "On the path",
  dependency: "Dependency",
  action: "In conflict",
};

function stepRow(s: PathStep): SafeHtml {
  const a = s.action;
  if (!a)
    return html`<tr><td>${ROLE_NAMES[s.role]}</td><td colspan="7">${s.id} (no longer in the store)</td></tr>`;
  const link = externalHref(a.url);
  return html`<tr>
    <th scope="row">${ROLE_NAMES[s.role]}</th>
    <td><a href="${actionHref(a.id)}">${a.title}</a><br><span class="muted">${a.id}</span></td>
    <td>${link ? html`<a href="${link}" rel="noopener noreferrer" target="_blank">${a.nativeKey} in ${toolName(a.source.kind)}</a>` : toolName(a.source.kind)}<br><span class="muted">${a.source.instance}</span></td>
    <td>${s.ownerName ?? a.ownerRaw ?? html`<span class="muted">nobody</span>`}</td>
    <td>${label(a.status)}</td>
    <td class="nowrap">${day(a.start)}</td>
    <td class="nowrap">${day(a.due)}</td>
    <td class="nowrap">${a.baselineDue && a.baselineDue !== a.due ? day(a.baselineDue) : "—"}</td>
  </tr>`;
}

function stepsTable(caption: string, steps: readonly PathStep[]): SafeHtml {
  return html`<div class="table-wrap" tabindex="0"><table>
    <caption>${caption}</caption>
    <thead><tr><th scope="col">Role</th><th scope="col">Action</th><th scope="col">Tool</th><th scope="col">Owner</th>
    <th scope="col">Status</th><th scope="col">Start</th><th scope="col">Due</th><th scope="col">First planned due</th></tr></thead>
    <tbody>${steps.map(stepRow)}</tbody></table></div>`;
}

export function conflictPage(
  d: ConflictDetail,
  currency: string,
  csrf: string,
  decided: Decided | null = null,
): SafeHtml {
  const c = d.conflict;
  const title = c.title ?? label(c.type);
  const neededBy = c.type === "schedule" ? c.facts.neededBy : null;
  const rows = d.path.map((s, i) => ({
    label: s.action?.title ?? s.id,
    role: s.role === "root_cause" || s.role === "action" ? s.role : ("step" as const),
    start: s.action?.start ?? null,
    due: s.action?.due ?? null,
    baselineDue: s.action?.baselineDue ?? null,
    earliest: i === d.path.length - 1 ? c.earliestDate : null,
  }));
  const alerts =
    d.alerts.length === 0
      ? html`<p class="muted">Nobody has been alerted about this conflict yet.</p>`
      : html`<div class="table-wrap" tabindex="0"><table>
        <caption>Who was told, and when</caption>
        <thead><tr><th scope="col">Recipient</th><th scope="col">Via</th><th scope="col">About</th><th scope="col">Delivery</th><th scope="col">Sent</th></tr></thead>
        <tbody>${d.alerts.map(
          (
            a,
          ) => html`<tr><td>${a.recipientName ?? a.recipient}${a.recipientName ? html`<br><span class="muted">${a.recipient}</span>` : ""}</td>
            <td>${a.channel}</td><td>${changeText(a.changeKey)}</td><td>${a.status}</td><td class="nowrap">${instant(a.sentAt)}</td></tr>`,
        )}</tbody></table></div>`;
  const answers = html`<ul>
    ${c.statusBy ? html`<li>${label(c.status)} by ${c.statusBy} at ${instant(c.statusAt)}${c.snoozedUntil ? ` until ${c.snoozedUntil}` : ""}</li>` : ""}
    ${d.answers.map((e) => html`<li>${instant(e.at)}: ${e.source} changed ${e.field} of ${e.actionId} from ${historyValue(e.from)} to ${historyValue(e.to)}</li>`)}
  </ul>
  ${!c.statusBy && d.answers.length === 0 ? html`<p class="muted">No answer yet: nobody acknowledged, snoozed or replanned.</p>` : ""}`;

  const body = html`<p><a href="/conflicts">← All conflicts</a></p>
    <h1><span class="badge ${c.severity}">${c.severity}</span> ${label(c.type)}: ${title}</h1>
    ${asOfLine(d.asOf)}
    <p>${c.message}</p>
    <dl class="facts">
      <dt>Status</dt><dd>${label(c.status)}</dd>
      <dt>Value at risk</dt><dd>${money(c.valueAtRisk, currency)}</dd>
      ${c.daysShort !== null ? html`<dt>Days short</dt><dd>${c.daysShort}</dd>` : ""}
      ${c.plannedDate ? html`<dt>Planned</dt><dd>${day(c.plannedDate)}</dd>` : ""}
      ${c.earliestDate ? html`<dt>Earliest possible</dt><dd>${day(c.earliestDate)}</dd>` : ""}
      ${neededBy ? html`<dt>Dependency needed by</dt><dd>${day(neededBy)}</dd>` : ""}
      ${c.kpis.length > 0 ? html`<dt>KPIs</dt><dd>${c.kpis.join(", ")}</dd>` : ""}
      <dt>Teams</dt><dd>${c.teams.join(", ")}</dd>
      <dt>First seen</dt><dd>${instant(c.firstSeen)}</dd>
      <dt>Last seen</dt><dd>${instant(c.lastSeen)}</dd>
    </dl>
    ${
      d.path.length > 0
        ? html`<h2>Path from root cause to the action</h2>
          ${timeline(
            rows,
            rows.slice(1).map((_, i) => ({ from: i, to: i + 1 })),
            d.today,
            `Timeline of ${d.path.map((s) => s.action?.title ?? s.id).join(" → ")}`,
            "path",
          )}
          <p class="hint">Bars run from start to due (a diamond when there is only a due date); a hollow dot on a dashed
          line marks where a due date was first planned; a red dashed link is a step planned to start before the one
          it waits on is done; the red arrow is the earliest date the dependencies allow.</p>
          ${stepsTable("Each step with its owner and tool", d.path)}`
        : ""
    }
    ${d.others.length > 0 ? html`<h2>Also involved</h2>${stepsTable("Other actions in this conflict", d.others)}` : ""}
    ${decideSection(d, csrf, decided)}
    <h2>Alerts</h2>
    ${alerts}
    <h2>Answers</h2>
    ${answers}`;
  return layout({ title, section: "conflicts", csrf, body });
}
