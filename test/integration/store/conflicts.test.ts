import { describe, expect, it } from "vitest";
import { conflict, freshStore } from "./helpers.js";

const T1 = "2026-01-05T10:00:00.000Z";
const T2 = "2026-01-06T10:00:00.000Z";
const T3 = "2026-01-07T10:00:00.000Z";
const T4 = "2026-01-08T10:00:00.000Z";

describe("applyConflicts", () => {
  it("reports opened, changed, resolved and unchanged against the stored non-resolved conflicts", () => {
    const { store } = freshStore();
    const a = conflict("schedule:a");
    const b = conflict("schedule:b", { actionId: "mkt:MKT-8", actionIds: ["mkt:MKT-8"] });
    const c = conflict("ownership_vacuum:c", { type: "ownership_vacuum", daysShort: null });

    const first = store.applyConflicts([a, b, c], T1);
    expect(first.opened.map((x) => x.fingerprint)).toEqual([
      "schedule:a",
      "schedule:b",
      "ownership_vacuum:c",
    ]);
    expect([first.changed, first.resolved, first.unchanged]).toEqual([[], [], 0]);

    const b2 = { ...b, daysShort: 40, valueAtRisk: 40000, severity: "critical" as const };
    const second = store.applyConflicts([a, b2], T2);
    expect(second.opened).toEqual([]);
    expect(second.changed).toEqual([{ before: b, after: b2 }]);
    expect(second.resolved).toEqual([c]);
    expect(second.unchanged).toBe(1);

    const stored = store.loadConflicts();
    expect(stored.map((s) => [s.fingerprint, s.status])).toEqual([
      ["ownership_vacuum:c", "resolved"],
      ["schedule:a", "open"],
      ["schedule:b", "open"],
    ]);
    expect(store.getConflict("schedule:a")).toMatchObject({ firstSeen: T1, lastSeen: T2, resolvedAt: null });
    expect(store.getConflict("schedule:b")).toMatchObject({
      severity: "critical",
      daysShort: 40,
      lastSeen: T2,
    });
    expect(store.getConflict("ownership_vacuum:c")).toMatchObject({ resolvedAt: T2, lastSeen: T1 });
  });

  it("sees no change when only the key order of the detected conflict differs", () => {
    const { store } = freshStore();
    const a = conflict("schedule:a", { facts: { ref: "PAY-1", candidates: ["x", "y"] } });
    store.applyConflicts([a], T1);
    const reordered = Object.fromEntries(Object.entries(a).reverse());
    const again = store.applyConflicts(
      [conflict("schedule:a", { ...reordered, facts: { candidates: ["x", "y"], ref: "PAY-1" } })],
      T2,
    );
    expect(again).toEqual({ opened: [], changed: [], resolved: [], unchanged: 1 });
  });

  it("opens a resolved conflict again when it reappears, with a new first seen", () => {
    const { store } = freshStore();
    const a = conflict("schedule:a");
    store.applyConflicts([a], T1);
    store.applyConflicts([], T2);
    const back = store.applyConflicts([a], T3);
    expect(back.opened.map((x) => x.fingerprint)).toEqual(["schedule:a"]);
    expect(store.getConflict("schedule:a")).toMatchObject({
      status: "open",
      firstSeen: T3,
      resolvedAt: null,
    });
  });

  it("keeps acknowledged and snoozed statuses when the conflict is detected again, changed or not", () => {
    const { store } = freshStore();
    const a = conflict("schedule:a");
    const b = conflict("schedule:b");
    store.applyConflicts([a, b], T1);
    store.setConflictStatus("schedule:a", "acknowledged", { by: "slack:U1", now: T2 });
    store.setConflictStatus("schedule:b", "snoozed", {
      until: "2026-01-20T09:00:00.000Z",
      by: "slack:U2",
      now: T2,
    });

    const res = store.applyConflicts([a, { ...b, daysShort: 50 }], T3);
    expect(res.changed.map((x) => x.after.fingerprint)).toEqual(["schedule:b"]);
    expect(store.getConflict("schedule:a")).toMatchObject({
      status: "acknowledged",
      statusBy: "slack:U1",
      statusAt: T2,
    });
    expect(store.getConflict("schedule:b")).toMatchObject({
      status: "snoozed",
      snoozedUntil: "2026-01-20T09:00:00.000Z",
      daysShort: 50,
    });
    expect(store.loadConflicts({ status: ["snoozed", "acknowledged"] }).map((s) => s.fingerprint)).toEqual([
      "schedule:a",
      "schedule:b",
    ]);

    store.applyConflicts([], T4);
    expect(store.loadConflicts({ status: ["open", "acknowledged", "snoozed"] })).toEqual([]);
  });

  it("refuses a snooze without an end, an unknown fingerprint, and a fingerprint detected twice", () => {
    const { store } = freshStore();
    store.applyConflicts([conflict("schedule:a")], T1);
    expect(() => store.setConflictStatus("schedule:a", "snoozed", { now: T2 })).toThrow(
      expect.objectContaining({ code: "snooze_without_until" }),
    );
    expect(() => store.setConflictStatus("nope", "acknowledged", { now: T2 })).toThrow(
      expect.objectContaining({ code: "conflict_not_found" }),
    );
    expect(() => store.applyConflicts([conflict("schedule:b"), conflict("schedule:b")], T2)).toThrow(
      expect.objectContaining({ code: "duplicate_fingerprint" }),
    );
    // The failed call changed nothing.
    expect(store.loadConflicts().map((s) => [s.fingerprint, s.status])).toEqual([["schedule:a", "open"]]);
  });
});

describe("dependency overrides", () => {
  it("adds 'not a dependency' once, lists and removes it", () => {
    const { store } = freshStore();
    const o = { dependentId: "mkt:MKT-7", dependencyId: "jira-eng:PAY-142", by: "slack:U1", at: T1 };
    store.addOverride(o);
    store.addOverride({ ...o, by: "slack:U2", at: T2 });
    expect(store.loadOverrides()).toEqual([o]);
    expect(store.removeOverride("mkt:MKT-7", "jira-eng:PAY-142")).toBe(true);
    expect(store.removeOverride("mkt:MKT-7", "jira-eng:PAY-142")).toBe(false);
    expect(store.loadOverrides()).toEqual([]);
  });
});
