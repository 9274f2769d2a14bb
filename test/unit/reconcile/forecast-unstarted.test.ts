import { describe, expect, it } from "vitest";
import { act, ofType, run } from "./helpers.js";

// Today is 20 Jan. The API work was planned to start 5 Jan and run to 30 Jan; the campaign starts 2 Feb after it.
const TODAY = "2026-01-20";
const plan = (status: "todo" | "in_progress" | "blocked") => [
  act("eng:API", { title: "API", status, start: "2026-01-05", due: "2026-01-30" }),
  act("mkt:CAMP", {
    title: "Campaign",
    status: "in_progress",
    start: "2026-02-02",
    due: "2026-02-20",
    dependsOn: ["eng:API"],
  }),
];

describe("forecasts from reality: work not started", () => {
  it("cannot start before today: 15 days late to start is 15 days late to finish, and the dependent hears it", () => {
    const r = run(plan("todo"), { today: TODAY });
    expect(r.forecast.get("eng:API")).toMatchObject({
      forecastStart: "2026-01-20",
      forecastFinish: "2026-02-14",
    });
    const [c] = ofType(r, "schedule");
    expect(c).toMatchObject({
      actionId: "mkt:CAMP",
      daysShort: 13,
      earliestDate: "2026-02-15",
      facts: { forecastReason: "unstarted", dependencyForecast: "2026-02-14" },
    });
    expect(c?.message).toContain("Root cause: API, planned to start 5 Jan 2026 and not started yet.");
  });

  it("keeps in-progress (and blocked) work on its dates until it is overdue", () => {
    for (const status of ["in_progress", "blocked"] as const) {
      const r = run(plan(status), { today: TODAY });
      expect(r.forecast.get("eng:API")?.forecastFinish, status).toBe("2026-01-30");
      expect(ofType(r, "schedule"), status).toEqual([]);
    }
  });

  it("is on by default and can be turned off (reconcile.forecastUnstarted: false)", () => {
    expect(ofType(run(plan("todo"), { today: TODAY }), "schedule")).toHaveLength(1);
    const off = run(plan("todo"), { today: TODAY, forecastUnstarted: false });
    expect(off.forecast.get("eng:API")?.forecastFinish).toBe("2026-01-30");
    expect(ofType(off, "schedule")).toEqual([]);
  });

  it("says why the dependency is late: its own plan, overdue, or pushed by its own dependencies", () => {
    const reasons = (today: string, status: "todo" | "in_progress", extra = {}) =>
      ofType(
        run(
          [
            act("eng:DB", { status: "in_progress", start: "2026-01-01", due: "2026-01-25" }),
            act("eng:API", { title: "API", status, start: "2026-01-05", due: "2026-01-30", ...extra }),
            act("mkt:CAMP", {
              status: "in_progress",
              start: "2026-01-28",
              due: "2026-02-20",
              dependsOn: ["eng:API"],
            }),
          ],
          { today },
        ),
        "schedule",
      )
        .filter((c) => c.actionId === "mkt:CAMP")
        .map((c) => c.facts.forecastReason);
    // Due 30 Jan, needed by 27 Jan: late by its own plan.
    expect(reasons("2026-01-10", "in_progress")).toEqual(["planned"]);
    // 3 Feb and still in progress: forecast to finish today.
    expect(reasons("2026-02-03", "in_progress")).toEqual(["overdue"]);
    // Waiting on DB, which finishes 25 Jan: API is pushed to 26 Jan + 25 days.
    expect(
      reasons("2026-01-10", "in_progress", { start: "2026-01-20", due: "2026-01-26", dependsOn: ["eng:DB"] }),
    ).toEqual(["pushed"]);
  });
});
