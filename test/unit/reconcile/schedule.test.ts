import { describe, expect, it } from "vitest";
import { act, run, scheduleOf } from "./helpers.js";

const dep = (due: string, extra = {}) => act("eng:A", { start: "2026-03-01", due, ...extra });

describe("schedule propagation by dependency type", () => {
  it("FS: the dependent may start the day after the dependency finishes, plus lag", () => {
    const ok = run([
      dep("2026-03-10"),
      act("eng:B", { start: "2026-03-11", due: "2026-03-20", dependsOn: ["A"] }),
    ]);
    expect(scheduleOf(ok, "eng:B")).toBeUndefined();
    const late = run([
      dep("2026-03-10"),
      act("eng:B", { start: "2026-03-10", due: "2026-03-20", dependsOn: ["A"] }),
    ]);
    expect(scheduleOf(late, "eng:B")).toMatchObject({
      plannedDate: "2026-03-10",
      earliestDate: "2026-03-11",
      daysShort: 1,
    });
  });

  it("FS with positive lag pushes further, negative lag (lead) allows overlap", () => {
    const lag = run([
      dep("2026-03-10"),
      act("eng:B", { start: "2026-03-13", due: "2026-03-20", dependsOn: [{ ref: "A", lagDays: 3 }] }),
    ]);
    expect(scheduleOf(lag, "eng:B")).toMatchObject({ earliestDate: "2026-03-14", daysShort: 1 });
    const lagOk = run([
      dep("2026-03-10"),
      act("eng:B", { start: "2026-03-14", due: "2026-03-20", dependsOn: [{ ref: "A", lagDays: 3 }] }),
    ]);
    expect(scheduleOf(lagOk, "eng:B")).toBeUndefined();
    const lead = run([
      dep("2026-03-10"),
      act("eng:B", { start: "2026-03-08", due: "2026-03-20", dependsOn: [{ ref: "A", lagDays: -3 }] }),
    ]);
    expect(scheduleOf(lead, "eng:B")).toBeUndefined();
    const leadShort = run([
      dep("2026-03-10"),
      act("eng:B", { start: "2026-03-07", due: "2026-03-20", dependsOn: [{ ref: "A", lagDays: -3 }] }),
    ]);
    expect(scheduleOf(leadShort, "eng:B")).toMatchObject({ earliestDate: "2026-03-08", daysShort: 1 });
  });

  it("SS: the dependent may start when the dependency starts, plus lag", () => {
    const a = act("eng:A", { start: "2026-03-05", due: "2026-03-20" });
    const same = run([
      a,
      act("eng:B", { start: "2026-03-05", due: "2026-03-09", dependsOn: [{ ref: "A", type: "SS" }] }),
    ]);
    expect(scheduleOf(same, "eng:B")).toBeUndefined();
    const early = run([
      a,
      act("eng:B", { start: "2026-03-04", due: "2026-03-09", dependsOn: [{ ref: "A", type: "SS" }] }),
    ]);
    expect(scheduleOf(early, "eng:B")).toMatchObject({ earliestDate: "2026-03-05", daysShort: 1 });
    const lag = run([
      a,
      act("eng:B", {
        start: "2026-03-06",
        due: "2026-03-09",
        dependsOn: [{ ref: "A", type: "SS", lagDays: 2 }],
      }),
    ]);
    expect(scheduleOf(lag, "eng:B")).toMatchObject({ earliestDate: "2026-03-07", daysShort: 1 });
    const lead = run([
      a,
      act("eng:B", {
        start: "2026-03-03",
        due: "2026-03-09",
        dependsOn: [{ ref: "A", type: "SS", lagDays: -2 }],
      }),
    ]);
    expect(scheduleOf(lead, "eng:B")).toBeUndefined();
    expect(lead.forecast.get("eng:B")?.earliestStart).toBe("2026-03-03");
  });

  it("FF: the dependent may finish when the dependency finishes, plus lag", () => {
    const a = act("eng:A", { start: "2026-03-01", due: "2026-03-10" });
    const ok = run([
      a,
      act("eng:B", { start: "2026-03-02", due: "2026-03-10", dependsOn: [{ ref: "A", type: "FF" }] }),
    ]);
    expect(scheduleOf(ok, "eng:B")).toBeUndefined();
    const short = run([
      a,
      act("eng:B", { start: "2026-03-02", due: "2026-03-09", dependsOn: [{ ref: "A", type: "FF" }] }),
    ]);
    expect(scheduleOf(short, "eng:B")).toMatchObject({
      plannedDate: "2026-03-09",
      earliestDate: "2026-03-10",
      daysShort: 1,
      facts: expect.objectContaining({ bound: "finish", dependencyType: "FF" }),
    });
    const lag = run([
      a,
      act("eng:B", {
        start: "2026-03-02",
        due: "2026-03-12",
        dependsOn: [{ ref: "A", type: "FF", lagDays: 4 }],
      }),
    ]);
    expect(scheduleOf(lag, "eng:B")).toMatchObject({ earliestDate: "2026-03-14", daysShort: 2 });
    const lead = run([
      a,
      act("eng:B", {
        start: "2026-03-02",
        due: "2026-03-08",
        dependsOn: [{ ref: "A", type: "FF", lagDays: -2 }],
      }),
    ]);
    expect(scheduleOf(lead, "eng:B")).toBeUndefined();
  });

  it("checks an action without a start on its due date", () => {
    const r = run([dep("2026-03-10"), act("eng:B", { due: "2026-03-09", dependsOn: ["A"] })]);
    const c = scheduleOf(r, "eng:B");
    expect(c).toMatchObject({ plannedDate: "2026-03-09", earliestDate: "2026-03-11", daysShort: 2 });
    expect(c?.message).toContain("is due 9 Mar 2026");
  });

  it("shifts a pushed action by its duration before pushing its own dependents", () => {
    const r = run([
      dep("2026-03-10"),
      act("eng:B", { start: "2026-03-05", due: "2026-03-08", dependsOn: ["A"] }),
      act("eng:C", { start: "2026-03-09", due: "2026-03-12", dependsOn: ["B"] }),
    ]);
    expect(r.forecast.get("eng:B")).toEqual({
      earliestStart: "2026-03-11",
      earliestFinish: "2026-03-14",
      forecastStart: "2026-03-11",
      forecastFinish: "2026-03-14",
    });
    expect(scheduleOf(r, "eng:C")).toMatchObject({ earliestDate: "2026-03-15", daysShort: 6 });
  });
});

describe("forecast of dependencies", () => {
  it("forecasts an overdue, unfinished dependency to finish today", () => {
    const r = run([
      act("eng:A", { start: "2026-01-02", due: "2026-01-05", status: "in_progress" }),
      act("eng:B", { start: "2026-01-10", due: "2026-01-20", dependsOn: ["A"] }),
    ]);
    expect(r.forecast.get("eng:A")?.forecastFinish).toBe("2026-01-12");
    const c = scheduleOf(r, "eng:B");
    expect(c).toMatchObject({ earliestDate: "2026-01-13", daysShort: 3, rootCauseId: "eng:A" });
    expect(c?.facts.rootCauseOverdue).toBe(true);
    expect(c?.message).toContain("overdue since 5 Jan 2026");
  });

  it("lets done and cancelled dependencies push nothing, even when overdue or late", () => {
    for (const status of ["done", "cancelled"] as const) {
      const r = run([
        act("eng:A", { start: "2026-01-02", due: "2026-05-05", status }),
        act("eng:B", { start: "2026-01-10", due: "2026-01-20", dependsOn: ["A"] }),
      ]);
      expect(scheduleOf(r, "eng:B")).toBeUndefined();
      expect(r.forecast.get("eng:A")?.forecastFinish).toBeNull();
    }
  });

  it("never reports a closed action as late", () => {
    const r = run([
      dep("2026-03-10"),
      act("eng:B", { start: "2026-03-01", due: "2026-03-02", status: "done", dependsOn: ["A"] }),
    ]);
    expect(scheduleOf(r, "eng:B")).toBeUndefined();
  });

  it("passes a slip through an undated action", () => {
    const r = run([
      dep("2026-03-10"),
      act("eng:U", { dependsOn: ["A"] }),
      act("eng:C", { start: "2026-03-05", due: "2026-03-20", dependsOn: ["U"] }),
    ]);
    expect(r.forecast.get("eng:U")?.forecastFinish).toBe("2026-03-11");
    expect(scheduleOf(r, "eng:C")).toMatchObject({ earliestDate: "2026-03-12", rootCauseId: "eng:A" });
  });

  it("picks the binding dependency: the one that allows the latest start", () => {
    const r = run([
      act("eng:A", { start: "2026-03-01", due: "2026-03-10" }),
      act("eng:Z", { start: "2026-03-01", due: "2026-03-20" }),
      act("eng:B", { start: "2026-03-05", due: "2026-03-30", dependsOn: ["A", "Z"] }),
    ]);
    expect(scheduleOf(r, "eng:B")).toMatchObject({ dependencyId: "eng:Z", daysShort: 16 });
  });

  it("names as root cause the first action upstream whose own dates set the forecast", () => {
    const r = run([
      act("eng:A", { start: "2026-03-01", due: "2026-03-10" }),
      act("eng:B", { title: "Build", start: "2026-03-20", due: "2026-03-25", dependsOn: ["A"] }),
      act("eng:C", { start: "2026-03-22", due: "2026-03-30", dependsOn: ["B"] }),
    ]);
    // B is not pushed by A (it starts well after A ends), so B's own plan is what C collides with.
    const c = scheduleOf(r, "eng:C");
    expect(c).toMatchObject({ rootCauseId: "eng:B", path: ["eng:B", "eng:C"], daysShort: 4 });
    expect(c?.message).toContain("Root cause: Build, due 25 Mar 2026.");
    expect(c?.facts.rootCauseSlipDays).toBe(0);
  });

  it("follows SS and FF edges up the binding path", () => {
    const r = run([
      act("eng:X", { start: "2026-03-01", due: "2026-03-10" }),
      act("eng:A", { start: "2026-03-05", due: "2026-03-12", dependsOn: ["X"] }),
      act("eng:B", { start: "2026-03-06", due: "2026-03-20", dependsOn: [{ ref: "A", type: "SS" }] }),
      act("eng:F", { start: "2026-03-01", due: "2026-03-15", dependsOn: [{ ref: "A", type: "FF" }] }),
    ]);
    expect(scheduleOf(r, "eng:B")).toMatchObject({
      earliestDate: "2026-03-11",
      daysShort: 5,
      rootCauseId: "eng:X",
      path: ["eng:X", "eng:A", "eng:B"],
      facts: expect.objectContaining({ dependencyType: "SS", bound: "start" }),
    });
    expect(scheduleOf(r, "eng:F")).toMatchObject({
      earliestDate: "2026-03-18",
      daysShort: 3,
      rootCauseId: "eng:X",
      path: ["eng:X", "eng:A", "eng:F"],
    });
  });
});
