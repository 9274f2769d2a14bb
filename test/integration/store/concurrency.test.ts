import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { openStore } from "../../../src/store/index.js";
import { freshStore, rec, SRC, trackStore } from "./helpers.js";

const T1 = "2026-01-05T10:00:00.000Z";

describe("two connections on one file (WAL)", () => {
  it("see each other's commits", async () => {
    const { store: a, file } = await freshStore();
    const b = trackStore(await openStore(file), file);
    await a.actions.upsert(SRC, [rec("PAY-1")], T1);
    expect((await b.actions.get("jira-eng:PAY-1"))?.title).toBe("Work PAY-1");
    await b.sync.commitPage({
      source: SRC,
      records: [rec("PAY-2")],
      quarantined: [],
      removedKeys: [],
      people: [],
      kpis: [],
      cursor: { startAt: 2 },
      now: T1,
    });
    expect(await a.sync.readCursor("jira-eng")).toEqual({ startAt: 2 });
    expect(await a.sync.activeKeys("jira-eng")).toEqual(["PAY-1", "PAY-2"]);
  });

  it("let a reader read the last commit while another connection is mid-transaction", async () => {
    const { store: writer, file } = await freshStore();
    const reader = trackStore(await openStore(file), file);
    await writer.actions.upsert(SRC, [rec("PAY-1")], T1);
    // Another process's connection, holding its write transaction open.
    const other = new Database(file);
    other.exec("BEGIN IMMEDIATE");
    other.prepare("update actions set title = 'Uncommitted' where id = 'jira-eng:PAY-1'").run();
    // Not blocked by the open write transaction, and not seeing its uncommitted change.
    expect((await reader.actions.get("jira-eng:PAY-1"))?.title).toBe("Work PAY-1");
    other.exec("COMMIT");
    other.close();
    expect((await reader.actions.get("jira-eng:PAY-1"))?.title).toBe("Uncommitted");
  });
});
