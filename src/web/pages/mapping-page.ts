import { serialToDate } from "../../mapping/dates.js";
import { columnLetter } from "../../mapping/headers.js";
import { ACTION_STATUSES } from "../../model/index.js";
import type { EditorSheet } from "../api/schemas.js";
import { html, type SafeHtml } from "../http/html.js";
import { type ColumnChoice, choicesFor, FIELD_LABELS, TRANSFORMS } from "../mapping/editor-fields.js";
import { label } from "./format.js";
import { layout } from "./layout.js";

export interface SheetInstance {
  id: string;
  mappingFile: string | null;
}

/** Where the editor starts: the configured sheets instances, or any spreadsheet by id. */
export function mappingChooserPage(
  instances: readonly SheetInstance[],
  csrf: string,
  error: string | null,
): SafeHtml {
  const body = html`<h1>Mapping editor</h1>
    ${error ? html`<p class="error" role="alert">${error}</p>` : ""}
    <p>Map a sheet's columns to action fields by pointing at them. The result is saved as a mapping file under
    <code>mappings/</code>, validated like <code>sightline mapping validate</code>.</p>
    <h2>Connected spreadsheets</h2>
    ${
      instances.length === 0
        ? html`<p class="muted">No sheets instance is configured.</p>`
        : html`<ul>${instances.map(
            (i) =>
              html`<li><a href="/mapping?instance=${encodeURIComponent(i.id)}">${i.id}</a>${i.mappingFile ? html` <span class="muted">(${i.mappingFile})</span>` : ""}</li>`,
          )}</ul>`
    }
    <h2>Another spreadsheet</h2>
    <form method="get" action="/mapping" class="inline-form">
      <div class="field grow"><label for="m-sid">Spreadsheet address or id</label>
        <input id="m-sid" name="spreadsheetId" required aria-describedby="m-sid-hint">
        <span class="hint" id="m-sid-hint">Paste the sheet's address from the browser, or the part between /d/ and /edit</span></div>
      <div class="field"><label for="m-sheet">Tab (optional)</label><input id="m-sheet" name="sheet"></div>
      <button type="submit">Open</button>
    </form>`;
  return layout({ title: "Mapping editor", section: "mapping", csrf, body });
}

function fieldOptions(selected: ColumnChoice["field"]): SafeHtml {
  return html`<option value="">(not mapped)</option>${Object.entries(FIELD_LABELS).map(
    ([v, t]) => html`<option value="${v}"${v === selected ? html` selected` : ""}>${t}</option>`,
  )}`;
}

function transformOptions(choice: ColumnChoice): SafeHtml {
  const list = choice.field === "" ? [] : TRANSFORMS[choice.field];
  return html`${list.map(([v, t]) => html`<option value="${v}"${v === choice.transform ? html` selected` : ""}>${t}</option>`)}`;
}

function statusTable(i: number, column: string, values: readonly string[], choice: ColumnChoice): SafeHtml {
  const visible = choice.field === "status" && choice.transform === "enum";
  const byKey = new Map(Object.entries(choice.statusValues).map(([k, v]) => [k.trim().toLowerCase(), v]));
  const options = (selected: string, none: string) =>
    html`<option value="">${none}</option>${ACTION_STATUSES.map(
      (s) => html`<option value="${s}"${s === selected ? html` selected` : ""}>${label(s)}</option>`,
    )}`;
  return html`<fieldset class="status-table"${visible ? "" : html` hidden`}>
    <legend>Status of each value of “${column}”</legend>
    ${values.map(
      (v, j) => html`<div><label for="sv-${i}-${j}">${v}</label>
        <select id="sv-${i}-${j}" class="status-value" data-value="${v}">${options(byKey.get(v.trim().toLowerCase()) ?? "", "not listed: row error")}</select></div>`,
    )}
    <div><label for="sd-${i}">Empty cell</label>
      <select id="sd-${i}" class="status-default">${options(choice.statusDefault, "row error")}</select></div>
  </fieldset>`;
}

/** The first sample values of a column; date cells (serial numbers) shown as the dates the sheet displays. */
function cellPreview(rows: EditorSheet["sampleRows"], i: number, dates: boolean): string {
  return rows
    .map((r) => r[i])
    .filter((c) => c !== null && c !== undefined && c !== "")
    .slice(0, 3)
    .map((c) => {
      const asDate = dates && typeof c === "number" ? serialToDate(c) : null;
      return asDate?.ok ? asDate.date : String(c);
    })
    .join(" · ");
}

export function mappingEditorPage(s: EditorSheet, csrf: string): SafeHtml {
  const choices = choicesFor(s.proposal, s.header);
  const sourceLabel =
    "instance" in s.source ? `instance ${s.source.instance}` : `spreadsheet ${s.source.spreadsheetId}`;
  const constants = s.proposal.constants ?? {};
  const rows = s.header.map((h, i) => {
    if (h === "") return "";
    const c = choices[i]!;
    const optionLabel = c.transform === "date-format" ? "Date format (e.g. DD/MM/YYYY)" : "Separator";
    const optionHidden = c.transform !== "date-format" && c.transform !== "list-separator";
    return html`<tr data-column="${h}">
      <th scope="row">${h} <span class="muted">(${columnLetter(i)})</span></th>
      <td class="sample">${cellPreview(s.sampleRows, i, c.field === "start" || c.field === "due")}</td>
      <td><label class="vh" for="fd-${i}">Field for column ${h}</label>
        <select id="fd-${i}" class="field-select">${fieldOptions(c.field)}</select></td>
      <td><label class="vh transform-label" for="tr-${i}"${c.field === "" || c.field === "key" ? html` hidden` : ""}>Transform for column ${h}</label>
        <select id="tr-${i}" class="transform-select"${c.field === "" || c.field === "key" ? html` hidden` : ""}>${transformOptions(c)}</select>
        <label for="op-${i}" class="option-label"${optionHidden ? html` hidden` : ""}>${optionLabel}</label>
        <input id="op-${i}" class="option-input" value="${c.option}"${optionHidden ? html` hidden` : ""}>
        ${s.distinct[h] !== undefined && s.distinct[h].length <= 30 ? statusTable(i, h, s.distinct[h], c) : ""}</td>
    </tr>`;
  });
  const body = html`<p><a href="/mapping">← Mapping editor</a></p>
    <h1>Map “${s.spreadsheet.title}”</h1>
    <p>${sourceLabel}${s.current ? html` · mapping file <code>${s.current.file}</code>` : ""}</p>
    ${s.current && s.current.issues.length > 0 ? html`<div class="error" role="alert"><p>The current mapping file has problems:</p><ul>${s.current.issues.map((i) => html`<li>${i}</li>`)}</ul></div>` : ""}
    <form method="get" action="/mapping" class="inline-form" aria-label="Choose the tab">
      ${"instance" in s.source ? html`<input type="hidden" name="instance" value="${s.source.instance}">` : html`<input type="hidden" name="spreadsheetId" value="${s.source.spreadsheetId}">`}
      <div class="field"><label for="m-tab">Tab</label><select id="m-tab" name="sheet">${s.tabs.map(
        (t) =>
          html`<option value="${t.title}"${t.sheetId === s.sheet.sheetId ? html` selected` : ""}>${t.title}</option>`,
      )}</select></div>
      <div class="field"><label for="m-hr">Header row</label><input id="m-hr" name="headerRow" type="number" min="1" max="1000" value="${s.headerRow}"></div>
      ${s.current?.mapping ? html`<div class="field"><label for="m-start">Start from</label><select id="m-start" name="start"><option value="suggestion">the suggestion</option><option value="current">the current file</option></select></div>` : ""}
      <button type="submit" class="secondary">Load</button>
    </form>
    ${s.notes.length > 0 ? html`<h2>Check these</h2><ul>${s.notes.map((n) => html`<li>${n}</li>`)}</ul>` : ""}
    <form id="mapping-form" novalidate
      data-source="${JSON.stringify(s.source)}" data-csrf="${csrf}" data-transforms="${JSON.stringify(TRANSFORMS)}"
      data-spreadsheet-id="${s.spreadsheet.id}" data-sheet-id="${s.sheet.sheetId}" data-sheet-title="${s.sheet.title}" data-header-row="${s.headerRow}">
      <h2>Columns of “${s.sheet.title}”</h2>
      <div class="table-wrap" tabindex="0"><table class="columns">
        <caption>Pick the action field each column feeds; the preview below follows every change.</caption>
        <thead><tr><th scope="col">Column</th><th scope="col">Sample</th><th scope="col">Field</th><th scope="col">Transform</th></tr></thead>
        <tbody>${rows}</tbody>
      </table></div>
      <fieldset class="inline-form"><legend>Values no column holds</legend>
        <div class="field"><label for="c-team">Team</label><input id="c-team" name="team" value="${constants.team ?? ""}"></div>
        <div class="field"><label for="c-bu">Business unit</label><input id="c-bu" name="businessUnit" value="${constants.businessUnit ?? ""}"></div>
        <div class="field"><label for="c-program">Program</label><input id="c-program" name="program" value="${constants.program ?? ""}"></div>
        <div class="field"><label for="c-kpis">KPIs (comma separated)</label><input id="c-kpis" name="kpis" value="${(constants.kpis ?? []).join(", ")}"></div>
        <div class="field"><label for="c-prefix">Key prefix</label><input id="c-prefix" name="keyPrefix" value="${s.proposal.keyPrefix ?? ""}"></div>
      </fieldset>
      ${"instance" in s.source ? "" : html`<div class="field"><label for="c-file">File name under mappings/ (without .yaml)</label><input id="c-file" name="fileName" pattern="[a-z0-9][a-z0-9\\-]*" required></div>`}
      <div class="actions-bar">
        <button type="submit" id="save">Save mapping</button>
        <p id="save-status" role="status" aria-live="polite"></p>
      </div>
    </form>
    <section id="preview" aria-labelledby="preview-h" aria-busy="false">
      <h2 id="preview-h">Preview</h2>
      <p id="preview-summary" role="status" aria-live="polite">Loading the preview…</p>
      <div id="preview-problems"></div>
      <div class="table-wrap" tabindex="0" id="preview-errors-wrap" hidden><table id="preview-errors">
        <caption>Row errors (these rows would be quarantined)</caption>
        <thead><tr><th scope="col">Where</th><th scope="col">Key</th><th scope="col">Column</th><th scope="col">Reason</th></tr></thead>
        <tbody></tbody></table></div>
      <div class="table-wrap" tabindex="0"><table id="preview-actions">
        <caption>Actions as the next sync would store them</caption>
        <thead><tr><th scope="col">Key</th><th scope="col">Title</th><th scope="col">Status</th><th scope="col">Owner</th>
        <th scope="col">Start</th><th scope="col">Due</th><th scope="col">Depends on</th><th scope="col">KPIs</th><th scope="col">Team</th></tr></thead>
        <tbody></tbody></table></div>
    </section>`;
  return layout({
    title: "Mapping editor",
    section: "mapping",
    csrf,
    body,
    scripts: ["/assets/mapping-editor.js"],
  });
}
