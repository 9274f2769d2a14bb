import { addDays, toDayNumber } from "../model/index.js";
import { localTime, parseClock, zonedInstant } from "./zoned-time.js";

/** When people are at work: the organisation's working days (1 = Monday … 7 = Sunday) and daily hours. */
export interface WorkingCalendar {
  timeZone: string;
  days: readonly number[];
  /** `HH:MM`, local. */
  start: string;
  end: string;
}

/** ISO weekday of a calendar day: 1 = Monday … 7 = Sunday (day 0, 1970-01-01, was a Thursday). */
function isoWeekday(date: string): number {
  return ((((toDayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

/** Working hours between two instants on the calendar (0 when `to` is not after `from`). */
export function workingHoursBetween(from: string, to: string, cal: WorkingCalendar): number {
  const start = parseClock(cal.start);
  const end = parseClock(cal.end);
  const fromMs = Date.parse(from);
  const toMs = Date.parse(to);
  if (end <= start || toMs <= fromMs) return 0;
  let ms = 0;
  const last = localTime(to, cal.timeZone).date;
  for (let date = localTime(from, cal.timeZone).date; date <= last; date = addDays(date, 1)) {
    if (!cal.days.includes(isoWeekday(date))) continue;
    const open = Math.max(Date.parse(zonedInstant(date, start, cal.timeZone)), fromMs);
    const close = Math.min(Date.parse(zonedInstant(date, end, cal.timeZone)), toMs);
    if (close > open) ms += close - open;
  }
  return ms / 3_600_000;
}

/** The most days a deadline is looked for ahead: far beyond any escalation delay, so a bad calendar cannot loop. */
const HORIZON_DAYS = 366 * 2;

/**
 * The instant `hours` working hours after `from`: only the calendar's days and hours count, in its zone, so
 * 24 working hours from Friday 16:00 in Paris (09:00–18:00, Monday to Friday) end on Wednesday at 13:00. Daylight
 * saving changes are the zone's: each day's window is read on that day's clock. Null when the calendar has no
 * working time at all.
 */
export function addWorkingHours(from: string, hours: number, cal: WorkingCalendar): string | null {
  const start = parseClock(cal.start);
  const end = parseClock(cal.end);
  if (end <= start || cal.days.length === 0) return null;
  let left = hours * 3_600_000;
  const fromMs = Date.parse(from);
  let date = localTime(from, cal.timeZone).date;
  for (let i = 0; i < HORIZON_DAYS; i++, date = addDays(date, 1)) {
    if (!cal.days.includes(isoWeekday(date))) continue;
    const open = Math.max(Date.parse(zonedInstant(date, start, cal.timeZone)), fromMs);
    const close = Date.parse(zonedInstant(date, end, cal.timeZone));
    if (close <= open) continue;
    if (close - open >= left) return new Date(open + left).toISOString();
    left -= close - open;
  }
  return null;
}
