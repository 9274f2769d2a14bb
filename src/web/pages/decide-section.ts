import { SNOOZE_DAYS } from "../../alerts/index.js";
import { replanChange } from "../../jobs/replan-change.js";
import type { DateChange } from "../../sync/contract.js";
import type { ConflictDetail, PathStep } from "../api/schemas.js";
import type { Decided } from "../decision-routes.js";
import { html, type SafeHtml } from "../http/html.js";
import { day } from "./format.js";
import { conflictHref } from "./links.js";

const NOTICES: Record<Decided, string> = {
  acknowledged: "Acknowledged: the owners hear again only if it gets worse.",
  snoozed: "Snoozed: no reminders until the date below.",
  written: "Written back to the tool and reconciled: the page shows the result.",
  queued: "Queued for write-back: a worker writes it to the tool, re-syncs and reconciles.",
};

function step(d: ConflictDetail, id: string | null): PathStep["action"] {
  if (!id) return null;
  return [...d.path, ...d.others].find((s) => s.id === id)?.action ?? null;
}

function form(
  fingerprint: string,
  verb: string,
  csrf: string,
  fields: SafeHtml | string,
  button: string,
): SafeHtml {
  return html`<form method="post" action="${conflictHref(fingerprint)}/${verb}" class="inline-form">
    <input type="hidden" name="csrf" value="${csrf}">${fields}
    <button type="submit">${button}</button>
  </form>`;
}

function changeText(change: DateChange): string {
  return [change.start ? `start ${day(change.start)}` : "", change.due ? `due ${day(change.due)}` : ""]
    .filter(Boolean)
    .join(", ");
}

/**
 * The Slack buttons' decisions as forms. Each form carries the date it shows, so a conflict that moved since
 * the page was loaded is refused rather than replanned to a date nobody saw.
 */
export function decideSection(d: ConflictDetail, csrf: string, decided: Decided | null): SafeHtml {
  const c = d.conflict;
  const notice = decided ? html`<p class="notice" role="status">${NOTICES[decided]}</p>` : "";
  if (c.status === "resolved")
    return html`<h2 id="decide">Decide</h2>${notice}<p class="muted">This conflict has cleared: nothing to decide.</p>`;
  const fp = c.fingerprint;
  const action = step(d, c.actionId);
  const dependency = step(d, c.dependencyId);
  // As in Slack: a dependency is asked to commit only to a date it can still make.
  const neededBy = c.type === "schedule" && c.facts.neededByReachable ? c.facts.neededBy : null;
  const forms: SafeHtml[] = [];
  if (action && c.earliestDate) {
    const change = replanChange(action, c, c.earliestDate);
    forms.push(html`<h3>Replan ${action.title}</h3>
      <p>Moves it to ${changeText(change)} in ${action.source.instance}, the earliest its dependencies allow.</p>
      ${form(fp, "replan", csrf, html`<input type="hidden" name="date" value="${c.earliestDate}">`, `Replan to ${day(c.earliestDate)}`)}`);
  }
  if (dependency && neededBy) {
    forms.push(html`<h3>Commit ${dependency.title}</h3>
      <p>Sets its due date to ${day(neededBy)} in ${dependency.source.instance}, the latest that keeps this plan.</p>
      ${form(
        fp,
        "commit",
        csrf,
        html`<input type="hidden" name="dependency" value="${dependency.id}"><input type="hidden" name="date" value="${neededBy}">`,
        `Commit to ${day(neededBy)}`,
      )}`);
  }
  const snoozeField = html`<div class="field"><label for="snooze-days">Snooze for</label>
    <select id="snooze-days" name="days">${SNOOZE_DAYS.map((n) => html`<option value="${String(n)}">${n === 1 ? "1 day" : `${n} days`}</option>`)}</select></div>`;
  return html`<h2 id="decide">Decide</h2>${notice}
    <p class="hint">What the Slack buttons do, recorded under your sign-in name; dates are written back to the tool.</p>
    ${c.status === "acknowledged" ? "" : html`<h3>Acknowledge</h3><p>Keeps the plan; the owners hear again only if it gets worse.</p>${form(fp, "acknowledge", csrf, "", "Acknowledge")}`}
    <h3>Snooze</h3>${form(fp, "snooze", csrf, snoozeField, "Snooze")}
    ${forms}`;
}
