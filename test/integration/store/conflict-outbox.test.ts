import { describe, expect, it } from "vitest";
import { owedDiff } from "../../../src/alerts/index.js";
import { conflict, freshStore } from "./helpers.js";

const T1 = "2026-03-01T09:00:00.000Z";
const T2 = "2026-03-02T09:00:00.000Z";
const T3 = "2026-03-03T09:00:00.000Z";

describe("the conflict outbox", () => {
  it("records every opened, changed and cleared conflict in the transaction that stores it", async () => {
    const { store } = await freshStore();
    const a = conflict("schedule:a");
    const b = conflict("schedule:b");
    await store.conflicts.apply([a, b], T1);
    expect((await store.conflicts.owedChanges()).map((c) => [c.fingerprint, c.kind])).toEqual([
      ["schedule:a", "opened"],
      ["schedule:b", "opened"],
    ]);
    await store.conflicts.markAnnounced(
      (await store.conflicts.owedChanges()).map((c) => c.id),
      T1,
    );
    expect(await store.conflicts.owedChanges()).toEqual([]);

    // b worsens, a clears; an unchanged re-detection owes nothing.
    await store.conflicts.apply([{ ...b, daysShort: 40 }], T2);
    await store.conflicts.apply([{ ...b, daysShort: 40 }], T3);
    const owed = await store.conflicts.owedChanges();
    expect(owed.map((c) => [c.fingerprint, c.kind, c.before?.daysShort ?? null, c.after.daysShort])).toEqual([
      ["schedule:b", "changed", 34, 40],
      ["schedule:a", "resolved", null, 34],
    ]);
    expect(owedDiff(owed).diff).toMatchObject({
      changed: [{ before: { daysShort: 34 }, after: { daysShort: 40 } }],
      resolved: [{ fingerprint: "schedule:a" }],
    });
  });

  it("writes nothing to the outbox when the apply fails", async () => {
    const { store } = await freshStore();
    await expect(store.conflicts.apply([conflict("schedule:a"), conflict("schedule:a")], T1)).rejects.toThrow(
      /detected twice/,
    );
    expect(await store.conflicts.owedChanges()).toEqual([]);
    expect(await store.conflicts.list()).toEqual([]);
  });

  it("says an opened conflict cleared before anyone heard of it is nothing to announce", async () => {
    const { store } = await freshStore();
    await store.conflicts.apply([conflict("schedule:a")], T1);
    await store.conflicts.apply([], T2);
    const owed = await store.conflicts.owedChanges();
    expect(owed.map((c) => c.kind)).toEqual(["opened", "resolved"]);
    expect(owedDiff(owed)).toEqual({
      diff: { opened: [], changed: [], resolved: [] },
      ids: owed.map((c) => c.id),
    });
  });
});
