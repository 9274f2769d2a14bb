import {
  changeNote,
  type FactRow,
  factRows,
  headline,
  type Markup,
  roleNote,
  subjectLine,
  typeLabel,
  whatToDo,
} from "./format.js";
import type { AlertIntent } from "./intent.js";
import type { AlertBatch } from "./merge.js";

const textMarkup: Markup = {
  action: (a) => `"${a.title}"`,
  text: (s) => s,
  bold: (s) => s,
};

const LABEL_WIDTH = 14;

function rowsText(rows: FactRow[]): string[] {
  return rows.flatMap((row) =>
    row.lines
      .flatMap((line) => line.split("\n"))
      .map((line, i) => `  ${(i === 0 ? `${row.label}:` : "").padEnd(LABEL_WIDTH)}${line}`),
  );
}

/** Plain text for a terminal or the text part of an e-mail. */
export function renderText(intent: AlertIntent): string {
  const { view, kind, role } = intent;
  const lines = [`${subjectLine(view, kind)}`, "", headline(view, kind, textMarkup)];
  const note = changeNote(view, kind);
  if (note) lines.push(note);
  lines.push("", ...rowsText(factRows(view, kind, textMarkup, true)), "");
  lines.push(`What to do: ${whatToDo(view, role, kind, textMarkup)}`);
  lines.push(roleNote(role));
  return lines.join("\n");
}

export function greeting(batch: AlertBatch): string {
  const open = batch.intents.filter((i) => i.kind !== "resolved").length;
  const cleared = batch.intents.length - open;
  const who = batch.recipient.name ? `${batch.recipient.name}, ` : "";
  const plural = (n: number) => (n === 1 ? "1 conflict" : `${n} conflicts`);
  const parts = [
    open > 0 ? `${plural(open)} need${open === 1 ? "s" : ""} your attention` : "",
    cleared > 0 ? `${plural(cleared)} cleared` : "",
  ].filter((p) => p !== "");
  return `${who}${batch.digest ? "your Sightline digest: " : ""}${parts.join("; ")}.`;
}

/** One message for a merged batch or a digest; a single intent renders as itself. */
export function renderBatchText(batch: AlertBatch): string {
  const [only] = batch.intents;
  if (batch.intents.length === 1 && only && !batch.digest) return renderText(only);
  const rule = "-".repeat(60);
  return [greeting(batch), ...batch.intents.flatMap((i) => [rule, renderText(i)])].join("\n");
}

/** E-mail subject for a batch. */
export function batchSubject(batch: AlertBatch): string {
  const [only] = batch.intents;
  if (batch.intents.length === 1 && only && !batch.digest) return subjectLine(only.view, only.kind);
  const types = [...new Set(batch.intents.map((i) => typeLabel(i.view.type).toLowerCase()))].join(", ");
  return `${batch.digest ? "Sightline digest" : "Sightline"}: ${batch.intents.length} conflicts (${types})`;
}

export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Only web links become anchors: a `javascript:` URL from a tool must never reach an e-mail client. */
export function safeHttpUrl(url: string | null): string | null {
  if (!url || !URL.canParse(url)) return null;
  const u = new URL(url);
  return u.protocol === "https:" || u.protocol === "http:" ? u.href : null;
}

const htmlMarkup: Markup = {
  action: (a) => {
    const url = safeHttpUrl(a.url);
    return url
      ? `<a href="${escapeHtml(url)}">${escapeHtml(a.title)}</a>`
      : `<em>${escapeHtml(a.title)}</em>`;
  },
  text: escapeHtml,
  bold: (s) => `<strong>${s}</strong>`,
};

function htmlSection(intent: AlertIntent): string {
  const { view, kind, role } = intent;
  const note = changeNote(view, kind);
  const rows = factRows(view, kind, htmlMarkup, false)
    .map(
      (r) =>
        `<tr><th align="left" valign="top" style="padding-right:12px">${escapeHtml(r.label)}</th><td>${r.lines.join("<br>")}</td></tr>`,
    )
    .join("");
  return [
    `<h3>${escapeHtml(subjectLine(view, kind))}</h3>`,
    `<p>${headline(view, kind, htmlMarkup)}</p>`,
    note ? `<p>${escapeHtml(note)}</p>` : "",
    rows ? `<table>${rows}</table>` : "",
    `<p><strong>What to do:</strong> ${whatToDo(view, role, kind, htmlMarkup)}</p>`,
    `<p style="color:#666">${escapeHtml(roleNote(role))}</p>`,
  ].join("\n");
}

function htmlDocument(body: string): string {
  return `<!doctype html>\n<html><body style="font-family:sans-serif">\n${body}\n</body></html>`;
}

/** The HTML part of an e-mail: the same content as renderText, every tool-supplied string escaped. */
export function renderHtml(intent: AlertIntent): string {
  return htmlDocument(htmlSection(intent));
}

export function renderBatchHtml(batch: AlertBatch): string {
  const [only] = batch.intents;
  if (batch.intents.length === 1 && only && !batch.digest) return renderHtml(only);
  return htmlDocument(
    [`<p>${escapeHtml(greeting(batch))}</p>`, ...batch.intents.map((i) => `<hr>\n${htmlSection(i)}`)].join(
      "\n",
    ),
  );
}
