import { describe, expect, it } from "vitest";
import { parseIsoWeek, weekOf, weeksBefore } from "../../../src/report/iso-week.js";

describe("ISO weeks", () => {
  it("names the week a day falls in, the year being its Thursday's", () => {
    expect(weekOf("2026-01-12")).toEqual({ name: "2026-W03", from: "2026-01-12", to: "2026-01-18" });
    expect(weekOf("2026-01-18").name).toBe("2026-W03");
    // 1 Jan 2027 is a Friday: it belongs to the last week of 2026 (which has 53).
    expect(weekOf("2027-01-01")).toEqual({ name: "2026-W53", from: "2026-12-28", to: "2027-01-03" });
    // 29 Dec 2025 is a Monday whose Thursday is 1 Jan 2026: week 1 of 2026.
    expect(weekOf("2025-12-29").name).toBe("2026-W01");
  });

  it("parses a week name back, and refuses what is not one", () => {
    expect(parseIsoWeek("2026-W03")).toEqual(weekOf("2026-01-14"));
    expect(parseIsoWeek("2026-W53").from).toBe("2026-12-28");
    expect(() => parseIsoWeek("2027-W53")).toThrow(/2027 has no week 53/);
    expect(() => parseIsoWeek("2026-3")).toThrow(/expected an ISO week such as 2026-W03/);
    expect(weeksBefore(parseIsoWeek("2026-W02"), 2).name).toBe("2025-W52");
  });
});
