import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { openStore } from "../../../src/store/index.js";
import { freshStore, rec, SRC, tempDir, trackStore } from "./helpers.js";

const T1 = "2026-01-05T10:00:00.000Z";
const digest = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

describe("opening a store to read only", () => {
  it("reads what is committed and leaves the database file byte for byte as it was", async () => {
    const { store, file } = await freshStore();
    await store.actions.upsert(SRC, [rec("PAY-1"), rec("PAY-2")], T1);
    await store.close();
    const before = digest(file);

    const reader = trackStore(await openStore(file, { readOnly: true }));
    expect((await reader.actions.list()).map((a) => a.id)).toEqual(["jira-eng:PAY-1", "jira-eng:PAY-2"]);
    await expect(reader.actions.upsert(SRC, [rec("PAY-3")], T1)).rejects.toThrow(/readonly/i);
    await reader.close();

    expect(digest(file)).toBe(before);
  });

  it("reads beside a writer that holds its write transaction open", async () => {
    const { store: writer, file } = await freshStore();
    await writer.actions.upsert(SRC, [rec("PAY-1")], T1);
    const reader = trackStore(await openStore(file, { readOnly: true }));
    const other = new Database(file);
    other.exec("BEGIN IMMEDIATE");
    other.prepare("update actions set title = 'Uncommitted' where id = 'jira-eng:PAY-1'").run();
    expect((await reader.actions.get("jira-eng:PAY-1"))?.title).toBe("Work PAY-1");
    other.exec("COMMIT");
    other.close();
    expect((await reader.actions.get("jira-eng:PAY-1"))?.title).toBe("Uncommitted");
  });

  it("refuses a path with no database instead of creating an empty one", async () => {
    const file = join(tempDir(), "typo.db");
    await expect(openStore(file, { readOnly: true })).rejects.toThrow(
      expect.objectContaining({ code: "store_missing", message: expect.stringContaining(file) }),
    );
    expect(() => readFileSync(file)).toThrow(/ENOENT/);
  });

  it("refuses a SQLite file this version has not migrated, naming the command that fixes it", async () => {
    const file = join(tempDir(), "other.db");
    const other = new Database(file);
    other.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY)");
    await other.close();

    await expect(openStore(file, { readOnly: true })).rejects.toThrow(
      expect.objectContaining({
        code: "store_outdated",
        message: expect.stringMatching(/0 of \d+ migrations/),
      }),
    );
  });

  it("says a file that is not a database is not one", async () => {
    const file = join(tempDir(), "notes.db");
    writeFileSync(file, "these are my notes, not a database\n".repeat(200));
    for (const readOnly of [true, false]) {
      await expect(openStore(file, { readOnly })).rejects.toThrow(
        expect.objectContaining({ code: "store_open_failed", message: `${file} is not a SQLite database` }),
      );
    }
    expect(readFileSync(file, "utf8")).toMatch(/^these are my notes/);
  });
});
