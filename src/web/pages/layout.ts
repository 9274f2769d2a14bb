import { type HtmlPart, html, type SafeHtml } from "../http/html.js";
import { day, instant } from "./format.js";

export type Section = "conflicts" | "kpis" | "report" | "actions" | "sources" | "mapping" | "login";

const NAV: [Section, string, string][] = [
  ["conflicts", "/conflicts", "Conflicts"],
  ["kpis", "/kpis", "KPIs"],
  ["report", "/report", "Report"],
  ["actions", "/actions", "Actions"],
  ["sources", "/sources", "Sources"],
  ["mapping", "/mapping", "Mapping editor"],
];

export interface PageShell {
  title: string;
  section: Section;
  /** CSRF token of the session; null on the sign-in page (no navigation, no sign-out). */
  csrf: string | null;
  body: HtmlPart;
  /** Extra scripts from /assets (the page script of the mapping editor). */
  scripts?: string[];
}

/** The frame of every page: landmarks, a skip link, the navigation and a sign-out form. */
export function layout(p: PageShell): SafeHtml {
  const nav =
    p.csrf === null
      ? null
      : html`<nav aria-label="Main">
          <ul>
            ${NAV.map(
              ([id, href, text]) =>
                html`<li><a href="${href}"${id === p.section ? html` aria-current="page"` : ""}>${text}</a></li>`,
            )}
          </ul>
          <form method="post" action="/logout" class="signout">
            <input type="hidden" name="csrf" value="${p.csrf}">
            <button type="submit">Sign out</button>
          </form>
        </nav>`;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${p.title} · Sightline</title>
<link rel="stylesheet" href="/assets/app.css">
${(p.scripts ?? []).map((s) => html`<script src="${s}" defer></script>`)}
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
  <a class="brand" href="/conflicts">Sightline</a>
  ${nav}
</header>
<main id="main" tabindex="-1">
${p.body}
</main>
</body>
</html>`;
}

/** "Showing 51–100 of 1,234" with previous/next links that keep the other query parameters. */
export function pager(opts: {
  total: number;
  limit: number;
  offset: number;
  href: (offset: number) => string;
}): SafeHtml {
  const { total, limit, offset } = opts;
  if (total === 0) return html``;
  const from = Math.min(offset + 1, total);
  const to = Math.min(offset + limit, total);
  const prev = offset > 0 ? opts.href(Math.max(0, offset - limit)) : null;
  const next = offset + limit < total ? opts.href(offset + limit) : null;
  return html`<nav class="pager" aria-label="Pagination">
    <p>Showing ${from.toLocaleString("en-GB")}–${to.toLocaleString("en-GB")} of ${total.toLocaleString("en-GB")}</p>
    ${prev === null ? html`<span aria-disabled="true">Previous</span>` : html`<a href="${prev}" rel="prev">Previous</a>`}
    ${next === null ? html`<span aria-disabled="true">Next</span>` : html`<a href="${next}" rel="next">Next</a>`}
  </nav>`;
}

export function selectField(opts: {
  name: string;
  label: string;
  value: string | undefined;
  options: readonly (readonly [value: string, text: string])[];
  any?: string;
}): SafeHtml {
  const id = `f-${opts.name}`;
  return html`<div class="field">
    <label for="${id}">${opts.label}</label>
    <select id="${id}" name="${opts.name}">
      ${opts.any === undefined ? "" : html`<option value="">${opts.any}</option>`}
      ${opts.options.map(
        ([v, t]) => html`<option value="${v}"${v === opts.value ? html` selected` : ""}>${t}</option>`,
      )}
    </select>
  </div>`;
}

/** Under each page's heading: the day its figures are as of, so the web never disagrees silently with the CLI. */
export function asOfLine(asOf: { day: string; recordedAt: string } | null): SafeHtml {
  if (asOf === null) {
    return html`<p class="as-of muted">No reconcile recorded yet: these figures are empty until the first one runs.</p>`;
  }
  return html`<p class="as-of muted">Figures as of <time datetime="${asOf.day}">${day(asOf.day)}</time>, from the reconcile recorded at ${instant(asOf.recordedAt)}.</p>`;
}
