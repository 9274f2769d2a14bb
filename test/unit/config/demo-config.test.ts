import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fileConnectorFromConfig } from "../../../connectors/file/connector.js";
import { loadDirectory, loadKpiCatalog } from "../../../src/config/catalogs.js";
import { loadDemoScenario } from "../../../src/config/demo-scenario.js";
import { loadConfig } from "../../../src/config/load-config.js";
import { ConfigRegistry } from "../../../src/config/registry.js";
import { isFileConnector } from "../../../src/config/schema.js";
import { addDays, type Directory, toDayNumber } from "../../../src/model/index.js";
import { runSync } from "../../../src/sync/engine.js";
import { MemorySyncStore } from "../sync/support/memory-store.js";

const root = join(import.meta.dirname, "..", "..", "..");

/** The demo exactly as `sightline demo` runs it: the repo's config, its catalogs and the scenario's steps. */
async function playDemo() {
  const config = loadConfig(join(root, "sightline.config.yaml"), {}, { registry: new ConfigRegistry() });
  const scenario = loadDemoScenario(join(root, "fixtures", "demo", "scenario.yaml"));
  const instance = config.connectors.find((c) => c.id === scenario.connector);
  if (!instance || !isFileConnector(instance))
    throw new Error("the scenario's connector is not a file connector");
  const store = new MemorySyncStore();
  const reports = [];
  for (const step of scenario.steps) {
    const connector = fileConnectorFromConfig({ ...instance, path: step.plan });
    reports.push(await runSync(connector, store, { now: () => step.at }));
  }
  return { config, scenario, store, reports, directory: loadDirectory(config), kpis: loadKpiCatalog(config) };
}

function resolves(directory: Directory, owner: string): boolean {
  const o = owner.toLowerCase();
  return directory.people.some(
    (p) => p.emails.includes(o) || p.name.toLowerCase() === o || p.aliases.some((a) => a.toLowerCase() === o),
  );
}

describe("the demo configuration and data", () => {
  it("loads: Europe/Paris, one file connector on the current plan, people and KPIs from their files", async () => {
    const { config, directory, kpis, scenario } = await playDemo();
    expect(config.organisation.timeZone).toBe("Europe/Paris");
    expect(config.connectors.map((c) => [c.id, c.kind])).toEqual([["demo-plan", "file"]]);
    expect(config.connectors[0]).toMatchObject({ path: join(root, "fixtures", "demo", "plan.yaml") });
    expect(config.database.path).toBe(join(root, ".sightline", "sightline.db"));
    expect(directory.people.length).toBeGreaterThanOrEqual(6);
    expect(directory.teams.map((t) => t.name)).toContain("Marketing");
    expect(kpis.every((k) => k.costOfDelayPerDay > 0 && k.currency === "EUR" && k.owner !== null)).toBe(true);
    expect(scenario.today).toBe("2026-01-12");
    expect(scenario.steps.map((s) => s.plan)).toEqual([
      join(root, "fixtures", "demo", "plan-v1.yaml"),
      join(root, "fixtures", "demo", "plan.yaml"),
    ]);
  });

  it("syncs v1 then the current plan cleanly: only the API's due date moves, six weeks later", async () => {
    const { store, reports } = await playDemo();
    expect(reports.map((r) => [r.inserted, r.updated, r.quarantined, r.removed, r.paused])).toEqual([
      [8, 0, 0, 0, null],
      [0, 1, 0, 0, null],
    ]);
    expect(reports[1]?.changedIds).toEqual(["demo-plan:PAY-142"]);
    const api = store.active("demo-plan").get("PAY-142");
    expect(api?.title).toBe("Backend API integration");
    expect(api?.due).toBe(addDays("2026-02-20", 42));
  });

  it("holds the story: QA waits on the API, the campaign on QA and still on the original date", async () => {
    const { store, directory, kpis } = await playDemo();
    const plan = store.active("demo-plan");
    const deps = (key: string) => plan.get(key)?.dependsOn ?? [];
    expect(deps("QA-9").map((d) => d.ref)).toEqual(["PAY-142"]);
    expect(deps("MKT-7").map((d) => d.ref)).toEqual(["QA-9"]);
    // The campaign starts right after QA as planned when the API was due on 20 Feb...
    const qaDue = plan.get("QA-9")?.due ?? "";
    expect(toDayNumber(plan.get("MKT-7")?.start ?? "")).toBeLessThanOrEqual(toDayNumber(qaDue) + 3);
    // ...which the API, now due 3 Apr, makes impossible.
    expect(toDayNumber(plan.get("PAY-142")?.due ?? "")).toBeGreaterThan(
      toDayNumber(plan.get("QA-9")?.start ?? ""),
    );
    expect(new Set([...plan.values()].flatMap((a) => a.dependsOn.map((d) => d.type)))).toEqual(
      new Set(["FS", "SS", "FF"]),
    );
    expect([...plan.values()].some((a) => a.dependsOn.some((d) => d.lagDays !== 0))).toBe(true);

    const unowned = [...plan.values()].filter((a) => !resolves(directory, a.ownerRaw ?? ""));
    expect(unowned.map((a) => [a.nativeKey, a.ownerRaw])).toEqual([["WEB-12", "Marketing"]]);
    expect(directory.teams.some((t) => t.name === "Marketing")).toBe(true);

    expect([...plan.values()].filter((a) => a.kpis.length === 0).map((a) => a.nativeKey)).toEqual(["SUP-4"]);
    const catalog = new Set(kpis.map((k) => k.key));
    expect([...plan.values()].flatMap((a) => a.kpis).filter((k) => !catalog.has(k))).toEqual([]);
    expect(
      kpis.every((k) => resolves(directory, k.owner ?? "") || directory.people.some((p) => p.id === k.owner)),
    ).toBe(true);
  });
});
