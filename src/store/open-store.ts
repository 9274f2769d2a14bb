import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import type { StoreDb } from "./db.js";
import { StoreError } from "./errors.js";
import { migrationsFolder } from "./migrations-folder.js";
import { openPgStore } from "./pg/open-pg-store.js";
import type { Store } from "./port.js";
import { createSqliteStore } from "./sqlite-store.js";

export interface OpenStoreOptions {
  /** PostgreSQL only: a schema of its own instead of `public` (each test run uses a fresh one). */
  schema?: string;
  /** PostgreSQL only: the connections' application_name (pg_stat_activity). */
  applicationName?: string;
  /** PostgreSQL only: connections in the pool (10 by default). */
  poolSize?: number;
  /**
   * Open an existing, up-to-date store to read only: nothing is created, migrated or written, so a read
   * command can run beside a sync and a mistyped path is an error instead of an empty store.
   */
  readOnly?: boolean;
  /** The migrations to apply instead of the checked-in `drizzle/` (or `drizzle-pg/`) folder. */
  migrationsFolder?: string;
}

/** A `postgres://` or `postgresql://` URL selects the PostgreSQL adapter; anything else is a SQLite path. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/**
 * Opens the store and brings its schema up to date: on PostgreSQL for a `postgres://` URL (what several
 * processes on several machines share), else on a SQLite file at `path` or `:memory:` (creating it if needed).
 */
export async function openStore(path: string, opts: OpenStoreOptions = {}): Promise<Store> {
  if (isPostgresUrl(path)) return openPgStore(path, opts);
  if (opts.readOnly === true && path !== ":memory:") {
    const client = openSqliteReader(path);
    return createSqliteStore(drizzle({ client }));
  }
  let client: Database.Database;
  try {
    client = new Database(path);
  } catch (cause) {
    throw openError(path, cause, "cannot open SQLite database");
  }
  try {
    // https://github.com/WiseLibs/better-sqlite3/blob/master/docs/performance.md: WAL lets readers run beside
    // the one writer; synchronous=NORMAL is durable across process crashes in WAL mode, and busy_timeout makes
    // a second connection wait for the writer instead of failing with SQLITE_BUSY.
    client.pragma("busy_timeout = 5000");
    const db: StoreDb = drizzle({ client });
    client.pragma("foreign_keys = ON");
    client.pragma("synchronous = NORMAL");
    // https://www.sqlite.org/pragma.html#pragma_wal_autocheckpoint: each checkpoint fsyncs; at the default
    // 1000 pages a 100k-action first sync checkpoints ~15 times and spends ~15% of its time there. 4000 pages
    // (16 MiB of WAL) keeps that to a few while bounding the WAL a reader has to consult.
    client.pragma("wal_autocheckpoint = 4000");
    whileBusy(() => {
      client.pragma("journal_mode = WAL");
      // https://orm.drizzle.team/docs/migrations: applies the checked-in migrations not yet recorded in
      // __drizzle_migrations, so re-opening an up-to-date file changes nothing.
      migrate(db, { migrationsFolder: opts.migrationsFolder ?? migrationsFolder() });
    });
    return createSqliteStore(db);
  } catch (cause) {
    client.close();
    if (cause instanceof StoreError) throw cause;
    throw openError(path, cause, "cannot prepare SQLite database");
  }
}

/**
 * A connection that only reads an existing, up-to-date SQLite store: nothing is created or migrated, a missing
 * path is `store_missing` and an older file `store_outdated`, so a mistyped path never becomes an empty store.
 */
export function openSqliteReader(path: string): Database.Database {
  if (!existsSync(path)) {
    throw new StoreError(
      "store_missing",
      `no Sightline database at ${path}: run \`sightline sync\` first, or check --db / SIGHTLINE_DB / database.path`,
    );
  }
  let client: Database.Database;
  try {
    client = new Database(path, { readonly: true, fileMustExist: true });
  } catch (cause) {
    throw openError(path, cause, "cannot open SQLite database");
  }
  try {
    client.pragma("busy_timeout = 5000");
    assertUpToDate(client, path);
    return client;
  } catch (cause) {
    client.close();
    if (cause instanceof StoreError) throw cause;
    throw openError(path, cause, "cannot read SQLite database");
  }
}

const BUSY_FOR_MS = 10_000;

/**
 * Two processes opening a new file at once both migrate; drizzle's migrator starts a deferred transaction, and
 * SQLite answers the one whose read lock cannot become a write lock with SQLITE_BUSY at once, without waiting
 * the busy timeout. Trying again after a short pause finds the other's migrations applied. The migrator also
 * reads which migrations are applied before its transaction: the slower process may then replay one the other
 * just committed and fail with "already exists"; trying again reads the committed list and does nothing.
 */
function whileBusy(fn: () => void): void {
  const until = Date.now() + BUSY_FOR_MS;
  for (let pause = 20; ; pause = Math.min(pause * 2, 500)) {
    try {
      fn();
      return;
    } catch (error) {
      const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
      const busy = code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED");
      const cause =
        error instanceof Error && "cause" in error
          ? (error.cause as { code?: unknown } | undefined)
          : undefined;
      const busyCause = typeof cause?.code === "string" && cause.code.startsWith("SQLITE_BUSY");
      const raced = /already exists/.test(
        `${error instanceof Error ? error.message : ""} ${String(cause ?? "")}`,
      );
      if (!(busy || busyCause || raced) || Date.now() > until) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, pause);
    }
  }
}

/** A read-only open cannot migrate: a store older than this build is refused with the command that fixes it. */
function assertUpToDate(client: Database.Database, path: string): void {
  const journal = JSON.parse(readFileSync(join(migrationsFolder(), "meta", "_journal.json"), "utf8")) as {
    entries: unknown[];
  };
  const table = client
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'")
    .get();
  const applied =
    table === undefined
      ? 0
      : (client.prepare("SELECT count(*) AS n FROM __drizzle_migrations").get() as { n: number }).n;
  if (applied < journal.entries.length) {
    throw new StoreError(
      "store_outdated",
      `${path} is not a Sightline database of this version (${applied} of ${journal.entries.length} migrations applied): run \`sightline sync\` or \`sightline reconcile\` once to bring it up to date`,
    );
  }
}

/** SQLite's codes say why a file could not be opened or written; the message names the path and the fix. */
function openError(path: string, cause: unknown, what: string): StoreError {
  const code = typeof cause === "object" && cause !== null && "code" in cause ? String(cause.code) : "";
  if (code === "SQLITE_READONLY" || code.startsWith("SQLITE_READONLY_")) {
    return new StoreError(
      "store_read_only",
      `${path} is read-only for this process: Sightline writes to its database (and its -wal/-shm files beside it); give it write access or point --db elsewhere`,
      { cause },
    );
  }
  if (code === "SQLITE_CANTOPEN") {
    return new StoreError(
      "store_open_failed",
      `${what} ${path}: the file or its folder cannot be opened or created here (check the path and permissions)`,
      { cause },
    );
  }
  if (code === "SQLITE_NOTADB") {
    return new StoreError("store_open_failed", `${path} is not a SQLite database`, { cause });
  }
  const reason = cause instanceof Error ? `: ${cause.message}` : "";
  return new StoreError("store_open_failed", `${what} ${path}${reason}`, { cause });
}
