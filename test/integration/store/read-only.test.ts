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
  it("reads what is committed and leaves the database file byte for byte as it was", () => {
    const { store, file } = freshStore();
    store.upsertActions(SRC, [rec("PAY-1"), rec("PAY-2")], T1);
    store.close();
    const before = digest(file);

    const reader = trackStore(openStore(file, { readOnly: true }));
    expect(reader.loadActions().map((a) => a.id)).toEqual(["jira-eng:PAY-1", "jira-eng:PAY-2"]);
    expect(() => reader.upsertActions(SRC, [rec("PAY-3")], T1)).toThrow(/readonly/i);
    reader.close();

    expect(digest(file)).toBe(before);
  });

  it("reads beside a writer that holds its write transaction open", () => {
    const { store: writer, file } = freshStore();
    writer.upsertActions(SRC, [rec("PAY-1")], T1);
    const reader = trackStore(openStore(file, { readOnly: true }));
    writer.db.$client
      .transaction(() => {
        writer.upsertActions(SRC, [rec("PAY-1", { title: "Uncommitted" })], T1);
        expect(reader.getAction("jira-eng:PAY-1")?.title).toBe("Work PAY-1");
      })
      .immediate();
    expect(reader.getAction("jira-eng:PAY-1")?.title).toBe("Uncommitted");
  });

  it("refuses a path with no database instead of creating an empty one", () => {
    const file = join(tempDir(), "typo.db");
    expect(() => openStore(file, { readOnly: true })).toThrow(
      expect.objectContaining({ code: "store_missing", message: expect.stringContaining(file) }),
    );
    expect(() => readFileSync(file)).toThrow(/ENOENT/);
  });

  it("refuses a SQLite file this version has not migrated, naming the command that fixes it", () => {
    const file = join(tempDir(), "other.db");
    const other = new Database(file);
    other.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY)");
    other.close();

    expect(() => openStore(file, { readOnly: true })).toThrow(
      expect.objectContaining({
        code: "store_outdated",
        message: expect.stringMatching(/0 of \d+ migrations/),
      }),
    );
  });

  it("says a file that is not a database is not one", () => {
    const file = join(tempDir(), "notes.db");
    writeFileSync(file, "these are my notes, not a database\n".repeat(200));
    for (const readOnly of [true, false]) {
      expect(() => openStore(file, { readOnly })).toThrow(
        expect.objectContaining({ code: "store_open_failed", message: `${file} is not a SQLite database` }),
      );
    }
    expect(readFileSync(file, "utf8")).toMatch(/^these are my notes/);
  });
});
