import { describe, expect, it } from "vitest";
import { openStore } from "../../../src/store/index.js";
import { freshStore, rec, SRC, trackStore } from "./helpers.js";

const T1 = "2026-01-05T10:00:00.000Z";

describe("two connections on one file (WAL)", () => {
  it("see each other's commits", () => {
    const { store: a, file } = freshStore();
    const b = trackStore(openStore(file));
    a.upsertActions(SRC, [rec("PAY-1")], T1);
    expect(b.getAction("jira-eng:PAY-1")?.title).toBe("Work PAY-1");
    b.commitPage({
      source: SRC,
      records: [rec("PAY-2")],
      quarantined: [],
      removedKeys: [],
      people: [],
      kpis: [],
      cursor: { startAt: 2 },
      now: T1,
    });
    expect(a.readCursor("jira-eng")).toEqual({ startAt: 2 });
    expect(a.activeKeys("jira-eng")).toEqual(["PAY-1", "PAY-2"]);
  });

  it("let a reader read the last commit while another connection is mid-transaction", () => {
    const { store: writer, file } = freshStore();
    const reader = trackStore(openStore(file));
    writer.upsertActions(SRC, [rec("PAY-1")], T1);
    const tx = writer.db.$client.transaction(() => {
      writer.upsertActions(SRC, [rec("PAY-1", { title: "Uncommitted" })], T1);
      // Not blocked by the open write transaction, and not seeing its uncommitted change.
      expect(reader.getAction("jira-eng:PAY-1")?.title).toBe("Work PAY-1");
    });
    tx();
    expect(reader.getAction("jira-eng:PAY-1")?.title).toBe("Uncommitted");
  });
});
