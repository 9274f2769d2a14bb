import {
  type CalendarDate,
  civilFromDays,
  daysFromCivil,
  fromDayNumber,
  isValidCalendarDate,
  toDayNumber,
} from "../../src/model/index.js";

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const MONTH =
  "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";
const DAY = "(\\d{1,2})(?:st|nd|rd|th)?";

/** `2026-03-14`, `14 Mar 2026`, `14 March`, `Mar 14, 2026`, `March 14th`. */
const PATTERNS: readonly { re: RegExp; parts: (m: RegExpExecArray) => [string?, string?, string?] }[] = [
  { re: /\b(\d{4})-(\d{2})-(\d{2})\b/g, parts: (m) => [m[1], m[2], m[3]] },
  { re: new RegExp(`\\b${DAY} ${MONTH}(?:,? (\\d{4}))?\\b`, "gi"), parts: (m) => [m[3], m[2], m[1]] },
  { re: new RegExp(`\\b${MONTH} ${DAY}(?:,? (\\d{4}))?\\b`, "gi"), parts: (m) => [m[3], m[1], m[2]] },
];

function monthNumber(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  return MONTHS[text.toLowerCase().slice(0, 3)] ?? null;
}

function civil(year: number, month: number, day: number): CalendarDate | null {
  return isValidCalendarDate(year, month, day) ? fromDayNumber(daysFromCivil(year, month, day)) : null;
}

/** The first `month`/`day` on or after today; 29 Feb waits for the next leap year. */
function nextOccurrence(
  month: number,
  day: number,
  fromYear: number,
  today: CalendarDate,
): CalendarDate | null {
  const min = toDayNumber(today);
  for (let year = fromYear; year <= fromYear + 8; year++) {
    const date = civil(year, month, day);
    if (date !== null && toDayNumber(date) >= min) return date;
  }
  return null;
}

/**
 * Calendar dates written in a message, in the order they appear, each once. A date without a year is its
 * next occurrence on or after `today` (a deadline written as "March 14" in January means this March).
 * Impossible dates ("30 Feb") are not dates and are skipped.
 */
export function datesInText(text: string, today: CalendarDate): CalendarDate[] {
  const found: { at: number; date: CalendarDate }[] = [];
  const { year: thisYear } = civilFromDays(toDayNumber(today));
  for (const { re, parts } of PATTERNS) {
    for (const m of text.matchAll(re)) {
      const [y, mo, d] = parts(m);
      const month = mo ? monthNumber(mo) : null;
      const day = d ? Number(d) : Number.NaN;
      if (month === null) continue;
      const date = y ? civil(Number(y), month, day) : nextOccurrence(month, day, thisYear, today);
      if (date !== null) found.push({ at: m.index ?? 0, date });
    }
  }
  found.sort((a, b) => a.at - b.at);
  const out: CalendarDate[] = [];
  for (const f of found) if (!out.includes(f.date)) out.push(f.date);
  return out;
}
