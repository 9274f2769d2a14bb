import type { SourceStatus } from "../api/schemas.js";
import { hrefWith, html, type SafeHtml } from "../http/html.js";
import { instant, plural, toolName } from "./format.js";
import { layout } from "./layout.js";

export type SourcesNotice = { kind: "synced" | "queued"; instance: string } | null;

function cursorText(cursor: unknown): string {
  if (cursor === null || cursor === undefined) return "none (next sync reads everything)";
  const text = JSON.stringify(cursor);
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}

function source(s: SourceStatus, csrf: string): SafeHtml {
  const run = s.lastRun;
  const status = run?.status ?? null;
  const quarantine =
    s.quarantine.total === 0
      ? html`<p class="muted">No quarantined records.</p>`
      : html`<div class="table-wrap" tabindex="0"><table>
        <caption>${plural(s.quarantine.total, "quarantined record")}${s.quarantine.total > s.quarantine.items.length ? ` (first ${s.quarantine.items.length} shown)` : ""}</caption>
        <thead><tr><th scope="col">Where</th><th scope="col">Key</th><th scope="col">Column → field</th><th scope="col">Reason</th><th scope="col">Value</th><th scope="col">Last seen</th></tr></thead>
        <tbody>${s.quarantine.items.map(
          (
            q,
          ) => html`<tr><td>${q.location}</td><td class="nowrap">${q.nativeKey ?? "—"}</td><td>${[q.column, q.field].filter(Boolean).join(" → ") || "—"}</td>
            <td>${q.reason}</td><td>${q.raw === null ? "—" : html`<code>${q.raw.length > 120 ? `${q.raw.slice(0, 119)}…` : q.raw}</code>`}</td><td class="nowrap">${instant(q.lastSeen)}</td></tr>`,
        )}</tbody></table></div>`;
  return html`<article class="source" id="source-${s.id}" aria-labelledby="h-${s.id}">
    <header>
      <h2 id="h-${s.id}">${s.id} <span class="muted">${toolName(s.kind)}</span>
        ${status ? html`<span class="badge ${status}">${status}</span>` : html`<span class="badge info">never synced</span>`}
        ${s.quarantine.total > 0 ? html`<span class="badge warning">${plural(s.quarantine.total, "row")} quarantined</span>` : ""}</h2>
      ${
        s.configured && s.enabled
          ? html`<form method="post" action="/sources/${encodeURIComponent(s.id)}/sync">
            <input type="hidden" name="csrf" value="${csrf}">
            <button type="submit">Sync ${s.id} now</button>
          </form>`
          : html`<p class="muted">${s.configured ? "disabled in the config" : "no longer in the config"}</p>`
      }
    </header>
    ${run?.message ? html`<p class="${status === "ok" ? "notice" : "error"}">${run.message}</p>` : ""}
    <dl class="facts">
      <dt>Last sync</dt><dd>${run ? `${instant(run.finishedAt ?? run.startedAt)}` : "never"}</dd>
      <dt>Last run</dt><dd>${run ? `${run.inserted} new, ${run.updated} changed, ${run.unchanged} unchanged, ${run.removed} removed, ${run.quarantined} quarantined in ${plural(run.pages, "page")}` : "—"}</dd>
      <dt>Actions</dt><dd><a href="${hrefWith("/actions", { source: s.id })}">${plural(s.actions.active, "live action")}</a>${s.actions.removed > 0 ? `, ${s.actions.removed} removed` : ""}</dd>
      <dt>Cursor</dt><dd><code>${cursorText(s.cursor)}</code>${s.cursorAt ? html` <span class="muted">(${instant(s.cursorAt)})</span>` : ""}</dd>
      <dt>Schedule</dt><dd>${s.syncEveryMinutes ? `every ${plural(s.syncEveryMinutes, "minute")}` : "on demand and on webhooks"}</dd>
      ${s.mappingFile ? html`<dt>Mapping</dt><dd><code>${s.mappingFile}</code>${s.kind === "sheets" ? html` · <a href="${hrefWith("/mapping", { instance: s.id })}">edit in the mapping editor</a>` : ""}</dd>` : ""}
    </dl>
    <h3>Quarantined records</h3>
    ${quarantine}
  </article>`;
}

export function sourcesPage(list: readonly SourceStatus[], notice: SourcesNotice, csrf: string): SafeHtml {
  const body = html`<h1>Sources</h1>
    ${
      notice
        ? html`<p class="notice" role="status">${notice.kind === "synced" ? `Synced ${notice.instance} and reconciled: its last run is below.` : `Sync of ${notice.instance} queued; a worker will run it.`}</p>`
        : ""
    }
    ${list.map((s) => source(s, csrf))}`;
  return layout({ title: "Sources", section: "sources", csrf, body });
}
