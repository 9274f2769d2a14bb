import { describe, expect, it } from "vitest";
import { SightlineError } from "../../../src/model/index.js";
import { runSync } from "../../../src/sync/engine.js";
import { SyncError } from "../../../src/sync/errors.js";
import { MemorySyncStore } from "./support/memory-store.js";
import { page, rec, ScriptedConnector } from "./support/scripted-connector.js";

const clock = () => {
  let tick = 0;
  return () => `2026-01-12T09:00:${String(tick++ % 60).padStart(2, "0")}Z`;
};

describe("runSync: pages, validation and quarantine", () => {
  it("commits each page with its cursor and reports hub ids of what changed", async () => {
    const store = new MemorySyncStore();
    const connector = new ScriptedConnector("plan", [
      page(0, [rec("A"), rec("B")]),
      page(1, [rec("C", { due: "2026-02-20" })]),
    ]);
    const progress: number[] = [];
    const report = await runSync(connector, store, {
      now: clock(),
      onProgress: (p) => progress.push(p.pages),
    });

    expect(report).toMatchObject({ instance: "plan", kind: "test", pages: 2, inserted: 3, updated: 0 });
    expect(report.changedIds.sort()).toEqual(["plan:A", "plan:B", "plan:C"]);
    expect(store.commits.map((c) => c.cursor)).toEqual([1, 2]);
    expect(store.active("plan").get("C")?.due).toBe("2026-02-20");
    expect(progress).toEqual([1, 2]);
    expect(store.runs.at(-1)).toMatchObject({ status: "ok", inserted: 3, pages: 2, message: null });
  });

  it("resumes from the stored cursor and reports only what changed", async () => {
    const store = new MemorySyncStore();
    const connector = new ScriptedConnector("plan", [page(0, [rec("A"), rec("B")])]);
    await runSync(connector, store, { now: clock() });
    connector.setPages([page(0, [rec("A"), rec("B")]), page(1, [rec("A", { title: "Renamed" }), rec("B")])]);

    const report = await runSync(connector, store, { now: clock() });

    expect(connector.pullCursors).toEqual([null, 1]);
    expect(report).toMatchObject({ pages: 1, inserted: 0, updated: 1, unchanged: 1 });
    expect(report.changedIds).toEqual(["plan:A"]);
  });

  it("quarantines an invalid record with the field, the expectation and the value, and stores the rest", async () => {
    const store = new MemorySyncStore();
    const bad = rec("PAY-142", { due: "31/02/2026" });
    const connector = new ScriptedConnector("plan", [page(0, [rec("A"), bad, rec("B")])]);

    const report = await runSync(connector, store, { now: clock() });

    expect(report).toMatchObject({ inserted: 2, quarantined: 1 });
    expect(store.quarantine).toEqual([
      expect.objectContaining({
        instance: "plan",
        location: "test PAY-142",
        nativeKey: "PAY-142",
        field: "due",
        reason: 'due: expected a calendar date YYYY-MM-DD, got "31/02/2026"',
      }),
    ]);
    expect(store.quarantine[0]?.raw).toContain("31/02/2026");
    expect([...store.active("plan").keys()].sort()).toEqual(["A", "B"]);
  });

  it("names every failing field of a record, nested paths included", async () => {
    const store = new MemorySyncStore();
    const bad = rec("X", {
      status: "wip" as "todo",
      dependsOn: [{ ref: "A", type: "XX" as "FS", lagDays: 0 }],
    });
    await runSync(new ScriptedConnector("plan", [page(0, [bad])]), store, { now: clock() });

    const reason = store.quarantine[0]?.reason ?? "";
    expect(reason).toContain(
      'status: expected one of todo, in_progress, blocked, done, cancelled, got "wip"',
    );
    expect(reason).toContain('dependsOn[0].type: expected one of FS, SS, FF, got "XX"');
    expect(store.quarantine[0]?.field).toBe("status");
  });

  it("keeps a connector's rejected item as it is", async () => {
    const store = new MemorySyncStore();
    const rejected = {
      kind: "rejected" as const,
      reason: 'Due: "31/02/2026" is not a date',
      origin: { location: 'sheet "Plan" row 14', nativeKey: "MKT-7", column: "F", field: "due" },
      raw: ["MKT-7", "Campaign", "31/02/2026"],
    };
    const report = await runSync(new ScriptedConnector("mkt", [page(0, [rejected, rec("MKT-8")])]), store, {
      now: clock(),
    });

    expect(report.quarantined).toBe(1);
    expect(store.quarantine[0]).toEqual({
      instance: "mkt",
      location: 'sheet "Plan" row 14',
      nativeKey: "MKT-7",
      column: "F",
      field: "due",
      reason: 'Due: "31/02/2026" is not a date',
      raw: '["MKT-7","Campaign","31/02/2026"]',
    });
  });

  it("quarantines the second occurrence of a key, naming where the first was read", async () => {
    const store = new MemorySyncStore();
    const first = { ...rec("QA-9"), origin: { location: "plan.yaml actions[1]", nativeKey: "QA-9" } };
    const second = {
      ...rec("QA-9", { title: "Other" }),
      origin: { location: "plan.yaml actions[7]", nativeKey: "QA-9" },
    };
    const report = await runSync(
      new ScriptedConnector("plan", [page(0, [first]), page(1, [second])]),
      store,
      {
        now: clock(),
      },
    );

    expect(report).toMatchObject({ inserted: 1, quarantined: 1 });
    expect(store.active("plan").get("QA-9")?.title).toBe("Action QA-9");
    expect(store.quarantine[0]).toMatchObject({ location: "plan.yaml actions[7]", field: "nativeKey" });
    expect(store.quarantine[0]?.reason).toContain("already read at plan.yaml actions[1]");
  });

  it("validates directory data: a bad person is quarantined, the good ones are stored", async () => {
    const store = new MemorySyncStore();
    const p = page(0, [rec("A")], {
      people: [
        { id: "priya", name: "Priya", emails: ["priya@acmepay.example"] },
        { id: "bob", name: "Bob", emails: ["not-an-email"] },
      ],
      kpis: [{ key: "arr", name: "ARR", objective: "O1", costOfDelayPerDay: -5 }],
    });
    await runSync(new ScriptedConnector("plan", [p]), store, { now: clock() });

    expect([...store.people.keys()]).toEqual(["priya"]);
    expect(store.kpis.size).toBe(0);
    expect(store.quarantine.map((q) => [q.location, q.nativeKey, q.field])).toEqual([
      ["page 1 people[1]", "bob", "emails[0]"],
      ["page 1 kpis[0]", "arr", "costOfDelayPerDay"],
    ]);
  });

  it("does not commit a page that is empty and carries the stored cursor", async () => {
    const store = new MemorySyncStore();
    const connector = new ScriptedConnector("plan", [page(0, [rec("A")])]);
    await runSync(connector, store, { now: clock() });
    // Like a file whose hash did not change: one empty page carrying the cursor already stored.
    connector.setPages([page(0, [rec("A")]), { items: [], cursor: 1 }]);

    const report = await runSync(connector, store, { now: clock() });

    expect(store.commits).toHaveLength(1);
    expect(report).toMatchObject({ pages: 1, inserted: 0, updated: 0, changedIds: [] });
    expect(store.runs.at(-1)?.status).toBe("ok");
  });
});

describe("runSync: failures", () => {
  it("keeps the cursor of the last committed page when the connector throws, records and rethrows", async () => {
    const store = new MemorySyncStore();
    const connector = new ScriptedConnector("jira", [
      page(0, [rec("A")]),
      page(1, [rec("B")]),
      page(2, [rec("C")]),
    ]);
    connector.failAtPage = { index: 2, error: new SightlineError("rate_limited", "HTTP 429 from Jira") };

    const error = await runSync(connector, store, { now: clock() }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(SyncError);
    expect(error).toMatchObject({ code: "connector_failed", causeCode: "rate_limited", pagesCommitted: 2 });
    expect(await store.readCursor("jira")).toBe(2);
    expect(store.runs.at(-1)).toMatchObject({ status: "failed", pages: 2, inserted: 2 });
    expect(store.runs.at(-1)?.message).toContain("HTTP 429 from Jira");

    connector.failAtPage = null;
    const report = await runSync(connector, store, { now: clock() });
    expect(connector.pullCursors.at(-1)).toBe(2);
    expect(report).toMatchObject({ pages: 1, inserted: 1 });
    expect([...store.active("jira").keys()].sort()).toEqual(["A", "B", "C"]);
  });

  it("writes nothing of a page the store fails on, closes the connector and can resume without gaps", async () => {
    const store = new MemorySyncStore();
    const connector = new ScriptedConnector("plan", [
      page(0, [rec("A")]),
      page(1, [rec("B")]),
      page(2, [rec("C")]),
    ]);
    store.failCommit = (n) => n === 2;

    const error = await runSync(connector, store, { now: clock() }).catch((e: unknown) => e);

    expect(error).toMatchObject({ code: "store_failed", pagesCommitted: 1 });
    expect(connector.closedEarly).toBe(true);
    expect([...store.active("plan").keys()]).toEqual(["A"]);
    expect(await store.readCursor("plan")).toBe(1);

    store.failCommit = null;
    await runSync(connector, store, { now: clock() });
    expect([...store.active("plan").keys()].sort()).toEqual(["A", "B", "C"]);
    expect(store.commits.flatMap((c) => c.records.map((r) => r.nativeKey))).toEqual(["A", "B", "C"]);
  });

  it("stops between pages when aborted and records the run as failed", async () => {
    const store = new MemorySyncStore();
    const controller = new AbortController();
    const connector = new ScriptedConnector("plan", [page(0, [rec("A")]), page(1, [rec("B")])]);
    connector.onPage = (i) => {
      if (i === 0) queueMicrotask(() => controller.abort(new Error("shutting down")));
    };

    const error = await runSync(connector, store, { now: clock(), signal: controller.signal }).catch(
      (e: unknown) => e,
    );

    expect(error).toMatchObject({ code: "sync_aborted" });
    expect(await store.readCursor("plan")).toBe(1);
    expect(store.runs.at(-1)?.status).toBe("failed");
  });
});

class SourceLooksBrokenError extends SightlineError {
  readonly pausesSync = true;
  constructor() {
    super("header_missing", 'required header "Due" is missing (closest: "Due date")');
  }
}

describe("runSync: a connector that says the source looks broken", () => {
  it("pauses instead of failing, keeps the pages written, deletes nothing and keeps the cursor", async () => {
    const store = new MemorySyncStore();
    const connector = new ScriptedConnector("plan", [
      page(0, [rec("A"), rec("B")], { snapshotComplete: true }),
    ]);
    await runSync(connector, store, { now: clock() });
    connector.setPages([page(0, [rec("A")]), page(1, [rec("C")], { snapshotComplete: true })]);
    connector.failAtPage = { index: 1, error: new SourceLooksBrokenError() };

    const report = await runSync(connector, store, { now: clock() });

    expect(report.paused).toBe('required header "Due" is missing (closest: "Due date")');
    expect(report.removed).toBe(0);
    expect([...store.active("plan").keys()].sort()).toEqual(["A", "B"]);
    expect(store.runs.at(-1)).toMatchObject({ status: "paused", message: report.paused });
    expect(await store.readCursor("plan")).toBe(1);
  });

  it("still fails on an ordinary connector error", async () => {
    const store = new MemorySyncStore();
    const connector = new ScriptedConnector("plan", [page(0, [rec("A")])]);
    connector.failAtPage = { index: 0, error: new SightlineError("http_500", "server error") };
    await expect(runSync(connector, store, { now: clock() })).rejects.toBeInstanceOf(SyncError);
    expect(store.runs.at(-1)).toMatchObject({ status: "failed" });
  });
});
