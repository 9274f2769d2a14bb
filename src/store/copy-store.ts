import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import { getTableConfig, type PgTable } from "drizzle-orm/pg-core";
import { StoreError } from "./errors.js";
import { openSqliteReader } from "./open-store.js";
import { connectPg, type PgStoreOptions, redactDatabaseUrl } from "./pg/open-pg-store.js";
import { insertColumns, type PgQuery, poolTransactions } from "./pg/pg-db.js";
import * as pgSchema from "./pg/schema.js";

export interface CopyReport {
  /** Rows per table, in the order they were copied; the target holds exactly these counts. */
  tables: { name: string; rows: number }[];
}

/** How a column travels in an `unnest` array: the schemas only use these three types. */
const ARRAY_TYPES: Record<string, "text" | "int4" | "float8"> = {
  text: "text",
  integer: "int4",
  serial: "int4",
  "double precision": "float8",
};

interface TablePlan {
  name: string;
  columns: { name: string; type: "text" | "int4" | "float8"; serial: boolean }[];
}

/** Every table of the schema, each after the tables its foreign keys point at. */
function tablePlans(): TablePlan[] {
  const configs = Object.values(pgSchema).map((t) => getTableConfig(t as PgTable));
  const ordered: typeof configs = [];
  const placed = new Set<string>();
  while (ordered.length < configs.length) {
    const before = ordered.length;
    for (const c of configs) {
      if (placed.has(c.name)) continue;
      const needs = c.foreignKeys.map((fk) => getTableConfig(fk.reference().foreignTable).name);
      if (needs.every((n) => n === c.name || placed.has(n))) {
        ordered.push(c);
        placed.add(c.name);
      }
    }
    if (ordered.length === before) throw new Error("the store schema's foreign keys form a cycle");
  }
  return ordered.map((c) => ({
    name: c.name,
    columns: c.columns.map((col) => {
      const type = ARRAY_TYPES[col.getSQLType()];
      if (type === undefined) throw new Error(`${c.name}.${col.name}: no copy rule for ${col.getSQLType()}`);
      return { name: col.name, type, serial: col.getSQLType() === "serial" };
    }),
  }));
}

const ROWS_PER_BATCH = 5000;
const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Moves a SQLite store into an empty PostgreSQL one: every table, history and alert ledger included, values
 * byte for byte (both schemas keep dates, instants and JSON as text), in one transaction on the target. The
 * source is read in one read transaction, so a sync running beside the copy cannot tear it; the target is
 * migrated first and must hold no rows (a copy never merges into a store in use). Row ids are kept and the
 * serial sequences moved past them, so history written after the copy continues the same numbering.
 */
export async function copySqliteToPostgres(
  fromPath: string,
  toUrl: string,
  opts: PgStoreOptions = {},
): Promise<CopyReport> {
  const source = openSqliteReader(fromPath);
  let target: Awaited<ReturnType<typeof connectPg>> | undefined;
  try {
    target = await connectPg(toUrl, opts);
    const { pool } = target;
    const plans = tablePlans();
    const transact = poolTransactions(pool, (client) => drizzle({ client }));
    source.exec("BEGIN");
    try {
      return await transact(async (tx) => {
        // Writers (a worker someone forgot to stop, a second copy) wait until this one commits or fails.
        await tx.execute(
          sql.raw(`lock table ${plans.map((p) => quote(p.name)).join(", ")} in exclusive mode`),
        );
        await assertEmpty(tx, plans, toUrl);
        const tables: CopyReport["tables"] = [];
        for (const plan of plans) tables.push({ name: plan.name, rows: await copyTable(source, tx, plan) });
        return { tables };
      });
    } finally {
      source.exec("COMMIT");
    }
  } finally {
    source.close();
    await target?.pool.end();
  }
}

async function assertEmpty(tx: PgQuery, plans: readonly TablePlan[], toUrl: string): Promise<void> {
  const used: string[] = [];
  for (const plan of plans) {
    const res = await tx.execute(sql.raw(`select exists (select 1 from ${quote(plan.name)}) as used`));
    if ((res.rows[0] as { used?: boolean } | undefined)?.used) used.push(plan.name);
  }
  if (used.length > 0) {
    throw new StoreError(
      "store_not_empty",
      `${redactDatabaseUrl(toUrl)} already holds a Sightline store (rows in ${used.join(", ")}): a copy only goes into an empty one; use a new database or schema`,
    );
  }
}

async function copyTable(
  source: ReturnType<typeof openSqliteReader>,
  tx: PgQuery,
  plan: TablePlan,
): Promise<number> {
  const names = plan.columns.map((c) => quote(c.name)).join(", ");
  const rows = source
    .prepare(`select ${names} from ${quote(plan.name)} order by rowid`)
    .raw()
    .iterate();
  const columns = plan.columns.map((c) => [c.name, c.type] as const);
  let batch: unknown[][] = [];
  let copied = 0;
  for (const row of rows as IterableIterator<unknown[]>) {
    batch.push(row);
    if (batch.length < ROWS_PER_BATCH) continue;
    await insertColumns(tx, plan.name, columns, batch);
    copied += batch.length;
    batch = [];
  }
  await insertColumns(tx, plan.name, columns, batch);
  copied += batch.length;
  for (const c of plan.columns.filter((col) => col.serial)) {
    // https://www.postgresql.org/docs/15/functions-sequence.html: the next id is one past the largest copied.
    await tx.execute(
      sql.raw(
        `select setval(pg_get_serial_sequence('${quote(plan.name)}', '${c.name}'), coalesce((select max(${quote(c.name)}) from ${quote(plan.name)}), 0) + 1, false)`,
      ),
    );
  }
  return copied;
}
