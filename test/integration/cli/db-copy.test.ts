import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { ActionRecordSchema } from "../../../src/model/index.js";
import { openStore, type Store } from "../../../src/store/index.js";
import { createTestDatabase } from "../../support/pg-test-db.js";
import { freshDb, runCli } from "./cli-harness.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

async function target(): Promise<string> {
  const db = await createTestDatabase();
  cleanups.push(db.drop);
  return db.url;
}

async function open(location: string, readOnly = false): Promise<Store> {
  const store = await openStore(location, { readOnly });
  cleanups.push(() => store.close());
  return store;
}

/** Everything a store answers, through the port: what must be the same after a copy. */
async function everything(store: Store) {
  const actions = await store.actions.list({ includeRemoved: true });
  const conflicts = await store.conflicts.list();
  return {
    actions,
    history: await Promise.all(actions.map((a) => store.actions.history(a.id))),
    conflicts,
    ledger: await store.alerts.entriesFor(conflicts.map((c) => c.fingerprint)),
    overrides: await store.conflicts.overrides(),
    directory: await store.directory.load(),
    kpis: await store.directory.loadKpis(),
    sync: await store.sync.states(),
    quarantine: await store.sync.quarantine(),
  };
}

describe("sightline db copy", () => {
  it("moves a SQLite store into an empty PostgreSQL, history and alert ledger included, and Sightline carries on there", async () => {
    const file = freshDb();
    expect((await runCli(["--db", file, "demo"])).code).toBe(0);
    const url = await target();

    const run = await runCli(["db", "copy", "--from", `sqlite:${file}`, "--to", url]);
    expect(run.code, run.err).toBe(0);
    const counted = Object.fromEntries(
      [...run.out.matchAll(/^(\w+)\s+(\d+)$/gm)].map((m) => [m[1] as string, Number(m[2])]),
    );
    const sqlite = new Database(file, { readonly: true });
    for (const table of [
      "actions",
      "action_events",
      "dependencies",
      "conflicts",
      "alert_ledger",
      "sync_state",
    ]) {
      const n = (sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
      expect([table, counted[table]]).toEqual([table, n]);
      expect(n).toBeGreaterThan(0);
    }
    sqlite.close();

    const before = await everything(await open(file, true));
    const copied = await open(url);
    expect(await everything(copied)).toEqual(before);

    // The ledger came along: a second demo run on PostgreSQL announces nothing.
    const second = await runCli(["--db", url, "demo"]);
    expect(second.code, second.err).toBe(0);
    expect(second.out).toContain("Nothing new to tell anyone");
    expect(second.out).toContain("0 new, 0 changed, 0 cleared");

    // History written after the copy continues the copied ids instead of colliding with them.
    const record = ActionRecordSchema.parse({
      nativeKey: "AFTER-1",
      title: "Written on PostgreSQL",
      status: "todo",
    });
    await copied.actions.upsert(
      { kind: "file", instance: "demo-plan" },
      [record],
      "2026-01-20T09:00:00.000Z",
    );
    expect((await copied.actions.history("demo-plan:AFTER-1")).map((e) => e.field)).toEqual(["created"]);
  });

  it("refuses a database that already holds a store, and leaves it as it was", async () => {
    const file = freshDb();
    expect((await runCli(["--db", file, "sync", "--connector", "demo-plan"])).code).toBe(0);
    const url = await target();
    expect((await runCli(["db", "copy", "--from", file, "--to", url])).code).toBe(0);
    const before = await everything(await open(url));

    const again = await runCli(["db", "copy", "--from", file, "--to", url]);
    expect(again.code).not.toBe(0);
    expect(again.err).toContain("already holds a Sightline store (rows in actions, action_events");
    expect(await everything(await open(url))).toEqual(before);
  });

  it("takes the target from SIGHTLINE_DATABASE_URL, and never a password on the command line", async () => {
    const file = freshDb();
    expect((await runCli(["--db", file, "sync", "--connector", "demo-plan"])).code).toBe(0);
    const url = await target();
    const fromEnv = await runCli(["db", "copy", "--from", file], { SIGHTLINE_DATABASE_URL: url });
    expect(fromEnv.code, fromEnv.err).toBe(0);
    expect(fromEnv.out).toMatch(
      /copied \d+ rows from .*sightline\.db to postgres:\/\/postgres@127\.0\.0\.1:5432\//,
    );

    const withPassword = await runCli([
      "db",
      "copy",
      "--from",
      file,
      "--to",
      "postgres://u:hunter2@127.0.0.1:1/x",
    ]);
    expect(withPassword.code).not.toBe(0);
    expect(withPassword.err).toContain("--to must not carry a password");
    expect(withPassword.err).not.toContain("hunter2");
  });

  it("names a missing source and a SQLite target", async () => {
    const missing = await runCli([
      "db",
      "copy",
      "--from",
      "/nonexistent/sightline.db",
      "--to",
      await target(),
    ]);
    expect(missing.code).not.toBe(0);
    expect(missing.err).toContain("no Sightline database at /nonexistent/sightline.db");
    const toSqlite = await runCli(["db", "copy", "--from", freshDb(), "--to", "/tmp/other.db"]);
    expect(toSqlite.code).not.toBe(0);
    expect(toSqlite.err).toContain("db copy writes to PostgreSQL");
  });
});
