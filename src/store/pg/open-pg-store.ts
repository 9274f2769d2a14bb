import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { redactUrl } from "../../model/index.js";
import { StoreError } from "../errors.js";
import { migrationsFolder } from "../migrations-folder.js";
import type { Store } from "../port.js";
import { createPgActions } from "./pg-actions.js";
import { createPgAlerts } from "./pg-alerts.js";
import { createPgConflicts } from "./pg-conflicts.js";
import { type PgDb, poolTransactions } from "./pg-db.js";
import { createPgDirectory } from "./pg-directory.js";
import { createPgReads } from "./pg-reads.js";
import { createPgRisk } from "./pg-risk.js";
import { createPgSync } from "./pg-sync.js";

export interface PgStoreOptions {
  /** Open to read only: no migration is applied (the schema must be up to date already). */
  readOnly?: boolean;
  /** A schema of its own (tests run each in a fresh one); `public` by default. */
  schema?: string;
  /** Connections in the pool; 10 by default. */
  poolSize?: number;
  /** How the connections show in pg_stat_activity; `sightline` by default. */
  applicationName?: string;
  /** The migrations to apply instead of the checked-in `drizzle-pg/` folder. */
  migrationsFolder?: string;
}

/** The URL without its password, for messages: errors name the host, never the secret. */
export function redactDatabaseUrl(url: string): string {
  return redactUrl(url, "(a database URL that does not parse)");
}

const COUNTED = new Set(["INSERT", "UPDATE", "DELETE"]);

/**
 * A pool on the database with the Sightline schema up to date: reachable (or a clear error naming the host,
 * never the password), migrated unless `readOnly`. `onClient` sees every connection the pool opens.
 */
export async function connectPg(
  url: string,
  opts: PgStoreOptions = {},
  onClient: (client: pg.PoolClient) => void = () => {},
): Promise<{ pool: pg.Pool; db: PgDb }> {
  const where = redactDatabaseUrl(url);
  const schema = opts.schema ?? "public";
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize ?? 10,
    application_name: opts.applicationName ?? "sightline",
    connectionTimeoutMillis: 10_000,
    // Every connection of the pool works in the store's schema.
    options: `-c search_path=${schema}`,
  });
  pool.on("connect", (client) => {
    // A client that loses its connection while idle emits "error"; the pool drops it and the next query gets a
    // fresh one, and a query that was running fails with its own error (so the job is retried).
    client.on("error", () => {});
    onClient(client);
  });
  // An idle client that loses its connection must not crash the process: the pool replaces it.
  pool.on("error", () => {});
  const db: PgDb = drizzle({ client: pool });
  try {
    await db.execute(sql`select 1`);
  } catch (cause) {
    await pool.end();
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new StoreError("store_open_failed", `cannot reach PostgreSQL at ${where}: ${reason}`, { cause });
  }
  try {
    if (!opts.readOnly) await migrateLocked(pool, schema, opts.migrationsFolder);
  } catch (cause) {
    await pool.end();
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new StoreError("store_open_failed", `cannot prepare the Sightline schema on ${where}: ${reason}`, {
      cause,
    });
  }
  return { pool, db };
}

/**
 * Opens the store on PostgreSQL through drizzle's node-postgres driver and a `pg` pool: a connection that dies
 * (a restart, pg_terminate_backend) is dropped by the pool and the next query opens a new one, so a process
 * outlives a database restart; the failed job is retried by its queue. Migrations run under an advisory lock,
 * each in a transaction, so two processes starting at once apply them once and a failed one changes nothing.
 */
export async function openPgStore(url: string, opts: PgStoreOptions = {}): Promise<Store> {
  let written = 0;
  // https://node-postgres.com/apis/pool#events: each new client's results count the rows writes touched.
  const { pool, db } = await connectPg(url, opts, (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const result = query(...args);
      if (result instanceof Promise) {
        return result.then((r: pg.QueryResult) => {
          if (r && COUNTED.has(r.command)) written += r.rowCount ?? 0;
          return r;
        });
      }
      return result;
    };
  });
  written = 0;
  const tx = poolTransactions(pool, (client) => drizzle({ client }));
  let closed = false;
  return {
    actions: createPgActions(db, tx),
    directory: createPgDirectory(db, tx),
    conflicts: createPgConflicts(db, tx),
    alerts: createPgAlerts(db),
    sync: createPgSync(db, tx),
    reads: createPgReads(db),
    risk: createPgRisk(db, tx),
    rowsWritten: async () => written,
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

async function migrateLocked(pool: pg.Pool, schema: string, folder?: string): Promise<void> {
  // One connection holds a session advisory lock around the migrator: a second process starting at the same
  // time waits, then finds everything applied.
  const client = await pool.connect();
  const lock = `sightline:migrate:${schema}`;
  try {
    await client.query("select pg_advisory_lock(hashtext($1))", [lock]);
    await client.query(`create schema if not exists "${schema.replace(/"/g, '""')}"`);
    // https://orm.drizzle.team/docs/migrations: applies, in one transaction, the checked-in migrations not yet
    // recorded in the schema's __drizzle_migrations table.
    await migrate(drizzle({ client }), {
      migrationsFolder: folder ?? migrationsFolder(import.meta.url, "drizzle-pg"),
      migrationsSchema: schema,
    });
  } finally {
    // A connection that broke mid-migration has lost its session lock already; the migration error is the one
    // worth reporting, so an unlock failure is not thrown over it.
    await client.query("select pg_advisory_unlock(hashtext($1))", [lock]).catch(() => undefined);
    client.release();
  }
}
