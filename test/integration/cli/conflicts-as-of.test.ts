import { describe, expect, it } from "vitest";
import { freshDb, runCli } from "./cli-harness.js";

interface Row {
  actionId: string;
  type: string;
  daysShort: number;
  asOf: string;
  status: string;
}
const rows = (out: string) => JSON.parse(out) as Row[];
const qa = (list: Row[]) => list.find((c) => c.actionId === "mail-actions:QA-9" && c.type === "schedule");

describe("sightline conflicts: the recorded state, as of the day it was reconciled on", () => {
  it("shows what the last reconcile recorded whatever today is, and recomputes only with --today", async () => {
    const db = freshDb();
    // The demo reconciles on 12 Jan 2026 and records it; the calendar says 20 Apr when we ask.
    expect((await runCli(["--db", db, "demo"])).code).toBe(0);
    const late = { SIGHTLINE_TODAY: "2026-04-20" };

    const recorded = await runCli(["--db", db, "conflicts", "--json"], late);
    expect(recorded.code, recorded.err).toBe(0);
    const stored = rows(recorded.out);
    expect(stored.length).toBeGreaterThan(0);
    expect(new Set(stored.map((c) => c.asOf))).toEqual(new Set(["2026-01-12"]));
    expect(qa(stored)).toMatchObject({ daysShort: 40, status: "open" });

    const text = await runCli(["--db", db, "conflicts"], late);
    expect(text.out.split("\n")[0]).toMatch(/^Conflicts as of 2026-01-12 \(recorded by `reconcile` at .+\)$/);

    // --today alone recomputes on the pinned day; the recorded state is left as it was.
    const recomputed = rows((await runCli(["--db", db, "conflicts", "--json", "--today"], late)).out);
    expect(new Set(recomputed.map((c) => c.asOf))).toEqual(new Set(["2026-04-20"]));
    expect(qa(recomputed)?.daysShort).toBe(57);
    const recomputedText = await runCli(["--db", db, "conflicts", "--today", "2026-04-20"]);
    expect(recomputedText.out.split("\n")[0]).toBe(
      "Conflicts as of 2026-04-20 (recomputed now, not recorded)",
    );
    expect(rows((await runCli(["--db", db, "conflicts", "--json"], late)).out)).toEqual(stored);

    // A reconcile on the later day records it: now both agree.
    expect((await runCli(["--db", db, "reconcile"], late)).code).toBe(0);
    const after = rows((await runCli(["--db", db, "conflicts", "--json"])).out);
    expect(qa(after)).toMatchObject({ daysShort: 57, asOf: "2026-04-20" });
  });

  it("never answers with an all-clear before anything was reconciled", async () => {
    const db = freshDb();
    expect((await runCli(["--db", db, "sync"])).code).toBe(0);
    const run = await runCli(["--db", db, "conflicts"]);
    expect(run.code).toBe(2);
    expect(run.out).not.toContain("No conflicts");
    expect(run.err).toContain("no reconcile has been recorded in");
    expect(run.err).toContain("sightline conflicts --today");
  });
});
