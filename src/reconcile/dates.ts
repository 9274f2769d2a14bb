import {
  daysFromCivil,
  formatHuman,
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

export function isoOrNull(day: number): string | null {
  return day === NONE ? null : fromDayNumber(day);
}

/** "3 Apr 2026" for messages. */
export function human(day: number): string {
  return formatHuman(fromDayNumber(day));
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
