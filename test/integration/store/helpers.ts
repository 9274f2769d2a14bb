import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach } from "vitest";
import { z } from "zod";
import {
  type ActionRecord,
  type ActionRecordInput,
  ActionRecordSchema,
  type Conflict,
  ConflictSchema,
  ConflictTypeSchema,
} from "../../../src/model/index.js";
import { type OpenStoreOptions, openStore, type Store } from "../../../src/store/index.js";
import { factsFor } from "../../support/conflict-facts.js";
import { dropSchema, PG_TEST_URL, pgQuery, randomSchema } from "../../support/pg-test-db.js";

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});
/**
 * The store tests are the adapters' contract: vitest runs them on SQLite and again on PostgreSQL (the
 * `store-pg` project sets SIGHTLINE_TEST_STORE=pg). Files that test one adapter's own machinery run once.
 */
export const ADAPTER = process.env.SIGHTLINE_TEST_STORE === "pg" ? "pg" : "sqlite";
/** Where each store of a test lives (a SQLite file, or a PostgreSQL schema), so a test can look at its rows. */
const locations = new WeakMap<Store, { file: string } | { schema: string }>();

/** A fresh directory per test, removed afterwards (stores opened with `freshStore` are closed first). */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "sightline-store-test-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export async function freshStore(): Promise<{ store: Store; file: string; dir: string }> {
  const dir = tempDir();
  if (ADAPTER === "pg") {
    const schema = randomSchema();
    cleanups.push(() => dropSchema(schema));
    const store = await openStore(PG_TEST_URL, { schema });
    locations.set(store, { schema });
    cleanups.push(() => store.close());
    return { store, file: PG_TEST_URL, dir };
  }
  const file = join(dir, "sightline.db");
  const store = trackStore(await openStore(file), file);
  return { store, file, dir };
}

/**
 * Opens the database `store` lives on again (the same file or schema), as another process would; what the open
 * throws is thrown, a store that opens is closed after the test.
 */
export async function reopenStore(store: Store, opts: OpenStoreOptions = {}): Promise<Store> {
  const where = locations.get(store);
  if (where === undefined) throw new Error("reopenStore() needs a store opened by freshStore()");
  const other =
    "schema" in where
      ? await openStore(PG_TEST_URL, { ...opts, schema: where.schema })
      : await openStore(where.file, opts);
  locations.set(other, where);
  cleanups.push(() => other.close());
  return other;
}

/** Closes a store (another connection on a file) after the test. */
export function trackStore(store: Store, file?: string): Store {
  if (file !== undefined) locations.set(store, { file });
  cleanups.push(() => store.close());
  return store;
}

export const SRC = { kind: "jira", instance: "jira-eng" } as const;

export function rec(nativeKey: string, over: Partial<ActionRecordInput> = {}): ActionRecord {
  return ActionRecordSchema.parse({
    nativeKey,
    title: `Work ${nativeKey}`,
    status: "todo",
    start: "2026-02-01",
    due: "2026-02-20",
    kpis: ["KPI-1"],
    ...over,
  });
}

/** A detected conflict; `type` defaults to schedule, `facts` to plausible ones of the type. */
export function conflict(fingerprint: string, over: Record<string, unknown> = {}): Conflict {
  const type = ConflictTypeSchema.parse(over.type ?? "schedule");
  return ConflictSchema.parse({
    fingerprint,
    type: "schedule",
    severity: "warning",
    actionId: "mkt:MKT-7",
    actionIds: ["mkt:MKT-7"],
    dependencyId: "jira-eng:PAY-142",
    rootCauseId: "jira-eng:PAY-142",
    path: ["jira-eng:PAY-142", "mkt:MKT-7"],
    plannedDate: "2026-03-01",
    earliestDate: "2026-04-04",
    daysShort: 34,
    kpis: ["KPI-1"],
    valueAtRisk: 34000,
    notify: ["alice"],
    message: "campaign starts before the API is done",
    facts: factsFor(type),
    ...over,
  });
}

const Count = z.object({ n: z.number() });

/**
 * Rows of a query on the database the store was opened on (its SQLite file, or its PostgreSQL schema), read on
 * a connection of the test's own: how these tests look at what was written without a way into the store.
 */
export async function rawRows(store: Store, query: string, ...params: unknown[]): Promise<unknown[]> {
  const where = locations.get(store);
  if (where === undefined)
    throw new Error("rawRows() needs a store opened by freshStore() or trackStore(store, file)");
  if ("schema" in where) {
    // Positional `?` as in SQLite, numbered as PostgreSQL wants them.
    let n = 0;
    return pgQuery(
      where.schema,
      query.replace(/\?/g, () => `$${++n}`),
      params,
    );
  }
  const db = new Database(where.file, { readonly: true });
  try {
    return db.prepare(query).all(...params);
  } finally {
    db.close();
  }
}

export async function count(store: Store, table: string): Promise<number> {
  return Count.parse((await rawRows(store, `select cast(count(*) as integer) as n from ${table}`))[0]).n;
}

/** Rows inserted, updated or deleted by this store since it opened. */
export function totalChanges(store: Store): Promise<number> {
  return store.rowsWritten();
}
