import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ingestScenario } from "../../../src/cli/demo/replay-scenario.js";
import { loadDemoScenario } from "../../../src/config/index.js";
import { openContext } from "../../../src/jobs/app-context.js";
import { loadAppConfig } from "../../../src/jobs/load-app-config.js";
import { openStore } from "../../../src/store/index.js";
import { freshDb, runCli } from "../cli/cli-harness.js";

const root = join(import.meta.dirname, "..", "..", "..");
const configFile = join(root, "sightline.config.yaml");
const scenarioFile = join(root, "fixtures", "demo", "scenario.yaml");

const ConflictJson = z.array(
  z.looseObject({
    type: z.string(),
    actionId: z.string().nullable(),
    rootCauseId: z.string().nullable(),
    path: z.array(z.string()),
    notify: z.array(z.string()),
    daysShort: z.number().nullable(),
  }),
);

async function conflictsOf(db: string) {
  const run = await runCli(["--db", db, "conflicts", "--json", "--today", "2026-01-12"]);
  expect(run.code, run.err).toBe(0);
  return ConflictJson.parse(JSON.parse(run.out));
}

async function storedActions(db: string) {
  const store = await openStore(db);
  try {
    const out = [];
    for (const a of await store.actions.list())
      out.push({ ...a, history: await store.actions.history(a.id) });
    return out;
  } finally {
    await store.close();
  }
}

describe("the demo across Jira, a Google Sheet, an inbox and a plan file", () => {
  it("ingests the four sources under their native instance ids, with no credentials in the environment", async () => {
    const db = freshDb();
    const run = await runCli(["--db", db, "demo"]);
    expect(run.code, run.err).toBe(0);
    const actions = await storedActions(db);
    const byInstance = (instance: string) =>
      actions
        .filter((a) => a.source.instance === instance)
        .map((a) => a.nativeKey)
        .sort();
    expect(byInstance("jira-eng")).toEqual(["PAY-142", "PAY-150", "PAY-151"]);
    expect(byInstance("mkt-plan")).toEqual(["MKT-6", "MKT-7", "MKT-8", "MKT-9"]);
    expect(byInstance("mail-actions")).toEqual(["QA-9"]);
    expect(byInstance("demo-plan")).toEqual(["FIN-1", "LEGAL-3", "SUP-4"]);
    expect(new Set(actions.map((a) => `${a.source.instance}:${a.source.kind}`))).toEqual(
      new Set(["jira-eng:jira", "mkt-plan:sheets", "mail-actions:email", "demo-plan:file"]),
    );
    // One key, one instance: refs by native key resolve without ambiguity.
    const keys = actions.map((a) => a.nativeKey);
    expect(new Set(keys).size).toBe(keys.length);

    const api = actions.find((a) => a.id === "jira-eng:PAY-142");
    expect(api).toMatchObject({
      due: "2026-04-03",
      baselineDue: "2026-02-20",
      ownerRaw: "5f1c2a9e8b7d4c0012a3b4c5",
    });
    const dueMoves = (api?.history ?? []).filter((e) => e.field === "due" && e.from !== null);
    expect(dueMoves).toEqual([
      expect.objectContaining({
        from: JSON.stringify("2026-02-20"),
        to: JSON.stringify("2026-04-03"),
        source: "jira-eng",
        // When Priya changed it in Jira (fields.updated, 10:14:58 in Paris), not when Sightline read it (10:15).
        at: "2026-01-12T09:14:58.312Z",
      }),
    ]);
    expect(run.out).toContain(
      "Backend API integration: due moved 20 Feb 2026 → 3 Apr 2026 on 12 Jan 2026 (jira-eng)",
    );
    // QA's agreement is one thread: the kick-off saw the 2 Jan e-mail, 12 Jan's sync the 8 Jan reply.
    const qa = actions.find((a) => a.id === "mail-actions:QA-9");
    expect(qa).toMatchObject({
      title: "QA sign-off for Instant Payouts",
      start: "2026-02-23",
      due: "2026-03-10",
      baselineDue: "2026-03-06",
      dependsOn: [expect.objectContaining({ ref: "PAY-142" })],
    });
    expect((qa?.history ?? []).filter((e) => e.field === "due" && e.from !== null)).toEqual([
      expect.objectContaining({
        from: JSON.stringify("2026-03-06"),
        to: JSON.stringify("2026-03-10"),
        source: "mail-actions",
      }),
    ]);
    expect(run.out).toContain(
      "QA sign-off for Instant Payouts: due moved 6 Mar 2026 → 10 Mar 2026 on 8 Jan 2026 (mail-actions)",
    );
    // The sheet still runs on the original dates: nothing moved in it.
    expect(actions.find((a) => a.id === "mkt-plan:MKT-7")).toMatchObject({
      start: "2026-03-09",
      due: "2026-03-31",
      ownerRaw: "Camille Durand",
      kpis: ["arr-payouts", "merchant-signups"],
    });
  });

  it("replays the 12 Jan step as an incremental Jira search, an unchanged sheet and the reply in the inbox", async () => {
    const ctx = await openContext(loadAppConfig(configFile, {}), { dbPath: freshDb(), env: {} });
    try {
      const ingest = await ingestScenario(ctx, loadDemoScenario(scenarioFile));
      if (ingest.kind !== "replayed") throw new Error("a fresh database replays the scenario");
      const counts = ingest.steps.map((s) =>
        s.reports.map((r) => [r.instance, r.pages, r.inserted, r.updated, r.unchanged, r.removed]),
      );
      expect(counts).toEqual([
        [
          ["jira-eng", 2, 3, 0, 0, 0],
          ["mkt-plan", 1, 4, 0, 0, 0],
          // Only the 2 Jan e-mail had arrived at the kick-off.
          ["mail-actions", 1, 1, 0, 0, 0],
          ["demo-plan", 1, 3, 0, 0, 0],
        ],
        [
          // One page since the kick-off's watermark: PAY-151 again (the lookback), PAY-142 moved.
          ["jira-eng", 1, 0, 1, 1, 0],
          // Same Drive version: nothing read.
          ["mkt-plan", 1, 0, 0, 0, 0],
          // The 8 Jan reply moved QA's due date.
          ["mail-actions", 1, 0, 1, 0, 0],
          ["demo-plan", 1, 0, 0, 0, 0],
        ],
      ]);
      expect(ingest.steps[1]?.reports[0]?.changedIds).toEqual(["jira-eng:PAY-142"]);
      expect(ingest.steps[1]?.reports[2]?.changedIds).toEqual(["mail-actions:QA-9"]);
    } finally {
      await ctx.store.close();
    }
  });

  it("finds the transitive conflict Jira → inbox → sheet with its root cause and path", async () => {
    const db = freshDb();
    expect((await runCli(["--db", db, "demo"])).code).toBe(0);
    const conflicts = await conflictsOf(db);
    const schedule = (id: string) => conflicts.find((c) => c.type === "schedule" && c.actionId === id);
    expect(schedule("mkt-plan:MKT-7")).toMatchObject({
      rootCauseId: "jira-eng:PAY-142",
      path: ["jira-eng:PAY-142", "mail-actions:QA-9", "mkt-plan:MKT-7"],
      daysShort: 42,
    });
    expect(schedule("mail-actions:QA-9")).toMatchObject({
      rootCauseId: "jira-eng:PAY-142",
      path: ["jira-eng:PAY-142", "mail-actions:QA-9"],
      daysShort: 40,
    });
    // The support training also waits on QA, in the plan file: Jira → inbox → file.
    expect(schedule("demo-plan:SUP-4")).toMatchObject({
      rootCauseId: "jira-eng:PAY-142",
      path: ["jira-eng:PAY-142", "mail-actions:QA-9", "demo-plan:SUP-4"],
      daysShort: 42,
    });
    // Marketing's owner, QA's owner (the dependency) and Engineering's (the root cause) all hear of it.
    expect(schedule("mkt-plan:MKT-7")?.notify).toEqual(
      expect.arrayContaining(["camille", "tomasz", "priya"]),
    );
    // Every schedule conflict traces back to the one slip in Jira.
    const roots = new Set(conflicts.filter((c) => c.type === "schedule").map((c) => c.rootCauseId));
    expect(roots).toEqual(new Set(["jira-eng:PAY-142"]));
    expect(conflicts.filter((c) => c.type.endsWith("_dependency"))).toEqual([]);
  });

  it("flags the one action owned by a department and the one serving no KPI; every other owner and KPI resolves", async () => {
    const db = freshDb();
    expect((await runCli(["--db", db, "demo"])).code).toBe(0);
    const conflicts = await conflictsOf(db);
    const ofType = (type: string) => conflicts.filter((c) => c.type === type).map((c) => c.actionId);
    expect(ofType("ownership_vacuum")).toEqual(["mkt-plan:MKT-8"]);
    expect(conflicts.find((c) => c.type === "ownership_vacuum")).toMatchObject({
      facts: { reason: "team", ownerRaw: "Marketing" },
    });
    expect(ofType("unlinked_kpi")).toEqual(["demo-plan:SUP-4"]);
    expect(ofType("unknown_kpi")).toEqual([]);
  });

  it("announces nothing on a second run, and the tools as configured hold no change", async () => {
    const db = freshDb();
    expect((await runCli(["--db", db, "demo"])).code).toBe(0);
    const second = await runCli(["--db", db, "demo"]);
    expect(second.code, second.err).toBe(0);
    expect(second.out).toContain("Nothing new to tell anyone");
    expect(second.out).toContain("0 new, 0 changed, 0 cleared");
    expect(second.out).not.toMatch(/(Slack DM|Slack channel|e-mail) \S+.*: \d+ conflicts?\n/);
    expect(second.out).not.toContain(" reads about ");
    const ingested = second.out.split("1. What the tools say")[1]?.split("\n\n")[0] ?? "";
    expect(ingested).toMatch(/jira-eng\s+\(jira\)\s+3 unchanged/);
    expect(ingested).toMatch(/mkt-plan\s+\(sheets\)\s+no change/);
    expect(ingested).toMatch(/mail-actions\s+\(email\)\s+no change/);
    expect(ingested).toMatch(/demo-plan\s+\(file\)\s+no change/);
  });

  it("`sightline sync` on the config alone syncs the four instances without credentials", async () => {
    const db = freshDb();
    const sync = await runCli(["--db", db, "sync"], {});
    expect(sync.code, sync.err).toBe(0);
    expect(sync.out.trim().split("\n")).toEqual([
      "jira-eng (jira): 3 new, 0 changed, 0 unchanged, 0 removed, 0 quarantined in 2 pages",
      "mkt-plan (sheets): 4 new, 0 changed, 0 unchanged, 0 removed, 0 quarantined in 1 page",
      "mail-actions (email): 1 new, 0 changed, 0 unchanged, 0 removed, 0 quarantined in 1 page",
      "demo-plan (file): 3 new, 0 changed, 0 unchanged, 0 removed, 0 quarantined in 1 page",
    ]);
    // The configured state is 12 Jan's: the slip is there, so is the conflict it causes (QA's reply too).
    const campaign = (await conflictsOf(db)).find(
      (c) => c.type === "schedule" && c.actionId === "mkt-plan:MKT-7",
    );
    expect(campaign).toMatchObject({ rootCauseId: "jira-eng:PAY-142", daysShort: 42 });
  });

  it("configures each instance on the scenario's last state, so a re-run has nothing to replay", () => {
    const config = loadAppConfig(configFile, {});
    const last = loadDemoScenario(scenarioFile).steps.at(-1);
    for (const source of last?.sources ?? []) {
      const instance = config.connectors.find((c) => c.id === source.connector);
      expect(instance, source.connector).toMatchObject(
        "plan" in source ? { path: source.plan } : { recorded: source.recorded },
      );
    }
    expect(config.connectors.map((c) => c.id).sort()).toEqual([
      "demo-plan",
      "jira-eng",
      "mail-actions",
      "mkt-plan",
    ]);
  });

  it("fails loudly, naming the request, when a step's recording lacks what the connector asks for", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sightline-scenario-"));
    const file = join(dir, "scenario.yaml");
    const kickoff = join(root, "fixtures", "jira", "demo", "kickoff");
    writeFileSync(
      file,
      [
        "today: 2026-01-12",
        "steps:",
        '  - at: "2026-01-02T09:30:00+01:00"',
        "    note: Kick-off.",
        `    sources: [{ connector: jira-eng, recorded: ${kickoff} }]`,
        '  - at: "2026-01-12T10:15:00+01:00"',
        "    note: The kick-off's recording again, which holds no incremental search.",
        `    sources: [{ connector: jira-eng, recorded: ${kickoff} }]`,
      ].join("\n"),
    );
    const run = await runCli(["--db", freshDb(), "demo", "--scenario", file]);
    expect(run.code).toBe(2);
    expect(run.err).toContain("holds no response to GET /rest/api/3/search/jql");
    expect(run.err).toContain('updated >= \\"2026/01/02 09:23\\"');
  });
});
