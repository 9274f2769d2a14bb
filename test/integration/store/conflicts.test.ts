import { describe, expect, it } from "vitest";
import { conflict, freshStore } from "./helpers.js";

const T1 = "2026-01-05T10:00:00.000Z";
const T2 = "2026-01-06T10:00:00.000Z";
const T3 = "2026-01-07T10:00:00.000Z";
const T4 = "2026-01-08T10:00:00.000Z";

describe("applyConflicts", () => {
  it("reports opened, changed, resolved and unchanged against the stored non-resolved conflicts", async () => {
    const { store } = await freshStore();
    const a = conflict("schedule:a");
    const b = conflict("schedule:b", { actionId: "mkt:MKT-8", actionIds: ["mkt:MKT-8"] });
    const c = conflict("ownership_vacuum:c", { type: "ownership_vacuum", daysShort: null });

    const first = await store.conflicts.apply([a, b, c], T1);
    expect(first.opened.map((x) => x.fingerprint)).toEqual([
      "schedule:a",
      "schedule:b",
      "ownership_vacuum:c",
    ]);
    expect([first.changed, first.resolved, first.unchanged]).toEqual([[], [], 0]);

    const b2 = { ...b, daysShort: 40, valueAtRisk: 40000, severity: "critical" as const };
    const second = await store.conflicts.apply([a, b2], T2);
    expect(second.opened).toEqual([]);
    expect(second.changed).toEqual([{ before: b, after: b2 }]);
    expect(second.resolved).toEqual([c]);
    expect(second.unchanged).toBe(1);

    const stored = await store.conflicts.list();
    expect(stored.map((s) => [s.fingerprint, s.status])).toEqual([
      ["ownership_vacuum:c", "resolved"],
      ["schedule:a", "open"],
      ["schedule:b", "open"],
    ]);
    expect(await store.conflicts.get("schedule:a")).toMatchObject({
      firstSeen: T1,
      lastSeen: T2,
      resolvedAt: null,
    });
    expect(await store.conflicts.get("schedule:b")).toMatchObject({
      severity: "critical",
      daysShort: 40,
      lastSeen: T2,
    });
    expect(await store.conflicts.get("ownership_vacuum:c")).toMatchObject({ resolvedAt: T2, lastSeen: T1 });
  });

  it("records each run's as-of day and time, replacing the previous one, so the stored set can say its date", async () => {
    const { store } = await freshStore();
    expect(await store.conflicts.lastRun()).toBeNull();
    await store.conflicts.apply([conflict("schedule:a"), conflict("schedule:b")], T1, "2026-01-04");
    expect(await store.conflicts.lastRun()).toEqual({ asOf: "2026-01-04", at: T1, detected: 2 });
    // Without an as-of day, the day of `now` (a store written by an older caller).
    await store.conflicts.apply([], T2);
    expect(await store.conflicts.lastRun()).toEqual({ asOf: "2026-01-06", at: T2, detected: 0 });
  });

  it("sees no change when only the key order of the detected conflict differs", async () => {
    const { store } = await freshStore();
    const facts = { ref: "PAY-1", relation: "dependsOn", candidates: ["x", "y"] };
    const a = conflict("ambiguous_dependency:a", { type: "ambiguous_dependency", facts });
    await store.conflicts.apply([a], T1);
    const reordered = Object.fromEntries(Object.entries(a).reverse());
    const again = await store.conflicts.apply(
      [
        conflict("ambiguous_dependency:a", {
          ...reordered,
          facts: { candidates: ["x", "y"], relation: "dependsOn", ref: "PAY-1" },
        }),
      ],
      T2,
    );
    expect(again).toEqual({ opened: [], changed: [], resolved: [], unchanged: 1 });
  });

  it("opens a resolved conflict again when it reappears, with a new first seen", async () => {
    const { store } = await freshStore();
    const a = conflict("schedule:a");
    await store.conflicts.apply([a], T1);
    await store.conflicts.apply([], T2);
    const back = await store.conflicts.apply([a], T3);
    expect(back.opened.map((x) => x.fingerprint)).toEqual(["schedule:a"]);
    expect(await store.conflicts.get("schedule:a")).toMatchObject({
      status: "open",
      firstSeen: T3,
      resolvedAt: null,
    });
  });

  it("keeps acknowledged and snoozed statuses when the conflict is detected again, changed or not", async () => {
    const { store } = await freshStore();
    const a = conflict("schedule:a");
    const b = conflict("schedule:b");
    await store.conflicts.apply([a, b], T1);
    await store.conflicts.setStatus("schedule:a", "acknowledged", { by: "slack:U1", now: T2 });
    await store.conflicts.setStatus("schedule:b", "snoozed", {
      until: "2026-01-20T09:00:00.000Z",
      by: "slack:U2",
      now: T2,
    });

    const res = await store.conflicts.apply([a, { ...b, daysShort: 50 }], T3);
    expect(res.changed.map((x) => x.after.fingerprint)).toEqual(["schedule:b"]);
    expect(await store.conflicts.get("schedule:a")).toMatchObject({
      status: "acknowledged",
      statusBy: "slack:U1",
      statusAt: T2,
    });
    expect(await store.conflicts.get("schedule:b")).toMatchObject({
      status: "snoozed",
      snoozedUntil: "2026-01-20T09:00:00.000Z",
      daysShort: 50,
    });
    expect(
      (await store.conflicts.list({ status: ["snoozed", "acknowledged"] })).map((s) => s.fingerprint),
    ).toEqual(["schedule:a", "schedule:b"]);

    await store.conflicts.apply([], T4);
    expect(await store.conflicts.list({ status: ["open", "acknowledged", "snoozed"] })).toEqual([]);
  });

  it("refuses a snooze without an end, an unknown fingerprint, and a fingerprint detected twice", async () => {
    const { store } = await freshStore();
    await store.conflicts.apply([conflict("schedule:a")], T1);
    await expect(store.conflicts.setStatus("schedule:a", "snoozed", { now: T2 })).rejects.toThrow(
      expect.objectContaining({ code: "snooze_without_until" }),
    );
    await expect(store.conflicts.setStatus("nope", "acknowledged", { now: T2 })).rejects.toThrow(
      expect.objectContaining({ code: "conflict_not_found" }),
    );
    await expect(store.conflicts.apply([conflict("schedule:b"), conflict("schedule:b")], T2)).rejects.toThrow(
      expect.objectContaining({ code: "duplicate_fingerprint" }),
    );
    // The failed call changed nothing.
    expect((await store.conflicts.list()).map((s) => [s.fingerprint, s.status])).toEqual([
      ["schedule:a", "open"],
    ]);
  });
});

describe("dependency overrides", () => {
  it("adds 'not a dependency' once, lists and removes it", async () => {
    const { store } = await freshStore();
    const o = { dependentId: "mkt:MKT-7", dependencyId: "jira-eng:PAY-142", by: "slack:U1", at: T1 };
    await store.conflicts.addOverride(o);
    await store.conflicts.addOverride({ ...o, by: "slack:U2", at: T2 });
    expect(await store.conflicts.overrides()).toEqual([o]);
    expect(await store.conflicts.removeOverride("mkt:MKT-7", "jira-eng:PAY-142")).toBe(true);
    expect(await store.conflicts.removeOverride("mkt:MKT-7", "jira-eng:PAY-142")).toBe(false);
    expect(await store.conflicts.overrides()).toEqual([]);
  });
});
