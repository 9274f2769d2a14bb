import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { freshDb, runCli } from "./cli-harness.js";

describe("sightline db migrate", () => {
  it("creates a new SQLite store and says it is up to date, then changes nothing on a second run", async () => {
    const db = freshDb();
    const first = await runCli(["--db", db, "db", "migrate"]);
    expect(first.code, first.err).toBe(0);
    expect(first.out).toBe(`${db}: up to date (0 connector instance(s) recorded)\n`);
    expect(existsSync(db)).toBe(true);
    await runCli(["--db", db, "sync", "--connector", "demo-plan"]);
    const again = await runCli(["--db", db, "db", "migrate"]);
    expect(again.out).toContain("up to date (1 connector instance(s) recorded)");
  });

  it("names a PostgreSQL it cannot reach without printing the password", async () => {
    const url = "postgres://sightline:pw-not-to-print@127.0.0.1:1/sightline";
    const run = await runCli(["--db", url, "db", "migrate"]);
    expect(run.code).not.toBe(0);
    expect(run.err).toContain("cannot reach PostgreSQL at postgres://sightline:***@127.0.0.1:1/sightline");
    expect(run.err).not.toContain("pw-not-to-print");
  });
});
