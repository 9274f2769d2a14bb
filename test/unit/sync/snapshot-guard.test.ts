import { describe, expect, it } from "vitest";
import { runSync } from "../../../src/sync/engine.js";
import { MemorySyncStore } from "./support/memory-store.js";
import { page, rec, ScriptedConnector } from "./support/scripted-connector.js";

const now = () => "2026-01-12T09:00:00Z";
const keys = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i + 1}`);

/** A store where `instance` already holds `n` active actions, synced by a snapshot source. */
async function seeded(n: number) {
  const store = new MemorySyncStore();
  const connector = new ScriptedConnector("plan", []);
  connector.setPages([
    page(
      0,
      keys("K", n).map((k) => rec(k)),
      { snapshotComplete: true, cursor: "v1" },
    ),
  ]);
  await runSync(connector, store, { now });
  let pages: ReturnType<typeof page>[] = [];
  // From now on the script restarts whatever the cursor: a snapshot source re-lists everything.
  connector.pull = async function* (cursor) {
    connector.pullCursors.push(cursor);
    yield* pages;
  };
  const list = (items: ReturnType<typeof rec>[], cursor = "v2") => {
    pages = [page(0, items, { snapshotComplete: true, cursor })];
  };
  return { store, connector, list };
}

describe("runSync: snapshot deletion and the mass-deletion guard", () => {
  it("soft-deletes what a complete snapshot no longer lists, and reports the removed hub ids", async () => {
    const { store, connector, list } = await seeded(6);
    list(keys("K", 4).map((k) => rec(k)));

    const report = await runSync(connector, store, { now });

    expect(report.paused).toBeNull();
    expect(report.removed).toBe(2);
    expect(report.changedIds.sort()).toEqual(["plan:K-5", "plan:K-6"]);
    expect([...store.active("plan").keys()]).toEqual(keys("K", 4));
  });

  it("writes the last page, its cursor and the deletions it implies in one commit", async () => {
    const { store, connector, list } = await seeded(6);
    list(keys("K", 4).map((k) => rec(k, { title: "Renamed" })));
    const before = store.commits.length;

    await runSync(connector, store, { now });

    expect(store.commits.length - before).toBe(1);
    expect(store.commits.at(-1)).toMatchObject({ removedKeys: ["K-5", "K-6"], cursor: "v2" });
  });

  it("leaves cursor and active actions as they were when that last commit fails, and finishes next run", async () => {
    const { store, connector, list } = await seeded(6);
    list(keys("K", 4).map((k) => rec(k)));
    store.failCommit = () => true;

    await expect(runSync(connector, store, { now })).rejects.toThrow("disk full");

    expect(await store.readCursor("plan")).toBe("v1");
    expect(store.active("plan").size).toBe(6);
    store.failCommit = null;
    const retried = await runSync(connector, store, { now });
    expect(retried.removed).toBe(2);
    expect(await store.readCursor("plan")).toBe("v2");
  });

  it("never deletes an item that is still listed but failed validation", async () => {
    const { store, connector, list } = await seeded(3);
    list([rec("K-1"), rec("K-2"), rec("K-3", { due: "2026-13-01" })]);

    const report = await runSync(connector, store, { now });

    expect(report).toMatchObject({ removed: 0, quarantined: 1, paused: null });
    expect(store.active("plan").has("K-3")).toBe(true);
  });

  it("pauses when a snapshot that had actions returns no valid record, keeping what it wrote", async () => {
    const { store, connector, list } = await seeded(3);
    list([{ kind: "rejected", reason: "row is empty", origin: { location: "row 2" } }]);

    const report = await runSync(connector, store, { now });

    expect(report.removed).toBe(0);
    expect(report.paused).toContain("returned no valid records while 3 of its actions are active");
    expect(report.paused).toContain("--allow-mass-deletion");
    expect(store.active("plan").size).toBe(3);
    expect(store.quarantine.map((q) => q.location)).toEqual(["row 2"]);
    expect(store.commits.at(-1)).toMatchObject({ removedKeys: [], cursor: null });
    expect(store.runs.at(-1)).toMatchObject({ status: "paused", message: report.paused });
    // The cursor is reset so the next run looks at the source again instead of skipping an unchanged version.
    expect(await store.readCursor("plan")).toBeNull();
  });

  it("pauses when a snapshot would remove more than max(50% of active, 10), allows it below", async () => {
    const big = await seeded(30);
    big.list(keys("K", 14).map((k) => rec(k)));
    const paused = await runSync(big.connector, big.store, { now });
    expect(paused.paused).toContain("would remove 16 of its 30 active actions (more than the limit of 15");
    expect(big.store.active("plan").size).toBe(30);

    const small = await seeded(30);
    small.list(keys("K", 15).map((k) => rec(k)));
    const allowed = await runSync(small.connector, small.store, { now });
    expect(allowed).toMatchObject({ paused: null, removed: 15 });

    const tiny = await seeded(12);
    tiny.list(keys("K", 2).map((k) => rec(k)));
    const floor = await runSync(tiny.connector, tiny.store, { now });
    expect(floor).toMatchObject({ paused: null, removed: 10 });
  });

  it("uses the configured limits and the override", async () => {
    const strict = await seeded(12);
    strict.list(keys("K", 10).map((k) => rec(k)));
    const paused = await runSync(strict.connector, strict.store, {
      now,
      guard: { maxFraction: 0.1, minAbsolute: 1, overrideHint: "Run `sync --force`." },
    });
    expect(paused.paused).toContain("would remove 2 of its 12 active actions (more than the limit of 1");
    expect(paused.paused).toContain("Run `sync --force`.");

    const forced = await runSync(strict.connector, strict.store, { now, guard: { allowMassDeletion: true } });
    expect(forced).toMatchObject({ paused: null, removed: 2 });
  });

  it("pauses when every record lost the same required field, naming it", async () => {
    const { store, connector, list } = await seeded(2);
    const noTitle = (k: string) => ({
      kind: "record" as const,
      record: { nativeKey: k, status: "todo" },
      origin: { location: `plan.yaml ${k}` },
    });
    list([noTitle("K-1"), noTitle("X-1")]);

    const report = await runSync(connector, store, { now });

    expect(report.paused).toContain('failed validation on "title" (2 of 2)');
    expect(report).toMatchObject({ removed: 0, quarantined: 2 });
    expect(store.active("plan").size).toBe(2);
  });

  it("keeps pausing on the next run until the source is fixed", async () => {
    const { store, connector, list } = await seeded(3);
    list([]);
    expect((await runSync(connector, store, { now })).paused).not.toBeNull();
    expect((await runSync(connector, store, { now })).paused).not.toBeNull();
    expect(connector.pullCursors.at(-1)).toBeNull();

    list(keys("K", 3).map((k) => rec(k)));
    const fixed = await runSync(connector, store, { now });
    expect(fixed).toMatchObject({ paused: null, removed: 0, unchanged: 3 });
    expect(await store.readCursor("plan")).toBe("v2");
  });

  it("does not pause a first sync of an empty source", async () => {
    const store = new MemorySyncStore();
    const connector = new ScriptedConnector("plan", [page(0, [], { snapshotComplete: true, cursor: "v1" })]);
    const report = await runSync(connector, store, { now });
    expect(report).toMatchObject({ paused: null, removed: 0 });
    expect(store.runs.at(-1)?.status).toBe("ok");
  });
});
