import { describe, expect, it } from "vitest";
import type { ActionRecord, PersonInput } from "../../../src/model/index.js";
import type { QuarantineEntry } from "../../../src/sync/contract.js";
import { count, freshStore, rec, SRC } from "./helpers.js";

const T1 = "2026-01-05T10:00:00.000Z";
const T2 = "2026-01-06T10:00:00.000Z";
const T3 = "2026-01-07T10:00:00.000Z";

function bad(location: string, reason: string, nativeKey: string | null = null): QuarantineEntry {
  return {
    instance: SRC.instance,
    location,
    nativeKey,
    column: "Due",
    field: "due",
    reason,
    raw: '{"due":"31/02"}',
  };
}

function page(over: {
  records?: ActionRecord[];
  quarantined?: QuarantineEntry[];
  removedKeys?: string[];
  people?: PersonInput[];
  cursor?: unknown;
  now?: string;
}) {
  return {
    source: SRC,
    records: over.records ?? [],
    quarantined: over.quarantined ?? [],
    removedKeys: over.removedKeys ?? [],
    people: over.people ?? [],
    kpis: [],
    cursor: "cursor" in over ? over.cursor : { startAt: 0 },
    now: over.now ?? T1,
  };
}

describe("commitPage", () => {
  it("writes records, quarantine, removals, people and the cursor together", async () => {
    const { store } = await freshStore();
    await store.sync.commitPage(page({ records: [rec("PAY-1"), rec("PAY-2")], cursor: { startAt: 2 } }));
    const res = await store.sync.commitPage(
      page({
        records: [rec("PAY-3")],
        quarantined: [bad("PAY-4 field duedate", "not a date")],
        removedKeys: ["PAY-1"],
        people: [{ id: "jira:acc-1", name: "Alice", jiraAccountId: "acc-1" }],
        cursor: { startAt: 4 },
        now: T2,
      }),
    );
    expect(res).toEqual({
      inserted: ["jira-eng:PAY-3"],
      updated: [],
      unchanged: 0,
      removed: ["jira-eng:PAY-1"],
    });
    expect(await store.sync.readCursor("jira-eng")).toEqual({ startAt: 4 });
    expect(await store.sync.activeKeys("jira-eng")).toEqual(["PAY-2", "PAY-3"]);
    expect((await store.sync.quarantine("jira-eng")).map((q) => q.reason)).toEqual(["not a date"]);
    expect((await store.directory.load()).people.map((p) => p.id)).toEqual(["jira:acc-1"]);
    expect(await store.sync.states()).toMatchObject([
      { instance: "jira-eng", kind: "jira", cursor: { startAt: 4 } },
    ]);
  });

  it("lands nothing of a page whose cursor cannot be stored, and keeps the previous cursor", async () => {
    const { store } = await freshStore();
    await store.sync.commitPage(page({ records: [rec("PAY-1")], cursor: { startAt: 1 } }));
    const before = {
      actions: await count(store, "actions"),
      events: await count(store, "action_events"),
      deps: await count(store, "dependencies"),
    };

    await expect(
      store.sync.commitPage(
        page({
          records: [
            rec("PAY-1", { due: "2026-05-01" }),
            rec("PAY-2", { dependsOn: [{ ref: "PAY-1", type: "FS", lagDays: 0 }] }),
          ],
          quarantined: [bad("PAY-3 field duedate", "not a date")],
          removedKeys: ["PAY-1"],
          people: [{ id: "bob", name: "Bob" }],
          cursor: { startAt: 10n }, // BigInt: JSON.stringify throws, after everything else was written
          now: T2,
        }),
      ),
    ).rejects.toThrow(expect.objectContaining({ code: "cursor_unserialisable" }));

    expect(await store.sync.readCursor("jira-eng")).toEqual({ startAt: 1 });
    expect({
      actions: await count(store, "actions"),
      events: await count(store, "action_events"),
      deps: await count(store, "dependencies"),
    }).toEqual(before);
    expect(await store.actions.get("jira-eng:PAY-1")).toMatchObject({ due: "2026-02-20", removedAt: null });
    expect(await store.actions.get("jira-eng:PAY-2")).toBeNull();
    expect(await store.sync.quarantine()).toEqual([]);
    expect((await store.directory.load()).people).toEqual([]);
  });

  it("rolls back the whole page when a revealed person is invalid, naming which one", async () => {
    const { store } = await freshStore();
    await expect(
      store.sync.commitPage(
        page({
          records: [rec("PAY-1")],
          people: [
            { id: "ok", name: "Ok" },
            { id: "x", name: "X", emails: ["not-an-email"] },
          ],
        }),
      ),
    ).rejects.toThrow(/people\[1\]: emails\.0/);
    expect(await count(store, "actions")).toBe(0);
    expect(await store.sync.readCursor("jira-eng")).toBeNull();
  });

  it("rejects an undefined cursor rather than storing it as 'from the beginning'", async () => {
    const { store } = await freshStore();
    await expect(store.sync.commitPage(page({ records: [rec("PAY-1")], cursor: undefined }))).rejects.toThrow(
      expect.objectContaining({ code: "cursor_unserialisable" }),
    );
    expect(await count(store, "actions")).toBe(0);
  });
});

describe("quarantine", () => {
  it("keeps one row per (instance, location, reason) across re-syncs, refreshing last seen", async () => {
    const { store } = await freshStore();
    const entries = [
      bad("sheet Plan row 14", "due: not a date", "MKT-14"),
      bad("sheet Plan row 15", "title: empty"),
    ];
    await store.sync.commitPage(page({ quarantined: entries, now: T1 }));
    await store.sync.commitPage(page({ quarantined: entries, now: T2 }));
    await store.sync.commitPage(
      page({ quarantined: [bad("sheet Plan row 14", "status: unknown", "MKT-14")], now: T2 }),
    );

    const rows = await store.sync.quarantine("jira-eng");
    expect(rows).toHaveLength(3);
    expect(rows.find((r) => r.reason === "due: not a date")).toMatchObject({
      location: "sheet Plan row 14",
      nativeKey: "MKT-14",
      column: "Due",
      field: "due",
      raw: '{"due":"31/02"}',
      firstSeen: T1,
      lastSeen: T2,
    });
    expect(await store.sync.quarantine("another")).toEqual([]);
  });

  it("clears a key's entries once it syncs cleanly, and leaves other keys' entries alone", async () => {
    const { store } = await freshStore();
    await store.sync.commitPage(
      page({
        quarantined: [
          bad("PAY-7 field duedate", "not a date", "PAY-7"),
          bad("PAY-8 field duedate", "not a date", "PAY-8"),
        ],
      }),
    );
    await store.sync.commitPage(page({ records: [rec("PAY-7")], now: T2 }));
    expect((await store.sync.quarantine()).map((q) => q.nativeKey)).toEqual(["PAY-8"]);
  });

  it("keeps an entry added in the same page as a clean record with that key (a duplicated row)", async () => {
    const { store } = await freshStore();
    await store.sync.commitPage(
      page({ records: [rec("PAY-7")], quarantined: [bad("row 9", "duplicate key PAY-7", "PAY-7")] }),
    );
    expect(await store.sync.quarantine()).toHaveLength(1);
  });

  it("prunes entries a complete run did not see again", async () => {
    const { store } = await freshStore();
    await store.sync.commitPage(page({ quarantined: [bad("row 3", "x"), bad("row 4", "y")], now: T1 }));
    await store.sync.commitPage(page({ quarantined: [bad("row 4", "y")], now: T3 }));
    expect(await store.sync.pruneQuarantine("jira-eng", T2)).toBe(1);
    expect((await store.sync.quarantine()).map((q) => q.location)).toEqual(["row 4"]);
  });
});

describe("recordRun", () => {
  it("stores the last run's outcome next to the cursor without touching it", async () => {
    const { store } = await freshStore();
    await store.sync.commitPage(page({ records: [rec("PAY-1")], cursor: { startAt: 1 } }));
    await store.sync.recordRun({
      instance: "jira-eng",
      kind: "jira",
      status: "paused",
      message: "0 records where there were 1: paused instead of deleting",
      startedAt: T2,
      finishedAt: T3,
      pages: 1,
      inserted: 0,
      updated: 0,
      unchanged: 0,
      quarantined: 0,
      removed: 0,
    });
    expect(await store.sync.states()).toEqual([
      expect.objectContaining({
        instance: "jira-eng",
        status: "paused",
        cursor: { startAt: 1 },
        finishedAt: T3,
      }),
    ]);
  });
});
