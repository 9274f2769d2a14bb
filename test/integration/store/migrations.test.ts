import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { migrationsFolder, openStore } from "../../../src/store/index.js";
import { count, freshStore, rawRows, rec, SRC, tempDir, trackStore } from "./helpers.js";

const Journal = z.object({ entries: z.array(z.object({ tag: z.string() })) });
const Names = z.array(z.object({ name: z.string() }));

describe("openStore and migrations", () => {
  const cwd = process.cwd();
  afterEach(() => process.chdir(cwd));

  it("creates every table on a new file, in WAL mode", async () => {
    const { store } = await freshStore();
    const tables = Names.parse(
      await rawRows(store, "select name from sqlite_master where type = 'table' order by name"),
    ).map((t) => t.name);
    expect(tables).toEqual(
      expect.arrayContaining([
        "actions",
        "action_events",
        "dependencies",
        "people",
        "teams",
        "kpis",
        "conflicts",
        "dependency_overrides",
        "sync_state",
        "quarantine",
        "alert_ledger",
        "reconcile_runs",
      ]),
    );
    // The journal mode is a property of the file; the per-connection settings (busy timeout, foreign keys) are
    // shown by behaviour: test/integration/cli/concurrent-runs.test.ts has writers wait for each other.
    expect(await rawRows(store, "pragma journal_mode")).toEqual([{ journal_mode: "wal" }]);
  });

  it("records each checked-in migration once; re-opening applies nothing and keeps the data", async () => {
    const { store, file } = await freshStore();
    const journal = Journal.parse(
      JSON.parse(readFileSync(join(migrationsFolder(), "meta", "_journal.json"), "utf8")),
    );
    expect(journal.entries.length).toBeGreaterThan(0);
    expect(await count(store, "__drizzle_migrations")).toBe(journal.entries.length);
    await store.actions.upsert(SRC, [rec("PAY-1")], "2026-01-05T10:00:00.000Z");
    await store.close();

    const again = trackStore(await openStore(file), file);
    expect(await count(again, "__drizzle_migrations")).toBe(journal.entries.length);
    expect((await again.actions.get("jira-eng:PAY-1"))?.title).toBe("Work PAY-1");
  });

  it("finds its migrations whatever the working directory is", async () => {
    const dir = tempDir();
    process.chdir(dir);
    const store = trackStore(await openStore(join(dir, "elsewhere.db")));
    expect(await store.actions.list()).toEqual([]);
    expect(migrationsFolder()).toMatch(/drizzle$/);
  });

  it("resolves the folder from the module's own location, as in a build under dist/", () => {
    const root = tempDir();
    mkdirSync(join(root, "drizzle", "meta"), { recursive: true });
    writeFileSync(join(root, "drizzle", "meta", "_journal.json"), "{}");
    mkdirSync(join(root, "dist", "src", "store"), { recursive: true });
    const moduleUrl = pathToFileURL(join(root, "dist", "src", "store", "migrations-folder.js")).href;
    expect(migrationsFolder(moduleUrl)).toBe(join(root, "drizzle"));

    const orphan = tempDir();
    expect(() => migrationsFolder(pathToFileURL(join(orphan, "x.js")).href)).toThrow(
      expect.objectContaining({ code: "migrations_missing" }),
    );
  });

  it("works in memory", async () => {
    const store = trackStore(await openStore(":memory:"));
    expect((await store.actions.upsert(SRC, [rec("PAY-1")], "2026-01-05T10:00:00.000Z")).inserted).toEqual([
      "jira-eng:PAY-1",
    ]);
  });

  it("names the file when it cannot be opened", async () => {
    const dir = tempDir();
    await expect(openStore(join(dir, "missing", "sub", "x.db"))).rejects.toThrow(/missing\/sub\/x\.db/);
  });
});
