import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import type { StoreDb } from "./db.js";
import { StoreError } from "./errors.js";
import { migrationsFolder } from "./migrations-folder.js";
import { createStore, type Store } from "./store.js";

/** Opens (creating if needed) a SQLite store at `path` or `:memory:` and brings its schema up to date. */
export function openStore(path: string): Store {
  let client: Database.Database;
  try {
    client = new Database(path);
  } catch (cause) {
    throw new StoreError("store_open_failed", `cannot open SQLite database ${path}`, { cause });
  }
  try {
    // https://github.com/WiseLibs/better-sqlite3/blob/master/docs/performance.md: WAL lets readers run beside
    // the one writer; synchronous=NORMAL is durable across process crashes in WAL mode, and busy_timeout makes
    // a second connection wait for the writer instead of failing with SQLITE_BUSY.
    client.pragma("journal_mode = WAL");
    client.pragma("busy_timeout = 5000");
    client.pragma("foreign_keys = ON");
    client.pragma("synchronous = NORMAL");
    // https://www.sqlite.org/pragma.html#pragma_wal_autocheckpoint: each checkpoint fsyncs; at the default
    // 1000 pages a 100k-action first sync checkpoints ~15 times and spends ~15% of its time there. 4000 pages
    // (16 MiB of WAL) keeps that to a few while bounding the WAL a reader has to consult.
    client.pragma("wal_autocheckpoint = 4000");
    const db: StoreDb = drizzle({ client });
    // https://orm.drizzle.team/docs/migrations: applies the checked-in migrations not yet recorded in
    // __drizzle_migrations, so re-opening an up-to-date file changes nothing.
    migrate(db, { migrationsFolder: migrationsFolder() });
    return createStore(db);
  } catch (cause) {
    client.close();
    if (cause instanceof StoreError) throw cause;
    throw new StoreError("store_open_failed", `cannot prepare SQLite database ${path}`, { cause });
  }
}
