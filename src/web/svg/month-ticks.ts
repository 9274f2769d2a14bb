import { fromDayNumber, toDayNumber } from "../../model/index.js";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** First days of months between two day numbers, thinned to at most `most` labels so they never crowd. */
export function monthTicks(min: number, max: number, most: number): { d: number; text: string }[] {
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
  const step = Math.max(1, Math.ceil(ticks.length / most));
  return ticks.filter((_, i) => i % step === 0);
}
