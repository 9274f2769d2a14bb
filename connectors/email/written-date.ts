import {
  type DayNumber,
  daysFromCivil,
  fromDayNumber,
  isValidCalendarDate,
  parseCalendarDate,
} from "../../src/model/index.js";

/**
 * Dates as people write them in e-mail: `2026-03-14`, `14 Mar 2026`, `14th March 2026`, `March 14, 2026`,
 * `Fri 6 Mar 2026`, and without a year (`14 Mar`, `March 14`). A trailing parenthesis is a comment
 * (`10 Mar 2026 (API slipped)`). All-numeric forms other than ISO (`03/04/2026`) are refused: half the world
 * reads them day first, the other half month first.
 *
 * A date without a year is the next occurrence on or after the reference day (the message's date in the
 * organisation's time zone), looking back up to RECENT_PAST_DAYS: "Start: Jan 5" written on 20 Jan means the
 * 5 Jan just gone, not one a year away.
 */
export const RECENT_PAST_DAYS = 30;

export type WrittenDate = { ok: true; date: string } | { ok: false; reason: string };

const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
] as const;

const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"] as const;

const EXPECTED = "write it as 2026-03-14, 14 Mar 2026 or March 14";

/** `Mar`, `march`, `Sept` → 3, 3, 9; three letters at least, so `Ma` is not a month. */
function monthOf(word: string): number | null {
  const w = word.toLowerCase().replace(/\.$/, "");
  if (w.length < 3) return null;
  const i = MONTHS.findIndex((m) => m.startsWith(w));
  return i === -1 ? null : i + 1;
}

function weekdayOf(word: string): number | null {
  const w = word.toLowerCase().replace(/\.$/, "");
  if (w.length < 3) return null;
  const i = WEEKDAYS.findIndex((d) => d.startsWith(w));
  return i === -1 ? null : i;
}

/** 0 = Sunday; day 0 (1970-01-01) was a Thursday. */
function weekdayOfDay(day: DayNumber): number {
  return (((day + 4) % 7) + 7) % 7;
}

const DAY = /^(\d{1,2})(?:st|nd|rd|th)?$/i;
const YEAR = /^\d{4}$/;

interface Parts {
  day: number;
  month: number;
  year: number | null;
  weekday: number | null;
}

/** Splits `Fri, 6 March 2026` / `March 6th 2026` into parts; null when the words are not a date. */
function readParts(text: string): Parts | null {
  const words = text
    .replace(/,/g, " ")
    .split(/[\s-]+/)
    .filter((w) => w !== "" && w.toLowerCase() !== "of");
  let weekday: number | null = null;
  if (words.length > 0 && weekdayOf(words[0]!) !== null && monthOf(words[0]!) === null) {
    weekday = weekdayOf(words.shift()!);
  }
  if (words.length < 2 || words.length > 3) return null;
  const [a, b, c] = words as [string, string, string | undefined];
  const year = c === undefined ? null : YEAR.test(c) ? Number(c) : Number.NaN;
  if (Number.isNaN(year)) return null;
  const dayFirst = DAY.exec(a);
  if (dayFirst && monthOf(b) !== null) return { day: Number(dayFirst[1]), month: monthOf(b)!, year, weekday };
  const daySecond = DAY.exec(b);
  if (daySecond && monthOf(a) !== null)
    return { day: Number(daySecond[1]), month: monthOf(a)!, year, weekday };
  return null;
}

function withYear(parts: Parts, reference: DayNumber | null): WrittenDate | DayNumber {
  if (parts.year !== null) {
    if (!isValidCalendarDate(parts.year, parts.month, parts.day)) {
      return {
        ok: false,
        reason: `there is no such day (${parts.day} ${MONTHS[parts.month - 1]} ${parts.year})`,
      };
    }
    return daysFromCivil(parts.year, parts.month, parts.day);
  }
  if (reference === null) {
    return { ok: false, reason: "it has no year and the message has no date to infer one from" };
  }
  const refYear = Number(fromDayNumber(reference).slice(0, 4));
  for (let year = refYear - 1; year <= refYear + 8; year++) {
    if (!isValidCalendarDate(year, parts.month, parts.day)) continue;
    const day = daysFromCivil(year, parts.month, parts.day);
    if (day >= reference - RECENT_PAST_DAYS) return day;
  }
  return { ok: false, reason: `there is no such day (${parts.day} ${MONTHS[parts.month - 1]})` };
}

/**
 * Reads one written date. `reference` is the day the message was written (organisation's time zone), used
 * only for dates without a year; null when the message has no date.
 */
export function parseWrittenDate(input: string, reference: DayNumber | null): WrittenDate {
  const text = input
    .trim()
    .replace(/\s*\([^()]*\)\s*$/, "")
    .replace(/\.$/, "")
    .trim();
  if (text === "") return { ok: false, reason: `the date is empty; ${EXPECTED}` };
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (iso) {
    const day = parseCalendarDate(`${iso[1]}-${iso[2]!.padStart(2, "0")}-${iso[3]!.padStart(2, "0")}`);
    return day === null
      ? { ok: false, reason: `there is no such day (${text})` }
      : { ok: true, date: fromDayNumber(day) };
  }
  if (/^\d{1,4}[/.]\d{1,2}[/.]\d{1,4}$/.test(text)) {
    return { ok: false, reason: `"${text}" is ambiguous (day or month first?); ${EXPECTED}` };
  }
  const parts = readParts(text);
  if (parts === null) return { ok: false, reason: `"${text}" is not a date Sightline can read; ${EXPECTED}` };
  const day = withYear(parts, reference);
  if (typeof day !== "number") return day;
  if (parts.weekday !== null && parts.weekday !== weekdayOfDay(day)) {
    return {
      ok: false,
      reason: `"${text}": ${fromDayNumber(day)} is a ${WEEKDAYS[weekdayOfDay(day)]}, not a ${WEEKDAYS[parts.weekday]}`,
    };
  }
  return { ok: true, date: fromDayNumber(day) };
}
