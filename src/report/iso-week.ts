import { fromDayNumber, toDayNumber, ValidationError } from "../model/index.js";

/** An ISO 8601 week: Monday to Sunday, named `2026-W03`. */
export interface IsoWeek {
  name: string;
  /** Monday, `YYYY-MM-DD`. */
  from: string;
  /** Sunday. */
  to: string;
}

/** Day 0 (1970-01-01) was a Thursday: weekday 0 = Monday … 6 = Sunday. */
const weekday = (day: number) => (((day + 3) % 7) + 7) % 7;

/** The ISO week a calendar day falls in (the week's year is the year of its Thursday). */
export function weekOf(date: string): IsoWeek {
  const day = toDayNumber(date);
  const monday = day - weekday(day);
  const thursday = monday + 3;
  const year = Number(fromDayNumber(thursday).slice(0, 4));
  const jan4 = toDayNumber(`${year}-01-04`);
  const week1 = jan4 - weekday(jan4);
  const n = Math.floor((monday - week1) / 7) + 1;
  return {
    name: `${year}-W${String(n).padStart(2, "0")}`,
    from: fromDayNumber(monday),
    to: fromDayNumber(monday + 6),
  };
}

/** `2026-W03` → that week; a malformed name or a week the year does not have is refused with why. */
export function parseIsoWeek(name: string): IsoWeek {
  const m = /^(\d{4})-W(\d{2})$/.exec(name);
  const refuse = (why: string) => new ValidationError("--week", [`"${name}": ${why}`]);
  if (!m) throw refuse("expected an ISO week such as 2026-W03");
  const year = Number(m[1]);
  const n = Number(m[2]);
  const jan4 = toDayNumber(`${year}-01-04`);
  const monday = jan4 - weekday(jan4) + (n - 1) * 7;
  const week = weekOf(fromDayNumber(monday));
  if (n < 1 || week.name !== name) throw refuse(`${year} has no week ${n}`);
  return week;
}

/** The week `n` weeks before `week` (n > 0) or after (n < 0). */
export function weeksBefore(week: IsoWeek, n: number): IsoWeek {
  return weekOf(fromDayNumber(toDayNumber(week.from) - 7 * n));
}
