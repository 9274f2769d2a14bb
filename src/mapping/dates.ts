import {
  type CalendarDate,
  civilFromDays,
  daysFromCivil,
  fromDayNumber,
  isValidCalendarDate,
  monthNamed,
  parseHumanDate,
  toDayNumber,
} from "../model/index.js";

/**
 * Sheets stores dates as serial numbers: days since 1899-12-30 (so serial 1 is 1899-12-31, and 1900 has no
 * phantom 29 February as in Lotus/Excel). Converting with day-number arithmetic keeps the process time zone
 * out of it: a `Date` at midnight would shift dates by a day west of UTC.
 * https://developers.google.com/workspace/sheets/api/reference/rest/v4/DateTimeRenderOption
 */
export const SHEETS_EPOCH_DAY = daysFromCivil(1899, 12, 30);

/** Serials outside these years are far more likely a stray number than a plan date. */
const MIN_YEAR = 1970;
const MAX_YEAR = 2199;

export type DateResult = { ok: true; date: CalendarDate } | { ok: false; reason: string };

export function serialToDate(serial: number): DateResult {
  if (!Number.isFinite(serial)) return { ok: false, reason: `${serial} is not a date` };
  // The fraction is the time of day: the calendar date is the whole part.
  const days = Math.floor(serial) + SHEETS_EPOCH_DAY;
  const { year } = civilFromDays(days);
  if (year < MIN_YEAR || year > MAX_YEAR) {
    return {
      ok: false,
      reason: `${serial} is a number, not a date (as a date serial it would be year ${year})`,
    };
  }
  return { ok: true, date: fromDayNumber(days) };
}

export function dateToSerial(date: CalendarDate): number {
  return toDayNumber(date) - SHEETS_EPOCH_DAY;
}

const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

type Part = "Y" | "YY" | "M" | "MMM" | "D";
interface CompiledFormat {
  re: RegExp;
  parts: Part[];
}

const TOKEN = /YYYY|YY|MMM|MM|M|DD|D/g;
const compiled = new Map<string, CompiledFormat>();

function compile(format: string): CompiledFormat {
  const cached = compiled.get(format);
  if (cached) return cached;
  const parts: Part[] = [];
  let source = "";
  let last = 0;
  for (const m of format.matchAll(TOKEN)) {
    source += literal(format.slice(last, m.index));
    last = m.index + m[0].length;
    const token = m[0];
    if (token === "YYYY") source += "(\\d{4})";
    else if (token === "YY") source += "(\\d{2})";
    else if (token === "MMM") source += "([A-Za-z]{3,9})\\.?";
    else source += "(\\d{1,2})";
    parts.push(
      token === "YYYY" ? "Y" : token === "YY" ? "YY" : token === "MMM" ? "MMM" : token[0] === "M" ? "M" : "D",
    );
  }
  source += literal(format.slice(last));
  const result = { re: new RegExp(`^${source}$`, "i"), parts };
  compiled.set(format, result);
  return result;
}

function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&").replace(/\s+/g, "\\s+");
}

function parseWith(text: string, format: string): DateResult | null {
  const { re, parts } = compile(format);
  const m = re.exec(text);
  if (!m) return null;
  let year = 0;
  let month = 0;
  let day = 0;
  for (const [i, part] of parts.entries()) {
    const value = m[i + 1]!;
    if (part === "Y") year = Number(value);
    else if (part === "YY") year = 2000 + Number(value);
    else if (part === "D") day = Number(value);
    else if (part === "M") month = Number(value);
    else {
      const named = monthNamed(value);
      if (named === null) return { ok: false, reason: `"${text}": "${value}" is not a month name` };
      month = named;
    }
  }
  if (!isValidCalendarDate(year, month, day)) {
    return {
      ok: false,
      reason: `"${text}" is not a real date (read as day ${day}, month ${month}, year ${year})`,
    };
  }
  return { ok: true, date: fromDayNumber(daysFromCivil(year, month, day)) };
}

/**
 * A text date. With a format only that format is accepted; without one, the shared human-date parser reads it
 * (src/model/human-date.ts): ISO, month names in several languages, and numeric dates in the locale's order
 * (the mapping's, else the spreadsheet's), or, with no locale (a CSV), only when one order is a real day. A
 * cell has no day it was written on, so a date without a year is refused rather than drifting each sync.
 */
export function parseTextDate(
  text: string,
  spec: { format?: string | undefined; locale?: string | null },
): DateResult {
  const trimmed = text.trim();
  if (spec.format) {
    return (
      parseWith(trimmed, spec.format) ?? {
        ok: false,
        reason: `"${trimmed}" does not match the date format ${spec.format}`,
      }
    );
  }
  const read = parseHumanDate(trimmed, { reference: null, locale: spec.locale ?? null });
  if (read.ok) return read;
  const hint =
    spec.locale === undefined || spec.locale === null
      ? "; or set the mapping's locale (en_GB, fr_FR… read D/M/Y; en_US reads M/D/Y) or the date's format"
      : "; or set the date's format in the mapping";
  return { ok: false, reason: `${read.reason}${hint}` };
}

/** Writes a date in a mapping's text format, for write-back to text date columns. */
export function formatTextDate(date: CalendarDate, format: string): string {
  const { year, month, day } = civilFromDays(toDayNumber(date));
  return format.replace(TOKEN, (token) => {
    switch (token) {
      case "YYYY":
        return String(year).padStart(4, "0");
      case "YY":
        return String(year % 100).padStart(2, "0");
      case "MMM":
        return MONTH_NAMES[month - 1]!.slice(0, 3);
      case "MM":
        return String(month).padStart(2, "0");
      case "M":
        return String(month);
      case "DD":
        return String(day).padStart(2, "0");
      default:
        return String(day);
    }
  });
}
