import { html, type SafeHtml } from "../http/html.js";

export interface Point {
  /** ISO instant. */
  at: string;
  value: number;
}

const W = 900;
const H = 240;
const LEFT = 90;
const RIGHT = 20;
const TOP = 16;
const BOTTOM = 30;

/** A step chart (the value holds until the next point), with the axes' extremes labelled. */
export function stepChart(
  points: readonly Point[],
  caption: string,
  format: (v: number) => string,
): SafeHtml {
  if (points.length === 0) {
    return html`<p class="muted">Nothing has been at risk yet.</p>`;
  }
  const times = points.map((p) => Date.parse(p.at));
  const t0 = Math.min(...times);
  const t1 = Math.max(t0 + 1, ...times);
  const top = Math.max(1, ...points.map((p) => p.value)) * 1.1;
  const x = (t: number) => LEFT + ((t - t0) / (t1 - t0)) * (W - LEFT - RIGHT);
  const y = (v: number) => TOP + (1 - v / top) * (H - TOP - BOTTOM);
  let d = "";
  points.forEach((p, i) => {
    const px = x(times[i]!);
    const py = y(p.value);
    d += i === 0 ? `M${px.toFixed(1)} ${py.toFixed(1)}` : ` H${px.toFixed(1)} V${py.toFixed(1)}`;
  });
  const last = points[points.length - 1]!;
  // Days when the series spans days; minutes when it all happened within one or two (a fresh install).
  const short = t1 - t0 < 2 * 86_400_000;
  const dateOf = (t: number) => {
    const iso = new Date(t).toISOString();
    return short ? `${iso.slice(0, 16).replace("T", " ")} UTC` : iso.slice(0, 10);
  };
  return html`<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="vr-title">
    <title id="vr-title">${caption}</title>
    <line x1="${LEFT}" y1="${TOP}" x2="${LEFT}" y2="${H - BOTTOM}" stroke="#8c959f"/>
    <line x1="${LEFT}" y1="${H - BOTTOM}" x2="${W - RIGHT}" y2="${H - BOTTOM}" stroke="#8c959f"/>
    <text x="${LEFT - 6}" y="${y(top / 1.1) + 4}" text-anchor="end">${format(top / 1.1)}</text>
    <text x="${LEFT - 6}" y="${H - BOTTOM + 4}" text-anchor="end">${format(0)}</text>
    <text x="${LEFT}" y="${H - 8}">${dateOf(t0)}</text>
    <text x="${W - RIGHT}" y="${H - 8}" text-anchor="end">${dateOf(t1)}</text>
    <path d="${d}" fill="none" stroke="#a40e26" stroke-width="2.5"/>
    <circle cx="${x(Date.parse(last.at))}" cy="${y(last.value)}" r="4" fill="#a40e26"/>
  </svg>`;
}
