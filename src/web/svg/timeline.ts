import { addDays, fromDayNumber, toDayNumber } from "../../model/index.js";
import { html, type SafeHtml } from "../http/html.js";
import { day } from "../pages/format.js";

export interface TimelineRow {
  label: string;
  start: string | null;
  due: string | null;
  /** First due date ever seen; drawn as a hollow marker when the due date moved. */
  baselineDue: string | null;
  /** The earliest date the dependencies allow, on the action in conflict. */
  earliest?: string | null;
}

const W = 900;
const LABEL_W = 200;
const ROW_H = 52;
const TOP = 28;
const PLOT_W = W - LABEL_W - 110;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** Today is drawn on the axis only when it lies this close to the plan; otherwise an arrow says where it is. */
const TODAY_REACH_DAYS = 45;

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
    ticks.push({ d, text: `${MONTHS[m - 1]}${m === 1 ? ` ${y}` : ""}` });
  }
  const step = Math.max(1, Math.ceil(ticks.length / 9));
  return ticks.filter((_, i) => i % step === 0);
}

const short = (date: string) => day(date).replace(/ \d{4}$/, "");

/**
 * The path from root cause to the action in conflict on one time axis: a bar from start to due for each
 * action (a diamond when only the due date is known) labelled with its due date, a hollow marker where the due
 * date was first planned, the earliest feasible date of the action in conflict, and today.
 */
export function timeline(rows: readonly TimelineRow[], today: string, caption: string): SafeHtml {
  const planned = rows
    .flatMap((r) => [r.start, r.due, r.baselineDue, r.earliest ?? null])
    .filter((d) => d !== null);
  const days = (planned.length > 0 ? planned : [today]).map(toDayNumber);
  const t = toDayNumber(today);
  const near = t >= Math.min(...days) - TODAY_REACH_DAYS && t <= Math.max(...days) + TODAY_REACH_DAYS;
  if (near) days.push(t);
  const min = toDayNumber(addDays(fromDayNumber(Math.min(...days)), -4));
  const max = toDayNumber(addDays(fromDayNumber(Math.max(...days)), 4));
  const xd = (d: number) => LABEL_W + ((d - min) / Math.max(1, max - min)) * PLOT_W;
  const x = (date: string) => xd(toDayNumber(date));
  const height = TOP + rows.length * ROW_H + 22;

  const grid = monthTicks(min, max).map(
    (
      tick,
    ) => html`<line x1="${xd(tick.d)}" y1="${TOP - 6}" x2="${xd(tick.d)}" y2="${height - 18}" stroke="#e1e4e8"/>
      <text x="${xd(tick.d) + 3}" y="${TOP - 10}">${tick.text}</text>`,
  );

  const lanes = rows.map((r, i) => {
    const cy = TOP + i * ROW_H + 22;
    const last = i === rows.length - 1;
    const fill = last ? "#a40e26" : i === 0 ? "#9a6700" : "#0b5cad";
    const end = r.due ? x(r.due) : null;
    const shape =
      r.start && r.due
        ? html`<rect x="${x(r.start)}" y="${cy - 7}" width="${Math.max(4, x(r.due) - x(r.start))}" height="14" rx="3" fill="${fill}"/>`
        : r.due
          ? html`<path d="M${x(r.due)} ${cy - 8} l8 8 l-8 8 l-8 -8 z" fill="${fill}"/>`
          : html`<text x="${LABEL_W + 4}" y="${cy + 4}">no dates</text>`;
    const dueLabel =
      end === null ? null : html`<text x="${end + 10}" y="${cy + 4}" class="lbl">${short(r.due!)}</text>`;
    const moved = r.baselineDue && r.due && r.baselineDue !== r.due;
    const ghost = moved
      ? html`<line x1="${x(r.baselineDue!)}" y1="${cy - 14}" x2="${x(r.baselineDue!)}" y2="${cy + 9}" stroke="#1b1f24" stroke-dasharray="3 2"/>
          <circle cx="${x(r.baselineDue!)}" cy="${cy - 14}" r="3.5" fill="#fff" stroke="#1b1f24"/>
          <text x="${x(r.baselineDue!) + 6}" y="${cy - 12}">was ${day(r.baselineDue!)}</text>`
      : null;
    const earliest = r.earliest
      ? html`<line x1="${r.start ? x(r.start) : (end ?? x(r.earliest))}" y1="${cy + 15}" x2="${x(r.earliest)}" y2="${cy + 15}" stroke="#a40e26" stroke-dasharray="4 3"/>
          <path d="M${x(r.earliest)} ${cy + 9} l7 6 l-7 6 z" fill="#a40e26"/>
          <text x="${x(r.earliest) + 10}" y="${cy + 20}" class="lbl">earliest ${short(r.earliest)}</text>`
      : null;
    return html`<g>
      <text x="8" y="${cy + 4}" class="lbl">${clip(r.label, 26)}</text>
      ${shape}${dueLabel}${ghost}${earliest}
    </g>`;
  });

  const todayMark = near
    ? html`<line x1="${xd(t)}" y1="${TOP - 6}" x2="${xd(t)}" y2="${height - 18}" stroke="#116329" stroke-width="2"/>
        <text x="${xd(t) + 3}" y="${height - 6}" fill="#116329">today</text>`
    : html`<text x="${t > max ? W - 8 : LABEL_W}" y="${height - 6}" text-anchor="${t > max ? "end" : "start"}" fill="#116329">${t > max ? `today is ${day(today)} →` : `← today is ${day(today)}`}</text>`;
  return html`<svg class="chart" viewBox="0 0 ${W} ${height}" role="img" aria-labelledby="tl-title">
    <title id="tl-title">${caption}</title>
    ${grid}
    ${lanes}
    ${todayMark}
  </svg>`;
}
