import { addDays, fromDayNumber, toDayNumber } from "../../model/index.js";
import { html, type SafeHtml } from "../http/html.js";
import { day } from "../pages/format.js";

export interface TimelineRow {
  label: string;
  start: string | null;
  due: string | null;
  /** First due date ever seen; drawn as a ghost marker when the due date moved. */
  baselineDue: string | null;
  /** The earliest date the dependencies allow, on the action in conflict. */
  earliest?: string | null;
}

const W = 900;
const LABEL_W = 230;
const ROW_H = 36;
const TOP = 30;
const PLOT_W = W - LABEL_W - 20;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** First days of months between two day numbers, thinned so labels never crowd. */
function monthTicks(min: number, max: number): { d: number; text: string }[] {
  const ticks: { d: number; text: string }[] = [];
  const first = fromDayNumber(min);
  let y = Number(first.slice(0, 4));
  let m = Number(first.slice(5, 7));
  for (;;) {
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
    const d = toDayNumber(`${y}-${String(m).padStart(2, "0")}-01`);
    if (d > max) break;
    ticks.push({ d, text: `${MONTHS[m - 1]} ${m === 1 ? y : ""}`.trim() });
  }
  const step = Math.max(1, Math.ceil(ticks.length / 8));
  return ticks.filter((_, i) => i % step === 0);
}

/**
 * The path from root cause to the action in conflict on one time axis: a bar from start to due for each
 * action (a diamond when only the due date is known), a hollow marker where the due date was first planned,
 * the earliest feasible date of the action in conflict, and today.
 */
export function timeline(rows: readonly TimelineRow[], today: string, caption: string): SafeHtml {
  const dates = rows.flatMap((r) => [r.start, r.due, r.baselineDue, r.earliest ?? null]).filter((d) => d !== null);
  dates.push(today);
  const days = dates.map(toDayNumber);
  const min = toDayNumber(addDays(fromDayNumber(Math.min(...days)), -3));
  const max = toDayNumber(addDays(fromDayNumber(Math.max(...days)), 3));
  const x = (date: string) => LABEL_W + ((toDayNumber(date) - min) / Math.max(1, max - min)) * PLOT_W;
  const height = TOP + rows.length * ROW_H + 16;
  const y = (i: number) => TOP + i * ROW_H;

  const grid = monthTicks(min, max).map((t) => {
    const tx = LABEL_W + ((t.d - min) / Math.max(1, max - min)) * PLOT_W;
    return html`<line x1="${tx}" y1="${TOP - 6}" x2="${tx}" y2="${height - 10}" stroke="#d0d7de"/>
      <text x="${tx + 3}" y="${TOP - 12}">${t.text}</text>`;
  });

  const bars = rows.map((r, i) => {
    const cy = y(i) + ROW_H / 2;
    const last = i === rows.length - 1;
    const fill = last ? "#a40e26" : i === 0 ? "#7d4e00" : "#0b5cad";
    const shape =
      r.start && r.due
        ? html`<rect x="${x(r.start)}" y="${cy - 8}" width="${Math.max(3, x(r.due) - x(r.start))}" height="16" rx="3" fill="${fill}"/>`
        : r.due
          ? html`<path d="M${x(r.due)} ${cy - 8} l8 8 l-8 8 l-8 -8 z" fill="${fill}"/>`
          : html`<text x="${LABEL_W + 4}" y="${cy + 4}">no dates</text>`;
    const ghost =
      r.baselineDue && r.due && r.baselineDue !== r.due
        ? html`<path d="M${x(r.baselineDue)} ${cy - 7} l7 7 l-7 7 l-7 -7 z" fill="none" stroke="#57606a" stroke-dasharray="2 2"/>
            <text x="${x(r.baselineDue) + 9}" y="${cy - 10}">was ${day(r.baselineDue)}</text>`
        : null;
    const earliest = r.earliest
      ? html`<line x1="${r.start ? x(r.start) : r.due ? x(r.due) : x(r.earliest)}" y1="${cy + 12}" x2="${x(r.earliest)}" y2="${cy + 12}" stroke="#a40e26" stroke-dasharray="4 3"/>
          <path d="M${x(r.earliest)} ${cy + 6} l6 6 l-6 6 z" fill="#a40e26"/>
          <text x="${x(r.earliest) + 8}" y="${cy + 16}" class="lbl">earliest ${day(r.earliest)}</text>`
      : null;
    return html`<g>
      <text x="8" y="${cy + 4}" class="lbl">${clip(r.label, 30)}</text>
      ${shape}${ghost}${earliest}
    </g>`;
  });

  const tx = x(today);
  return html`<svg class="chart" viewBox="0 0 ${W} ${height}" role="img" aria-labelledby="tl-title">
    <title id="tl-title">${caption}</title>
    ${grid}
    ${bars}
    <line x1="${tx}" y1="${TOP - 6}" x2="${tx}" y2="${height - 10}" stroke="#116329" stroke-width="2"/>
    <text x="${tx + 3}" y="${height - 2}">today</text>
  </svg>`;
}
