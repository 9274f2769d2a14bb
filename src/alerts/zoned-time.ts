import { addDays, type CalendarDate, ValidationError } from "../model/index.js";

/**
 * Wall-clock arithmetic in IANA zones for quiet hours and digests. Calendar dates stay `YYYY-MM-DD` strings
 * (day arithmetic through src/model); only instants go through epoch milliseconds.
 */
interface LocalTime {
  date: CalendarDate;
  /** Minutes since local midnight. */
  minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat("en-US", {
        timeZone,
        hourCycle: "h23",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
      });
    } catch (cause) {
      throw new ValidationError(`time zone "${timeZone}"`, ["not an IANA time zone (e.g. Europe/Paris)"], {
        cause,
      });
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** Throws a ValidationError naming the zone when it is not one the runtime knows. */
export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

function partsAt(ms: number, timeZone: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(ms))) {
    if (p.type !== "literal") out[p.type] = Number(p.value);
  }
  return out;
}

/** Offset of the zone from UTC at an instant, in milliseconds (positive east of Greenwich). */
function offsetAt(ms: number, timeZone: string): number {
  const p = partsAt(ms, timeZone);
  const asUtc = Date.UTC(
    p.year ?? 1970,
    (p.month ?? 1) - 1,
    p.day ?? 1,
    p.hour ?? 0,
    p.minute ?? 0,
    p.second ?? 0,
  );
  return asUtc - (ms - (((ms % 1000) + 1000) % 1000));
}

export function localTime(instant: string, timeZone: string): LocalTime {
  const p = partsAt(Date.parse(instant), timeZone);
  const pad = (n: number | undefined) => String(n ?? 0).padStart(2, "0");
  return {
    date: `${String(p.year ?? 1970).padStart(4, "0")}-${pad(p.month)}-${pad(p.day)}`,
    minutes: (p.hour ?? 0) * 60 + (p.minute ?? 0),
  };
}

/**
 * The instant a local wall-clock time happens. Of two (clocks falling back) the earlier; for a time the clocks
 * skip (springing forward) the instant just after the jump, never an hour early.
 */
export function zonedInstant(date: CalendarDate, minutes: number, timeZone: string): string {
  const [y, m, d] = date.split("-").map(Number);
  const wall = Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, Math.floor(minutes / 60), minutes % 60);
  const first = wall - offsetAt(wall, timeZone);
  const second = wall - offsetAt(first, timeZone);
  const candidates = [first, second].filter((c) => c + offsetAt(c, timeZone) === wall);
  const chosen = candidates.length > 0 ? Math.min(...candidates) : Math.max(first, second);
  return new Date(chosen).toISOString();
}

export function parseClock(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/**
 * When `now` falls in the local quiet window [start, end) — which may wrap midnight — the instant the window
 * ends; otherwise null.
 */
export function quietHoursEnd(
  now: string,
  timeZone: string,
  window: { start: string; end: string },
): string | null {
  const start = parseClock(window.start);
  const end = parseClock(window.end);
  if (start === end) return null;
  const local = localTime(now, timeZone);
  const m = local.minutes;
  const inside = start < end ? m >= start && m < end : m >= start || m < end;
  if (!inside) return null;
  // Past midnight in a wrapping window (or inside a same-day window) the end is today; before midnight, tomorrow.
  const endDate = m < end ? local.date : addDays(local.date, 1);
  return zonedInstant(endDate, end, timeZone);
}

/** The next local `hh:mm` strictly after now's minute, as an instant. */
export function nextLocalTime(now: string, timeZone: string, hhmm: string): string {
  const at = parseClock(hhmm);
  const local = localTime(now, timeZone);
  const date = local.minutes < at ? local.date : addDays(local.date, 1);
  return zonedInstant(date, at, timeZone);
}
