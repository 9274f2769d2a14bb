import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { migrationsFolder, openStore } from "../../../src/store/index.js";
import { count, freshStore, rec, SRC, tempDir, trackStore } from "./helpers.js";

const Journal = z.object({ entries: z.array(z.object({ tag: z.string() })) });
const Names = z.array(z.object({ name: z.string() }));

describe("openStore and migrations", () => {
  const cwd = process.cwd();
  afterEach(() => process.chdir(cwd));

  it("creates every table on a new file, in WAL mode with foreign keys and a busy timeout", () => {
    const { store } = freshStore();
    const tables = Names.parse(
      store.db.$client.prepare("select name from sqlite_master where type = 'table' order by name").all(),
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
      ]),
    );
    const c = store.db.$client;
    expect(c.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(c.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(c.pragma("busy_timeout", { simple: true })).toBe(5000);
    expect(c.pragma("synchronous", { simple: true })).toBe(1); // NORMAL
    expect(c.pragma("wal_autocheckpoint", { simple: true })).toBe(4000);
  });

  it("records each checked-in migration once; re-opening applies nothing and keeps the data", () => {
    const { store, file } = freshStore();
    const journal = Journal.parse(
      JSON.parse(readFileSync(join(migrationsFolder(), "meta", "_journal.json"), "utf8")),
    );
    expect(journal.entries.length).toBeGreaterThan(0);
    expect(count(store, "__drizzle_migrations")).toBe(journal.entries.length);
    store.upsertActions(SRC, [rec("PAY-1")], "2026-01-05T10:00:00.000Z");
    store.close();

    const again = trackStore(openStore(file));
    expect(count(again, "__drizzle_migrations")).toBe(journal.entries.length);
    expect(again.getAction("jira-eng:PAY-1")?.title).toBe("Work PAY-1");
  });

  it("finds its migrations whatever the working directory is", () => {
    const dir = tempDir();
    process.chdir(dir);
    const store = trackStore(openStore(join(dir, "elsewhere.db")));
    expect(store.loadActions()).toEqual([]);
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

  it("works in memory", () => {
    const store = trackStore(openStore(":memory:"));
    expect(store.upsertActions(SRC, [rec("PAY-1")], "2026-01-05T10:00:00.000Z").inserted).toEqual([
      "jira-eng:PAY-1",
    ]);
  });

  it("names the file when it cannot be opened", () => {
    const dir = tempDir();
    expect(() => openStore(join(dir, "missing", "sub", "x.db"))).toThrow(/missing\/sub\/x\.db/);
  });
});
