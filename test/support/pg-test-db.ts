import { randomBytes } from "node:crypto";
import pg from "pg";

/**
 * The PostgreSQL every store test on the server database uses: the machine's local server (trust auth), its
 * `test` database, and a schema of each test's own with a random name, dropped afterwards. Nothing else in
 * the database is touched, so tests never disturb another run.
 */
export const PG_TEST_URL = process.env.SIGHTLINE_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export function randomSchema(): string {
  return `sl_test_${randomBytes(6).toString("hex")}`;
}

/** Runs one statement on a connection of the test's own, in `schema`. */
export async function pgQuery(schema: string, text: string, params: unknown[] = []): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: PG_TEST_URL, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    return (await client.query(text, params)).rows;
  } finally {
    await client.end();
  }
}

export async function dropSchema(schema: string): Promise<void> {
  await pgQuery("public", `drop schema if exists "${schema}" cascade`);
}
