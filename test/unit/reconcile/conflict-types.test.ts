import { describe, expect, it } from "vitest";
import { act, ofType, run, scheduleOf } from "./helpers.js";

describe("dependency cycles", () => {
  it("reports a 2-cycle once, members sorted, actionId null, and keeps its members out of propagation", () => {
    const r = run([
      act("eng:B", { start: "2026-03-01", due: "2026-03-10", dependsOn: ["A"] }),
      act("eng:A", { start: "2026-03-01", due: "2026-03-10", dependsOn: ["B"] }),
      act("eng:C", { start: "2026-03-01", due: "2026-03-02", dependsOn: ["A"] }),
    ]);
    const cycles = ofType(r, "dependency_cycle");
    expect(cycles).toHaveLength(1);
    expect(cycles[0]).toMatchObject({
      fingerprint: "dependency_cycle|eng:A|eng:B",
      actionId: null,
      actionIds: ["eng:A", "eng:B"],
      severity: "warning",
      notify: ["ana"],
    });
    expect(cycles[0]?.message).toBe(
      "Action A and Action B depend on each other in a loop, so none of them can be scheduled and their dates " +
        "are not checked. Break the loop.",
    );
    expect(ofType(r, "schedule")).toEqual([]);
    expect(r.forecast.get("eng:A")?.forecastFinish).toBeNull();
  });

  it("reports a 3-cycle once and still propagates around it", () => {
    const r = run([
      act("eng:A", { start: "2026-03-01", due: "2026-03-10", dependsOn: ["C", "X"] }),
      act("eng:B", { start: "2026-03-01", due: "2026-03-10", dependsOn: ["A"] }),
      act("eng:C", { start: "2026-03-01", due: "2026-03-10", dependsOn: ["B"] }),
      act("eng:X", { start: "2026-03-01", due: "2026-03-20" }),
      act("eng:D", { start: "2026-03-05", due: "2026-03-25", dependsOn: ["X", "C"] }),
    ]);
    expect(ofType(r, "dependency_cycle").map((c) => c.actionIds)).toEqual([["eng:A", "eng:B", "eng:C"]]);
    expect(scheduleOf(r, "eng:D")).toMatchObject({ dependencyId: "eng:X", daysShort: 16 });
  });

  it("reports a self-reference as a cycle of one", () => {
    const r = run([act("eng:A", { title: "Loop", due: "2026-03-10", dependsOn: ["eng:A"] })]);
    expect(ofType(r, "dependency_cycle")).toMatchObject([
      { actionIds: ["eng:A"], fingerprint: "dependency_cycle|eng:A" },
    ]);
    expect(ofType(r, "dependency_cycle")[0]?.message).toContain("Loop depends on itself");
  });

  it("reports two separate cycles separately and skips a loop of closed actions", () => {
    const r = run([
      act("eng:A", { dependsOn: ["B"] }),
      act("eng:B", { dependsOn: ["A"] }),
      act("eng:C", { dependsOn: ["D"] }),
      act("eng:D", { dependsOn: ["C"] }),
      act("eng:E", { dependsOn: ["F"], status: "done" }),
      act("eng:F", { dependsOn: ["E"], status: "cancelled" }),
    ]);
    expect(ofType(r, "dependency_cycle").map((c) => c.actionIds)).toEqual([
      ["eng:A", "eng:B"],
      ["eng:C", "eng:D"],
    ]);
  });
});

describe("other conflict types", () => {
  it("undated_dependency: a not-closed action depends on one with neither start nor due", () => {
    const r = run([
      act("eng:U", { title: "Vendor contract" }),
      act("eng:B", { title: "Integration", due: "2026-03-10", dependsOn: ["U", "eng:U"] }),
      act("eng:C", { due: "2026-03-10", status: "cancelled", dependsOn: ["U"] }),
      act("eng:V", { status: "done" }),
      act("eng:D", { due: "2026-03-10", dependsOn: ["V"] }),
    ]);
    const undated = ofType(r, "undated_dependency");
    expect(undated).toHaveLength(1);
    expect(undated[0]).toMatchObject({
      fingerprint: "undated_dependency|eng:B|eng:U",
      actionId: "eng:B",
      dependencyId: "eng:U",
    });
    expect(undated[0]?.message).toContain(
      "Integration depends on Vendor contract, which has neither a start nor a due",
    );
  });

  it("invalid_dates: a start after the due date is reported to the owner and planned as a milestone on its due date", () => {
    const r = run([
      act("eng:A", { title: "API freeze", start: "2026-03-20", due: "2026-03-10" }),
      act("eng:B", { start: "2026-03-11", due: "2026-03-15", dependsOn: ["A"] }),
      act("eng:C", { start: "2026-03-20", due: "2026-03-10", status: "done" }),
    ]);
    expect(ofType(r, "invalid_dates")).toMatchObject([
      {
        fingerprint: "invalid_dates|eng:A",
        actionId: "eng:A",
        severity: "warning",
        notify: ["ana"],
        facts: { start: "2026-03-20", due: "2026-03-10" },
      },
    ]);
    expect(ofType(r, "invalid_dates")[0]?.message).toContain(
      "starts on 2026-03-20, after its due date 2026-03-10",
    );
    // Planned on its due date: it never finishes before it starts, and B (starting the day after) is fine.
    expect(r.forecast.get("eng:A")).toMatchObject({
      forecastStart: "2026-03-10",
      forecastFinish: "2026-03-10",
    });
    expect(scheduleOf(r, "eng:B")).toBeUndefined();
  });

  it("cancelled_dependency: open work that depends on a cancelled action is asked whether it still needs it", () => {
    const r = run([
      act("eng:X", { title: "Old vendor", due: "2026-03-01", status: "cancelled" }),
      act("eng:B", { title: "Integration", due: "2026-03-10", dependsOn: ["X", "eng:X"] }),
      act("eng:D", { due: "2026-03-10", status: "done", dependsOn: ["X"] }),
    ]);
    expect(ofType(r, "cancelled_dependency")).toMatchObject([
      {
        actionId: "eng:B",
        dependencyId: "eng:X",
        severity: "info",
        facts: { dependencyStatus: "cancelled" },
      },
    ]);
    expect(ofType(r, "cancelled_dependency")[0]?.message).toBe(
      "Integration depends on Old vendor, which was cancelled: is the dependency still needed?",
    );
  });

  it("done_before_dependency: done while a dependency is neither done nor cancelled", () => {
    const r = run([
      act("eng:A", { due: "2026-03-10", status: "blocked" }),
      act("eng:X", { due: "2026-03-10", status: "cancelled" }),
      act("eng:Y", { due: "2026-03-10", status: "done" }),
      act("eng:B", { due: "2026-03-12", status: "done", dependsOn: ["A", "X", "Y"] }),
      act("eng:C", { due: "2026-03-12", status: "cancelled", dependsOn: ["A"] }),
    ]);
    expect(ofType(r, "done_before_dependency")).toMatchObject([
      { actionId: "eng:B", dependencyId: "eng:A", facts: { dependencyStatus: "blocked" } },
    ]);
    expect(ofType(r, "done_before_dependency")[0]?.message).toContain("which is still blocked");
  });

  it("unlinked_kpi is info, unknown_kpi names the missing key; closed work is not flagged", () => {
    const r = run([
      act("eng:A", { kpis: [] }),
      act("eng:B", { kpis: ["conv", "ghost", "ghost"] }),
      act("eng:C", { kpis: [], status: "done" }),
    ]);
    expect(ofType(r, "unlinked_kpi")).toMatchObject([{ actionId: "eng:A", severity: "info" }]);
    expect(ofType(r, "unknown_kpi")).toMatchObject([
      {
        fingerprint: "unknown_kpi|eng:B|ghost",
        kpis: ["conv"],
        facts: { kpi: "ghost" },
        severity: "warning",
      },
    ]);
  });

  it("source_disagreement: mirrored actions whose due dates differ, one conflict per pair", () => {
    const r = run([
      act("jira-eng:PAY-1", { title: "API", due: "2026-04-03", mirrors: ["mkt:ROW-1"] }),
      act("mkt:ROW-1", { title: "API (plan)", due: "2026-02-20", mirrors: ["jira-eng:PAY-1"] }),
      act("mkt:ROW-2", { due: "2026-02-20", mirrors: ["jira-eng:PAY-2", "GHOST-1"] }),
      act("jira-eng:PAY-2", { due: "2026-02-20" }),
    ]);
    expect(ofType(r, "source_disagreement")).toMatchObject([
      {
        fingerprint: "source_disagreement|jira-eng:PAY-1|mkt:ROW-1",
        actionId: "jira-eng:PAY-1",
        actionIds: ["jira-eng:PAY-1", "mkt:ROW-1"],
        facts: { dueA: "2026-04-03", dueB: "2026-02-20", daysApart: 42 },
      },
    ]);
    expect(ofType(r, "source_disagreement")[0]?.message).toBe(
      "API is due 3 Apr 2026 in jira-eng, but the same work in mkt (API (plan)) is due 20 Feb 2026: 42 days " +
        "apart. Agree on one date.",
    );
    expect(ofType(r, "dangling_dependency")).toMatchObject([
      { facts: { relation: "mirrors", ref: "GHOST-1" } },
    ]);
  });

  it("fingerprints hold ids only: the same conflict with new dates keeps its fingerprint", () => {
    const make = (due: string) =>
      run([
        act("eng:A", { start: "2026-03-01", due }),
        act("eng:B", { start: "2026-03-05", due: "2026-03-20", dependsOn: ["A"] }),
      ]);
    const a = scheduleOf(make("2026-03-10"), "eng:B");
    const b = scheduleOf(make("2026-03-15"), "eng:B");
    expect(a?.fingerprint).toBe("schedule|eng:B");
    expect(b?.fingerprint).toBe(a?.fingerprint);
    expect(b?.daysShort).not.toBe(a?.daysShort);
  });
});
