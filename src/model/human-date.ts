import {
  type CalendarDate,
  type DayNumber,
  daysFromCivil,
  fromDayNumber,
  isValidCalendarDate,
  parseCalendarDate,
} from "./calendar-date.js";
import { ENGLISH_MONTHS, ENGLISH_WEEKDAYS, monthNamed, weekdayNamed } from "./date-words.js";

/**
 * Dates as people write them, one parser for every source (an e-mail's `Due:` line, a Slack message, a sheet
 * or CSV cell holding text): `2026-03-14`, `14 Mar 2026`, `14th March 2026`, `March 14, 2026`, `Fri 6 Mar
 * 2026`, `14 mars 2026`, `14. März 2026`, `14 de marzo de 2026`, and numeric dates.
 *
 * The year rule: a date without a year is the next occurrence on or after the reference day (the day it was
 * written, in the organisation's time zone), looking back up to RECENT_PAST_DAYS: "Jan 5" written on 20 Jan
 * is the 5 Jan just gone, not one a year away. Without a reference day (a sheet cell, re-read every sync,
 * would change meaning as time passes) such a date is refused.
 *
 * The ambiguity rule: a numeric date other than ISO is read in the locale's order when a locale is known (a
 * spreadsheet's own, a mapping's `locale:`; en_US is M/D/Y, most others D/M/Y). Without one it is read only
 * when a single order makes it a real day: 31/03/2026 is 31 March, 03/04/2026 is refused, never guessed.
 */
export const RECENT_PAST_DAYS = 30;

export type HumanDate = { ok: true; date: CalendarDate } | { ok: false; reason: string };

export interface HumanDateContext {
  /** The day the text was written; null when unknown (a date without a year is then refused). */
  reference: DayNumber | null;
  /** The locale that orders numeric dates; null or absent: only unambiguous numeric dates are read. */
  locale?: string | null;
}

export const HUMAN_DATE_EXAMPLES = "write it as 2026-03-14, 14 Mar 2026 or March 14";

type Order = "DMY" | "MDY" | "YMD";

/** Day/month order of a locale's short dates, as spreadsheets write them. */
export function localeOrder(locale: string): Order {
  const lang = locale.replace("-", "_");
  if (/^(en_US|en_PH|en$|fil)/.test(lang)) return "MDY";
  if (/^(ja|zh|ko|hu|lt|mn)/.test(lang)) return "YMD";
  return "DMY";
}

interface Parts {
  day: number;
  month: number;
  year: number | null;
  weekday: number | null;
}

const fail = (reason: string): HumanDate => ({ ok: false, reason });

function civil(year: number, month: number, day: number): HumanDate {
  return isValidCalendarDate(year, month, day)
    ? { ok: true, date: fromDayNumber(daysFromCivil(year, month, day)) }
    : fail(`there is no such day (${day} ${ENGLISH_MONTHS[month - 1] ?? `month ${month}`} ${year})`);
}

function numericDate(text: string, fields: [string, string, string], locale: string | null): HumanDate {
  const [a, b, c] = fields;
  if (a.length === 4) return civil(Number(a), Number(b), Number(c));
  if (c.length !== 4 && c.length !== 2) return fail(`"${text}" is not a date; ${HUMAN_DATE_EXAMPLES}`);
  const year = c.length === 2 ? 2000 + Number(c) : Number(c);
  const dayFirst = civil(year, Number(b), Number(a));
  const monthFirst = civil(year, Number(a), Number(b));
  if (locale !== null && localeOrder(locale) !== "YMD") {
    return localeOrder(locale) === "MDY" ? monthFirst : dayFirst;
  }
  if (dayFirst.ok && monthFirst.ok && dayFirst.date !== monthFirst.date) {
    return fail(
      `"${text}" could be ${dayFirst.date} (day first) or ${monthFirst.date} (month first); write the month as a word (14 Mar 2026) or as ISO (2026-03-14)`,
    );
  }
  return dayFirst.ok ? dayFirst : monthFirst.ok ? monthFirst : dayFirst;
}

const DAY = /^(\d{1,2})(?:st|nd|rd|th|er|\.)?$/i;
const YEAR = /^\d{4}$/;
/** Words between the parts: "14th of March", "14 de marzo de 2026". */
const FILLERS = new Set(["of", "de", "del"]);

/** Splits `Fri, 6 March 2026` / `March 6th 2026` / `mar. 10 mars 2026` into parts; null when not a date. */
function readParts(text: string): Parts | null {
  const words = text
    .replace(/,/g, " ")
    .split(/[\s-]+/)
    .filter((w) => w !== "" && !FILLERS.has(w.toLowerCase()));
  let weekday: number | null = null;
  // A leading weekday, even one spelled like a month (French `mar.` is Tuesday), when three parts follow it.
  const first = words[0] === undefined ? null : weekdayNamed(words[0]);
  if (first !== null && (words.length === 4 || monthNamed(words[0]!) === null)) {
    weekday = first;
    words.shift();
  }
  if (words.length < 2 || words.length > 3) return null;
  const [a, b, c] = words as [string, string, string | undefined];
  const year = c === undefined ? null : YEAR.test(c) ? Number(c) : Number.NaN;
  if (Number.isNaN(year)) return null;
  const dayFirst = DAY.exec(a);
  const monthSecond = monthNamed(b);
  if (dayFirst && monthSecond !== null)
    return { day: Number(dayFirst[1]), month: monthSecond, year, weekday };
  const daySecond = DAY.exec(b);
  const monthFirst = monthNamed(a);
  if (daySecond && monthFirst !== null)
    return { day: Number(daySecond[1]), month: monthFirst, year, weekday };
  return null;
}

function withYear(parts: Parts, reference: DayNumber | null): HumanDate {
  if (parts.year !== null) return civil(parts.year, parts.month, parts.day);
  if (reference === null) {
    return fail("it has no year, and there is no day it was written on to infer one from: give the year");
  }
  const refYear = Number(fromDayNumber(reference).slice(0, 4));
  for (let year = refYear - 1; year <= refYear + 8; year++) {
    if (!isValidCalendarDate(year, parts.month, parts.day)) continue;
    const day = daysFromCivil(year, parts.month, parts.day);
    if (day >= reference - RECENT_PAST_DAYS) return { ok: true, date: fromDayNumber(day) };
  }
  return fail(`there is no such day (${parts.day} ${ENGLISH_MONTHS[parts.month - 1]})`);
}

/** 0 = Sunday; day 0 (1970-01-01) was a Thursday. */
function weekdayOfDay(day: DayNumber): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Reads a text that is one date (a trailing parenthesis is a comment: `10 Mar 2026 (API slipped)`). */
export function parseHumanDate(input: string, ctx: HumanDateContext): HumanDate {
  const text = input
    .trim()
    .replace(/\s*\([^()]*\)\s*$/, "")
    .replace(/\.$/, "")
    .trim();
  if (text === "") return fail(`the date is empty; ${HUMAN_DATE_EXAMPLES}`);
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (iso) {
    const day = parseCalendarDate(`${iso[1]}-${iso[2]!.padStart(2, "0")}-${iso[3]!.padStart(2, "0")}`);
    return day === null ? fail(`there is no such day (${text})`) : { ok: true, date: fromDayNumber(day) };
  }
  const numeric = /^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})$/.exec(text);
  if (numeric) return numericDate(text, [numeric[1]!, numeric[2]!, numeric[3]!], ctx.locale ?? null);
  const parts = readParts(text);
  if (parts === null) return fail(`"${text}" is not a date Sightline can read; ${HUMAN_DATE_EXAMPLES}`);
  const date = withYear(parts, ctx.reference);
  if (!date.ok || parts.weekday === null) return date;
  const actual = weekdayOfDay(parseCalendarDate(date.date)!);
  if (actual === parts.weekday) return date;
  return fail(
    `"${text}": ${date.date} is a ${ENGLISH_WEEKDAYS[actual]}, not a ${ENGLISH_WEEKDAYS[parts.weekday]}`,
  );
}

const WORD = String.raw`\p{L}{3,}\.?`;
const NUMBER_DAY = String.raw`\d{1,2}(?:st|nd|rd|th|er|\.)?`;
/** Spans of free text that may be a date; each is then read by parseHumanDate, which has the last word. */
const CANDIDATES: readonly RegExp[] = [
  /(?<![\d-])\d{4}-\d{1,2}-\d{1,2}(?![\d-])/g,
  /(?<![\d/.])\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2})(?![\d/.])/g,
  new RegExp(
    String.raw`(?<![\p{L}\d])${NUMBER_DAY}\s+(?:(?:of|de)\s+)?${WORD}(?:,?\s+(?:de\s+)?\d{4}(?!\d))?`,
    "gu",
  ),
  new RegExp(String.raw`(?<![\p{L}\d])${WORD}\s+${NUMBER_DAY}(?!\d)(?:,?\s+\d{4}(?!\d))?`, "gu"),
];

/** The dates written in free text (a Slack message), in the order they appear, each once. */
export function humanDatesIn(text: string, ctx: HumanDateContext): CalendarDate[] {
  const found: { at: number; date: CalendarDate }[] = [];
  for (const re of CANDIDATES) {
    for (const m of text.matchAll(re)) {
      const read = parseHumanDate(m[0], ctx);
      if (read.ok) found.push({ at: m.index ?? 0, date: read.date });
    }
  }
  found.sort((a, b) => a.at - b.at);
  const out: CalendarDate[] = [];
  for (const f of found) if (!out.includes(f.date)) out.push(f.date);
  return out;
}
