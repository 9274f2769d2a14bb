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

/**
 * A database of the test's own, for tests that run Sightline as a process (which works in `public` of the
 * database its URL names): created empty, dropped afterwards with any session still on it.
 */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = randomSchema();
  await pgQuery("public", `create database "${name}"`);
  const url = new URL(PG_TEST_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => pgQuery("public", `drop database if exists "${name}" with (force)`).then(() => undefined),
  };
}
