import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { openStore } from "../../../src/store/index.js";
import { migrationsFolder } from "../../../src/store/migrations-folder.js";
import { stableStringify } from "../../../src/store/stable-json.js";
import { conflict } from "./helpers.js";

/** The checked-in SQLite migrations up to the one before the outbox: a store as an earlier release left it. */
function beforeTheOutbox(): string {
  const folder = join(mkdtempSync(join(tmpdir(), "sightline-pre-outbox-")), "drizzle");
  cpSync(migrationsFolder(import.meta.url), folder, { recursive: true });
  const journalFile = join(folder, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalFile, "utf8")) as { entries: { tag: string }[] };
  journal.entries = journal.entries.filter((e) => e.tag === "0000_init");
  writeFileSync(journalFile, JSON.stringify(journal));
  return folder;
}

describe("upgrading a store recorded before the outbox", () => {
  it("owes, once, the live conflicts nobody was told about, and nothing for those already announced", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "sightline-backfill-")), "store.db");
    await (await openStore(file, { migrationsFolder: beforeTheOutbox() })).close();
    const db = new Database(file);
    const insert = db.prepare(
      "insert into conflicts (fingerprint, type, severity, action_id, payload, status, first_seen, last_seen) values (?, 'schedule', 'warning', 'mkt:MKT-7', ?, ?, ?, ?)",
    );
    const at = "2026-03-01T09:00:00.000Z";
    for (const [fp, status] of [
      ["schedule:never-told", "open"],
      ["schedule:told", "open"],
      ["schedule:gone", "resolved"],
    ] as const) {
      insert.run(fp, stableStringify(conflict(fp)), status, at, at);
    }
    db.prepare(
      "insert into alert_ledger (key, fingerprint, recipient, change_key, channel, status, sent_at) values ('k1', 'schedule:told', 'slack-dm:U1', 'opened', 'slack', 'sent', ?)",
    ).run(at);
    db.close();

    const store = await openStore(file);
    try {
      const owed = await store.conflicts.owedChanges();
      expect(owed.map((c) => [c.fingerprint, c.kind])).toEqual([["schedule:never-told", "opened"]]);
      expect(owed[0]?.after.fingerprint).toBe("schedule:never-told");
    } finally {
      await store.close();
    }
  });
});
