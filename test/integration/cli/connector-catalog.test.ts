import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./cli-harness.js";

/** A config whose catalog lists no KPI and no team: the plan file brings its own. */
function workspace(): { config: string; plan: string } {
  const dir = mkdtempSync(join(tmpdir(), "sightline-catalog-"));
  writeFileSync(
    join(dir, "plan.yaml"),
    [
      "teams: [Engineering, { name: Growth, slackChannel: '#growth' }]",
      "kpis:",
      "  - { key: ARR, name: ARR from payouts, objective: Grow revenue, costOfDelayPerDay: 1000, currency: EUR }",
      "actions:",
      "  - { key: API, title: Payouts API, owner: ana@acme.example, status: in_progress, start: 2026-03-01, due: 2026-04-20 }",
      "  - { key: LAUNCH, title: Launch, owner: ana@acme.example, status: todo, start: 2026-04-10, due: 2026-04-30, dependsOn: [API], kpis: [ARR] }",
      "",
    ].join("\n"),
  );
  writeFileSync(
    join(dir, "sightline.config.yaml"),
    [
      "organisation: { name: Acme, timeZone: Europe/Paris }",
      `database: { path: ${join(dir, "store.db")} }`,
      "directory: { people: [{ id: ana, name: Ana, emails: [ana@acme.example] }] }",
      "connectors:",
      "  - { id: plan, kind: file, path: plan.yaml }",
      "",
    ].join("\n"),
  );
  return { config: join(dir, "sightline.config.yaml"), plan: join(dir, "plan.yaml") };
}

interface ConflictJson {
  type: string;
  daysShort: number | null;
  valueAtRisk: number;
}

describe("KPIs and teams a plan file delivers", () => {
  it("survive the commands that follow the sync, so the value at risk is still there", async () => {
    const { config } = workspace();
    const cli = (...args: string[]) =>
      runCli(["--config", config, ...args], { SIGHTLINE_TODAY: "2026-03-02" });
    expect((await cli("sync")).code).toBe(0);
    // Three more commands, each opening the app (which rewrites the config's catalog); the file is unchanged,
    // so its KPIs are not sent again.
    expect((await cli("sync")).code).toBe(0);
    expect((await cli("reconcile")).code).toBe(0);
    expect((await cli("actions")).code).toBe(0);

    const run = await cli("conflicts", "--json");
    expect(run.code, run.err).toBe(0);
    const conflicts = JSON.parse(run.out) as ConflictJson[];
    expect(conflicts.map((c) => c.type)).not.toContain("unknown_kpi");
    // LAUNCH cannot start before 21 Apr (API due 20 Apr): 11 days short × €1,000 a day.
    expect(conflicts.find((c) => c.type === "schedule")).toMatchObject({
      daysShort: 11,
      valueAtRisk: 11_000,
    });
  });

  it("keeps a KPI whose entry turned invalid, and drops it once the file no longer lists it", async () => {
    const { config, plan } = workspace();
    const cli = (...args: string[]) =>
      runCli(["--config", config, ...args], { SIGHTLINE_TODAY: "2026-03-02" });
    const schedule = async () => {
      const run = await cli("conflicts", "--json", "--today");
      return (JSON.parse(run.out) as ConflictJson[]).filter((c) => c.type !== "unlinked_kpi");
    };
    expect((await cli("sync")).code).toBe(0);
    const original = readFileSync(plan, "utf8");
    writeFileSync(plan, original.replace("costOfDelayPerDay: 1000", "costOfDelayPerDay: lots"));
    const broken = await cli("sync");
    expect(broken.out).toMatch(/1 quarantined/);
    expect((await schedule()).map((c) => [c.type, c.valueAtRisk])).toEqual([["schedule", 11_000]]);

    writeFileSync(plan, original.replace(/^kpis:\n.*\n/m, ""));
    expect((await cli("sync")).code).toBe(0);
    expect((await schedule()).map((c) => [c.type, c.valueAtRisk])).toEqual([
      ["schedule", 0],
      ["unknown_kpi", 0],
    ]);
  });
});
