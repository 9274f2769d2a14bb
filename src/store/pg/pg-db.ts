import { asc, type SQL, sql } from "drizzle-orm";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { Pool, PoolClient } from "pg";

/** The drizzle handle on the pool; a transaction offers the same query builders. */
export type PgDb = NodePgDatabase<Record<string, never>>;
export type PgQuery = Pick<PgDb, "select" | "insert" | "update" | "delete" | "execute">;

/**
 * Text ordered byte-wise, as SQLite orders it: PostgreSQL's default collation follows the locale (`a-b` before
 * `aa` in en_US), and both adapters must list ids in the same order.
 */
export function byText(column: PgColumn): SQL {
  return asc(sql`${column} collate "C"`);
}

/** At most this many rows per multi-row INSERT: PostgreSQL binds at most 65,535 parameters per statement. */
export const ROWS_PER_INSERT = 1000;

export function chunks<T>(items: readonly T[], size = ROWS_PER_INSERT): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * A transaction-scoped advisory lock (https://www.postgresql.org/docs/15/functions-admin.html#FUNCTIONS-ADVISORY-LOCKS):
 * writers of the same thing (one connector instance's pages, the conflict set) take turns across processes and
 * machines; the lock goes with the transaction's commit or rollback.
 */
export async function lockFor(q: PgQuery, what: string): Promise<void> {
  await q.execute(sql`select pg_advisory_xact_lock(hashtext(${`sightline:${what}`}))`);
}

/** Runs `fn` in one transaction on one connection of the pool. */
export type Transact = <T>(fn: (tx: PgDb) => Promise<T>) => Promise<T>;

/**
 * Transactions on the pool, written here rather than with drizzle's `db.transaction`: that one issues BEGIN
 * outside its try block and hands a client back to the pool with `release()` whatever happened, so a
 * connection the server closed (a restart, pg_terminate_backend) is leaked on a failed BEGIN and returned to
 * the pool after a failed query. Here a client that failed is destroyed (`release(error)`,
 * https://node-postgres.com/apis/pool#releasing-clients) and the next transaction gets a fresh connection.
 */
export function poolTransactions(pool: Pool, connect: (client: PoolClient) => PgDb): Transact {
  return async (fn) => {
    const client = await pool.connect();
    let failure: Error | undefined;
    try {
      await client.query("begin");
      const result = await fn(connect(client));
      await client.query("commit");
      return result;
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
      // The rollback of a broken connection fails too; the error worth reporting is the first one.
      await client.query("rollback").catch(() => undefined);
      throw error;
    } finally {
      client.release(failure);
    }
  };
}

/**
 * A multi-row INSERT as `INSERT … SELECT * FROM unnest($1::text[], $2::int4[], …)`: one array parameter per
 * column, however many rows, so a 1,000-row page is one small statement whose text does not grow with the
 * rows (drizzle's `values([...])` binds and renders every value, which dominated a 100k-row first sync).
 * https://www.postgresql.org/docs/15/functions-array.html#ARRAY-FUNCTIONS-TABLE (unnest with several arrays)
 */
export async function insertColumns(
  q: PgQuery,
  table: string,
  columns: readonly (readonly [name: string, pgType: "text" | "int4" | "float8", ...unknown[]])[],
  rows: readonly (readonly unknown[])[],
): Promise<void> {
  if (rows.length === 0) return;
  for (const part of chunks(rows, 10_000)) {
    const arrays = columns.map((_, i) => part.map((row) => row[i] ?? null));
    const names = sql.raw(columns.map(([name]) => `"${name}"`).join(", "));
    const unnest = sql.join(
      columns.map(([, type], i) => sql`${sql.param(arrays[i])}::${sql.raw(type)}[]`),
      sql`, `,
    );
    await q.execute(sql`insert into ${sql.raw(`"${table}"`)} (${names}) select * from unnest(${unnest})`);
  }
}

/** `column = any($1::text[])`: one parameter for any number of keys, where `inArray` binds one per key. */
export function inTextArray(column: PgColumn, values: readonly string[]): SQL {
  return sql`${column} = any(${sql.param([...values])}::text[])`;
}
