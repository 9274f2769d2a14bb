import { describe, expect, it } from "vitest";
import { freshDb, runCli } from "./cli-harness.js";

describe("SIGHTLINE_TODAY", () => {
  it("pins the calendar day of every command, as --today does for one", async () => {
    const db = freshDb();
    expect((await runCli(["--db", db, "sync"])).code).toBe(0);
    const early = await runCli(["--db", db, "conflicts", "--json", "--today"], {
      SIGHTLINE_TODAY: "2026-01-12",
    });
    const late = await runCli(["--db", db, "conflicts", "--json", "--today"], {
      SIGHTLINE_TODAY: "2026-06-30",
    });
    expect(early.code, early.err).toBe(0);
    expect(early.out).toBe((await runCli(["--db", db, "conflicts", "--json", "--today", "2026-01-12"])).out);
    expect(late.out).toBe((await runCli(["--db", db, "conflicts", "--json", "--today", "2026-06-30"])).out);
    // By the end of June everything upstream is overdue: the same conflicts, later dates.
    expect(late.out).not.toBe(early.out);
  });

  it("refuses a day that is not one, before opening anything", async () => {
    const run = await runCli(["--db", freshDb(), "reconcile"], { SIGHTLINE_TODAY: "2026-02-30" });
    expect(run.code).not.toBe(0);
    expect(run.err).toContain('SIGHTLINE_TODAY: expected a calendar date YYYY-MM-DD, got "2026-02-30"');
  });
});
