import { describe, expect, it } from "vitest";
import { addWorkingHours, type WorkingCalendar } from "../../../src/alerts/working-hours.js";

const PARIS: WorkingCalendar = {
  timeZone: "Europe/Paris",
  days: [1, 2, 3, 4, 5],
  start: "09:00",
  end: "18:00",
};

describe("working hours", () => {
  it("skips the weekend in Europe/Paris: 24 working hours from Friday 16:00 end Wednesday 13:00", () => {
    // Fri 6 Mar 2026 16:00 CET = 15:00Z. Fri 2 h, Mon 9 h, Tue 9 h, Wed 4 h → Wed 11 Mar 13:00 CET.
    expect(addWorkingHours("2026-03-06T15:00:00.000Z", 24, PARIS)).toBe("2026-03-11T12:00:00.000Z");
    // Sent on Saturday: the clock starts on Monday at 09:00.
    expect(addWorkingHours("2026-03-07T10:00:00.000Z", 9, PARIS)).toBe("2026-03-09T17:00:00.000Z");
    // Sent at night: it starts with the next morning.
    expect(addWorkingHours("2026-03-10T21:30:00.000Z", 1, PARIS)).toBe("2026-03-11T09:00:00.000Z");
  });

  it("reads each day's hours on that day's clock across a daylight-saving change", () => {
    // Friday 27 Mar 2026 17:00 CET (16:00Z); clocks go forward on Sunday 29 Mar: Monday 09:00 is 07:00Z.
    expect(addWorkingHours("2026-03-27T16:00:00.000Z", 2, PARIS)).toBe("2026-03-30T08:00:00.000Z");
  });

  it("follows the organisation's own days and hours, and says when there is no working time", () => {
    const sundayToThursday: WorkingCalendar = {
      timeZone: "Asia/Riyadh",
      days: [7, 1, 2, 3, 4],
      start: "08:00",
      end: "16:00",
    };
    // Thursday 15:00 in Riyadh (12:00Z): 1 h Thursday, then Sunday from 08:00 (05:00Z).
    expect(addWorkingHours("2026-03-05T12:00:00.000Z", 3, sundayToThursday)).toBe("2026-03-08T07:00:00.000Z");
    expect(addWorkingHours("2026-03-05T12:00:00.000Z", 3, { ...PARIS, days: [] })).toBeNull();
    expect(
      addWorkingHours("2026-03-05T12:00:00.000Z", 3, { ...PARIS, start: "18:00", end: "09:00" }),
    ).toBeNull();
  });
});
