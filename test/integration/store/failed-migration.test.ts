import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { migrationsFolder } from "../../../src/store/migrations-folder.js";
import { ADAPTER, count, freshStore, rawRows, rec, reopenStore, SRC, tempDir } from "./helpers.js";

const T1 = "2026-01-05T10:00:00.000Z";

/**
 * The checked-in migrations plus a new one that creates a table, alters another, then fails on its third
 * statement: what an upgrade with a bad migration (or a database that rejects one) looks like.
 */
const checkedIn = () =>
  (
    JSON.parse(
      readFileSync(
        join(
          migrationsFolder(import.meta.url, ADAPTER === "pg" ? "drizzle-pg" : "drizzle"),
          "meta",
          "_journal.json",
        ),
        "utf8",
      ),
    ) as { entries: unknown[] }
  ).entries.length;

function foldersWithBrokenMigration(): string {
  const folder = join(tempDir(), "migrations");
  cpSync(migrationsFolder(import.meta.url, ADAPTER === "pg" ? "drizzle-pg" : "drizzle"), folder, {
    recursive: true,
  });
  writeFileSync(
    join(folder, "0099_broken.sql"),
    [
      "CREATE TABLE half_done (id integer PRIMARY KEY);",
      "ALTER TABLE actions ADD COLUMN half_column text;",
      "INSERT INTO no_such_table (x) VALUES (1);",
    ].join("\n--> statement-breakpoint\n"),
  );
  const journalFile = join(folder, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalFile, "utf8")) as { entries: object[] };
  journal.entries.push({
    idx: journal.entries.length,
    version: "7",
    when: Date.now(),
    tag: "0099_broken",
    breakpoints: true,
  });
  writeFileSync(journalFile, JSON.stringify(journal));
  return folder;
}

describe("a migration that fails", () => {
  it("leaves the database as it was, and the store still opens on the migrations that work", async () => {
    const { store } = await freshStore();
    await store.actions.upsert(SRC, [rec("PAY-1")], T1);
    const before = await rawRows(store, "select id, title from actions");

    const error = await reopenStore(store, { migrationsFolder: foldersWithBrokenMigration() }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ name: "StoreError" });
    expect(String((error as Error).message)).toMatch(/no_such_table/);

    // Nothing of the failed migration stayed: no table, no column, no record of it having run.
    const pg = ADAPTER === "pg";
    const tables = pg
      ? "information_schema.tables where table_schema = current_schema() and table_name = 'half_done'"
      : "sqlite_master where name = 'half_done'";
    expect(await count(store, tables)).toBe(0);
    const column = pg
      ? "information_schema.columns where table_schema = current_schema() and table_name = 'actions' and column_name = 'half_column'"
      : "pragma_table_info('actions') where name = 'half_column'";
    expect(await count(store, column)).toBe(0);
    // Every checked-in migration applied, the broken one not.
    expect(await count(store, "__drizzle_migrations")).toBe(checkedIn());
    expect(await rawRows(store, "select id, title from actions")).toEqual(before);

    const again = await reopenStore(store);
    expect((await again.actions.list()).map((a) => a.id)).toEqual(["jira-eng:PAY-1"]);
  });
});
