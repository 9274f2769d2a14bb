import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  CalendarDateSchema,
  civilFromDays,
  daysFromCivil,
  formatHuman,
  fromDayNumber,
  parseCalendarDate,
  toDayNumber,
  todayIn,
} from "../../../src/model/calendar-date.js";

describe("calendar dates as day numbers", () => {
  it("numbers days from 1970-01-01", () => {
    expect(toDayNumber("1970-01-01")).toBe(0);
    expect(toDayNumber("1970-01-02")).toBe(1);
    expect(toDayNumber("1969-12-31")).toBe(-1);
    expect(toDayNumber("2000-03-01") - toDayNumber("2000-02-28")).toBe(2); // 2000 is a leap year
    expect(toDayNumber("1900-03-01") - toDayNumber("1900-02-28")).toBe(1); // 1900 is not
  });

  it("round-trips every day across four centuries", () => {
    fc.assert(
      fc.property(fc.integer({ min: -150_000, max: 150_000 }), (n) => {
        expect(toDayNumber(fromDayNumber(n))).toBe(n);
        const { year, month, day } = civilFromDays(n);
        expect(daysFromCivil(year, month, day)).toBe(n);
      }),
    );
  });

  it("rejects impossible and malformed dates", () => {
    for (const bad of ["2026-02-29", "2026-02-31", "2026-13-01", "2026-00-10", "2026-4-1", "20260401", ""]) {
      expect(parseCalendarDate(bad), bad).toBeNull();
      expect(CalendarDateSchema.safeParse(bad).success, bad).toBe(false);
    }
    expect(parseCalendarDate("2028-02-29")).not.toBeNull();
  });

  it("adds days across month and year ends", () => {
    expect(addDays("2026-02-20", 42)).toBe("2026-04-03");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });

  it("formats for people without going through a Date", () => {
    expect(formatHuman("2026-02-20")).toBe("20 Feb 2026");
    expect(formatHuman("2026-12-01")).toBe("1 Dec 2026");
  });

  it("reads today in the organisation's zone, not the process's", () => {
    // 2026-01-12T10:30Z is already the 13th in Kiritimati (UTC+14) and still the 12th in Los Angeles.
    const instant = new Date("2026-01-12T10:30:00Z");
    expect(todayIn("Pacific/Kiritimati", instant)).toBe("2026-01-13");
    expect(todayIn("America/Los_Angeles", instant)).toBe("2026-01-12");
    expect(todayIn("UTC", new Date("2026-01-12T23:59:59Z"))).toBe("2026-01-12");
  });
});
