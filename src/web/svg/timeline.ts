import { addDays, capLength, fromDayNumber, toDayNumber } from "../../model/index.js";
import { html, type SafeHtml } from "../http/html.js";
import { day } from "../pages/format.js";
import { monthTicks } from "./month-ticks.js";

export interface TimelineRow {
  label: string;
  /** root_cause: the slip; action: an action in conflict; step: on a path between them. */
  role: "root_cause" | "step" | "action";
  start: string | null;
  due: string | null;
  /** First due date ever seen; drawn as a hollow marker when the due date moved. */
  baselineDue: string | null;
  /** The earliest date the dependencies allow, on an action in conflict. */
  earliest?: string | null;
}

/** A dependency link, by row index: `to` depends on `from`. */
export interface TimelineEdge {
  from: number;
  to: number;
}

/**
 * Two drawings of one chart, each shown at the width it is drawn for (app.css swaps them at 640 px and sets
 * their font sizes): a phone gets text at its own size instead of a desktop drawing shrunk to a third.
 */
const LAYOUTS = [
  { cls: "wide", w: 900, chars: 60, ticks: 9, notes: true },
  { cls: "narrow", w: 380, chars: 44, ticks: 4, notes: false },
] as const;
type Layout = (typeof LAYOUTS)[number];

const ROW_H = 46;
const TOP = 30;
const LEFT = 8;
const RIGHT = 64;
const COLOURS: Record<TimelineRow["role"], string> = {
  root_cause: "#9a6700",
  step: "#0b5cad",
  action: "#a40e26",
};
/** Today is drawn on the axis only when it lies this close to the plan; otherwise an arrow says where it is. */
const TODAY_REACH_DAYS = 45;

const short = (date: string) => day(date).replace(/ \d{4}$/, "");

function draw(
  rows: readonly TimelineRow[],
  edges: readonly TimelineEdge[],
  today: string,
  caption: string,
  id: string,
  l: Layout,
): SafeHtml {
  const planned = rows
    .flatMap((r) => [r.start, r.due, r.baselineDue, r.earliest ?? null])
    .filter((d) => d !== null);
  const days = (planned.length > 0 ? planned : [today]).map(toDayNumber);
  const t = toDayNumber(today);
  const near = t >= Math.min(...days) - TODAY_REACH_DAYS && t <= Math.max(...days) + TODAY_REACH_DAYS;
  if (near) days.push(t);
  const min = toDayNumber(addDays(fromDayNumber(Math.min(...days)), -3));
  const max = toDayNumber(addDays(fromDayNumber(Math.max(...days)), 3));
  const plotW = l.w - LEFT - RIGHT;
  const xd = (d: number) => LEFT + ((d - min) / Math.max(1, max - min)) * plotW;
  const x = (date: string) => xd(toDayNumber(date));
  const height = TOP + rows.length * ROW_H + 24;
  const barY = (i: number) => TOP + i * ROW_H + 26;

  const grid = monthTicks(min, max, l.ticks).map(
    (
      tick,
    ) => html`<line x1="${xd(tick.d)}" y1="${TOP - 8}" x2="${xd(tick.d)}" y2="${height - 20}" stroke="#e1e4e8"/>
      <text x="${xd(tick.d) + 3}" y="${TOP - 12}">${tick.text}</text>`,
  );

  // A link from the dependency's finish to the dependent's start; drawn red when it runs backwards in time,
  // which is exactly a dependent planned to start before what it waits on is done.
  const links = edges.map(({ from, to }) => {
    const a = rows[from];
    const b = rows[to];
    if (!a?.due || !b || !(b.start ?? b.due)) return "";
    const x1 = x(a.due);
    const x2 = x((b.start ?? b.due)!);
    const late = x2 < x1;
    // Down from the dependency's finish, across above the dependent's bar, down onto its start.
    const y2 = barY(to) - 7;
    return html`<path d="M${x1} ${barY(from) + 6} V${y2 - 9} H${x2} V${y2}" fill="none" stroke="${late ? "#a40e26" : "#57606a"}" stroke-width="${late ? 1.5 : 1}" ${late ? html`stroke-dasharray="4 2"` : ""} marker-end="url(#${id}-${late ? "late" : "ok"})"/>`;
  });

  const lanes = rows.map((r, i) => {
    const cy = barY(i);
    const fill = COLOURS[r.role];
    const end = r.due ? x(r.due) : null;
    const shape =
      r.start && r.due
        ? html`<rect x="${x(r.start)}" y="${cy - 6}" width="${Math.max(4, x(r.due) - x(r.start))}" height="12" rx="3" fill="${fill}"/>`
        : r.due
          ? html`<path d="M${x(r.due)} ${cy - 7} l7 7 l-7 7 l-7 -7 z" fill="${fill}"/>`
          : html`<text x="${LEFT}" y="${cy + 4}">no dates</text>`;
    const dueLabel =
      end === null ? "" : html`<text x="${end + 9}" y="${cy + 4}" class="lbl">${short(r.due!)}</text>`;
    const moved = r.baselineDue && r.due && r.baselineDue !== r.due;
    const ghost = moved
      ? html`<line x1="${x(r.baselineDue!)}" y1="${cy - 10}" x2="${x(r.baselineDue!)}" y2="${cy + 8}" stroke="#1b1f24" stroke-dasharray="3 2"/>
          <circle cx="${x(r.baselineDue!)}" cy="${cy - 10}" r="3.5" fill="#fff" stroke="#1b1f24"/>
          ${l.notes ? html`<text x="${x(r.baselineDue!) + 6}" y="${cy - 8}">was ${short(r.baselineDue!)}</text>` : ""}`
      : "";
    const e = r.earliest ? x(r.earliest) : null;
    const earliest =
      e === null
        ? ""
        : html`<line x1="${r.start ? x(r.start) : (end ?? e)}" y1="${cy + 11}" x2="${e}" y2="${cy + 11}" stroke="#a40e26" stroke-dasharray="4 3"/>
          <path d="M${e} ${cy + 6} l6 5 l-6 5 z" fill="#a40e26"/>
          <text x="${e + 8 > l.w - RIGHT ? e - 4 : e + 8}" y="${cy + 16}" text-anchor="${e + 8 > l.w - RIGHT ? "end" : "start"}" class="lbl late">${l.notes ? "earliest " : ""}${short(r.earliest!)}</text>`;
    return html`<g><text x="${LEFT}" y="${cy - 11}" class="lbl">${capLength(r.label, l.chars)}</text>${shape}${dueLabel}${ghost}${earliest}</g>`;
  });

  const todayMark = near
    ? html`<line x1="${xd(t)}" y1="${TOP - 8}" x2="${xd(t)}" y2="${height - 20}" stroke="#116329" stroke-width="2"/>
        <text x="${xd(t) + 3}" y="${height - 6}" fill="#116329">today</text>`
    : html`<text x="${t > max ? l.w - 8 : LEFT}" y="${height - 6}" text-anchor="${t > max ? "end" : "start"}" fill="#116329">${t > max ? `today is ${day(today)} →` : `← today is ${day(today)}`}</text>`;
  const marker = (name: string, colour: string) =>
    html`<marker id="${id}-${name}" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" markerUnits="userSpaceOnUse" orient="auto"><path d="M0 0 L8 4 L0 8 z" fill="${colour}"/></marker>`;
  return html`<svg class="chart ${l.cls}" viewBox="0 0 ${l.w} ${height}" role="img" aria-labelledby="${id}-title">
    <title id="${id}-title">${caption}</title>
    <defs>${marker("ok", "#57606a")}${marker("late", "#a40e26")}</defs>
    ${grid}${links}${lanes}${todayMark}
  </svg>`;
}

/**
 * Actions on one time axis, each labelled above its bar (start to due; a diamond when only the due date is
 * known) with its due date after it, a hollow marker where the due date was first planned, the earliest
 * feasible date of each action in conflict, the dependency links, and today. `id` must be unique on the page.
 */
export function timeline(
  rows: readonly TimelineRow[],
  edges: readonly TimelineEdge[],
  today: string,
  caption: string,
  id: string,
): SafeHtml {
  return html`${LAYOUTS.map((l) => draw(rows, edges, today, caption, `${id}-${l.cls}`, l))}`;
}
