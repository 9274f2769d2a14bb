import {
  civilFromDays,
  daysFromCivil,
  fromDayNumber,
  isValidCalendarDate,
  parseCalendarDate,
  ValidationError,
} from "../model/index.js";
import { NONE } from "./codes.js";

function digit(text: string, i: number): number {
  const c = text.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1000;
}

/**
 * `YYYY-MM-DD` to a day number, NONE for null. A hand-rolled fast path because a million actions carry
 * three million dates and the regex parser dominated the profile; anything unusual goes to the model's parser.
 */
export function dayOrNone(text: string | null | undefined, actionId: string, field: string): number {
  if (text === null || text === undefined) return NONE;
  if (text.length === 10 && text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45) {
    const year = digit(text, 0) * 1000 + digit(text, 1) * 100 + digit(text, 2) * 10 + digit(text, 3);
    const month = digit(text, 5) * 10 + digit(text, 6);
    const day = digit(text, 8) * 10 + digit(text, 9);
    if (year >= 0 && month >= 0 && day >= 0 && isValidCalendarDate(year, month, day)) {
      return daysFromCivil(year, month, day);
    }
  }
  const parsed = parseCalendarDate(text);
  if (parsed === null) {
    const where = actionId === "" ? `reconcile input field ${field}` : `action ${actionId} field ${field}`;
    throw new ValidationError(where, [`expected a calendar date YYYY-MM-DD, got ${JSON.stringify(text)}`]);
  }
  return parsed;
}

const isoCache = new Map<number, string>();
const humanCache = new Map<number, string>();
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** `YYYY-MM-DD` for a day number, NONE as null. Cached: a portfolio's dates repeat endlessly. */
export function isoOrNull(day: number): string | null {
  if (day === NONE) return null;
  let s = isoCache.get(day);
  if (s === undefined) {
    s = fromDayNumber(day);
    if (isoCache.size < 100_000) isoCache.set(day, s);
  }
  return s;
}

/** "3 Apr 2026" for messages, as the model's formatHuman, from the day number directly. */
export function human(day: number): string {
  let s = humanCache.get(day);
  if (s === undefined) {
    const { year, month, day: d } = civilFromDays(day);
    s = `${d} ${MONTHS[month - 1]} ${year}`;
    if (humanCache.size < 100_000) humanCache.set(day, s);
  }
  return s;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
