import { describe, expect, it } from "vitest";
import { freshDb, runCli } from "./cli-harness.js";

describe("sightline demo on the embedded default", () => {
  it("tells the fintech launch story, then announces nothing new on a second run", async () => {
    const db = freshDb();
    const first = await runCli(["--db", db, "demo"]);
    expect(first.code, first.err).toBe(0);
    expect(first.out).toContain(
      "Backend API integration: due moved 20 Feb 2026 → 3 Apr 2026 on 12 Jan 2026 (jira-eng)",
    );
    // QA's reply on 8 Jan moved its sign-off by four days; the 12 Jan sync of the inbox is what saw it.
    expect(first.out).toContain(
      "QA sign-off for Instant Payouts: due moved 6 Mar 2026 → 10 Mar 2026 on 8 Jan 2026 (mail-actions)",
    );
    expect(first.out).toContain(
      "11 actions from 4 tools (demo-plan 3, jira-eng 3, mail-actions 1, mkt-plan 4)",
    );
    expect(first.out).toMatch(
      /path: Backend API integration → QA sign-off for Instant Payouts → Go-to-market campaign\n/,
    );
    // Each KPI once (summing conflicts said €706,000), and the report's headline for the story's week.
    expect(first.out).toContain("Total at risk: €306,500");
    expect(first.out).toContain(
      "Weekly report, 2026-W03: €306,500 at risk; this week's slips: Backend API integration (Priya Raman) behind 7 conflicts",
    );
    expect(first.out).toContain("ownership vacuum");
    expect(first.out).toContain("unlinked kpi");
    const delivered = /(\d+) messages for (\d+) alerts/.exec(first.out);
    expect(Number(delivered?.[1])).toBeGreaterThan(0);

    const second = await runCli(["--db", db, "demo"]);
    expect(second.code, second.err).toBe(0);
    expect(second.out).toContain("0 new, 0 changed, 0 cleared");
    expect(second.out).toContain("Nothing new to tell anyone");
    expect(second.out).not.toContain(" reads about ");
    // Same conflicts both times: the section between the headings is identical but for the summary line.
    const conflictsOf = (out: string) =>
      out.split("2. Conflicts")[1]?.split("3. Value at risk")[0]?.split("\n").slice(3);
    expect(conflictsOf(second.out)).toEqual(conflictsOf(first.out));
  });
});

describe("sightline conflicts --json", () => {
  it("prints the documented fields with root cause, path and value at risk", async () => {
    const db = freshDb();
    expect((await runCli(["--db", db, "demo"])).code).toBe(0);
    const run = await runCli(["--db", db, "conflicts", "--json", "--today", "2026-01-12"]);
    expect(run.code, run.err).toBe(0);
    const conflicts = JSON.parse(run.out) as Record<string, unknown>[];
    const campaign = conflicts.find((c) => c.actionId === "mkt-plan:MKT-7" && c.type === "schedule");
    expect(campaign).toMatchObject({
      severity: "critical",
      dependencyId: "mail-actions:QA-9",
      rootCauseId: "jira-eng:PAY-142",
      path: ["jira-eng:PAY-142", "mail-actions:QA-9", "mkt-plan:MKT-7"],
      plannedDate: "2026-03-09",
      // The API finishes 3 Apr, so QA (15 days: 23 Feb to 10 Mar) starts 4 Apr and finishes 19 Apr.
      earliestDate: "2026-04-20",
      daysShort: 42,
      // Its KPIs land 42 days (ARR, €4,000/day) and 29 days (sign-ups, €2,500/day) late: the KPIs' delays,
      // not the conflict's 42 days short × the sum of their costs.
      kpiImpact: [
        { key: "arr-payouts", delayDays: 42, valueAtRisk: 168_000 },
        { key: "merchant-signups", delayDays: 29, valueAtRisk: 72_500 },
      ],
      valueAtRisk: 168_000 + 72_500,
      // QA must finish the day before the campaign starts for the campaign's plan to hold.
      facts: expect.objectContaining({ neededBy: "2026-03-08", neededFor: "finish" }),
    });
    expect(campaign?.notify).toEqual(expect.arrayContaining(["camille", "tomasz", "priya"]));
    for (const c of conflicts) {
      for (const field of [
        "type",
        "severity",
        "fingerprint",
        "actionId",
        "path",
        "daysShort",
        "valueAtRisk",
        "notify",
        "message",
      ]) {
        expect(c).toHaveProperty(field);
      }
    }
  });

  it("forecasts an overdue dependency to finish today when reconciled later", async () => {
    const db = freshDb();
    await runCli(["--db", db, "demo"]);
    const later = JSON.parse(
      (await runCli(["--db", db, "conflicts", "--json", "--today", "2026-04-20"])).out,
    ) as {
      actionId: string;
      type: string;
      daysShort: number;
    }[];
    // On 20 Apr the API (due 3 Apr) is overdue, so it is forecast to finish today and QA slips further.
    const qa = later.find((c) => c.actionId === "mail-actions:QA-9" && c.type === "schedule");
    expect(qa?.daysShort).toBe(57);
  });
});

describe("bad input on the command line", () => {
  it("names the config file, the path inside it and what was expected", async () => {
    const run = await runCli(["--config", "test/integration/cli/fixtures/bad.config.yaml", "actions"]);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/bad\.config\.yaml/);
    expect(run.err).toMatch(/organisation\.timeZone/);
  });

  it("rejects a malformed --today", async () => {
    const run = await runCli(["--db", freshDb(), "conflicts", "--today", "12/01/2026"]);
    expect(run.code).not.toBe(0);
    expect(run.err).toContain("expected a calendar date YYYY-MM-DD");
    expect(run.err).toContain("--today");
  });
});

describe("sightline sync --full", () => {
  it("re-reads every Jira issue instead of what changed since the last run", async () => {
    const db = freshDb();
    await runCli(["--db", db, "sync", "--connector", "jira-eng"]);

    const incremental = await runCli(["--db", db, "sync", "--connector", "jira-eng"]);
    const full = await runCli(["--db", db, "sync", "--connector", "jira-eng", "--full"]);

    expect(incremental.out).toContain("0 new, 0 changed, 1 unchanged");
    expect(full.out).toContain("0 new, 0 changed, 3 unchanged");
  });
});
