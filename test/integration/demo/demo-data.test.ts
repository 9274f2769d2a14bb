import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ingestScenario } from "../../../src/cli/demo/replay-scenario.js";
import {
  ConfigError,
  loadDemoScenario,
  loadDirectory,
  loadKpiCatalog,
  scenarioConnectors,
} from "../../../src/config/index.js";
import { openContext } from "../../../src/jobs/app-context.js";
import { loadAppConfig } from "../../../src/jobs/load-app-config.js";
import { reconcile } from "../../../src/reconcile/index.js";
import { freshDb } from "../cli/cli-harness.js";

const root = join(import.meta.dirname, "..", "..", "..");

/** The demo replayed into a real store, then reconciled against the directory and KPI files alone. */
async function replayedDemo() {
  const config = loadAppConfig(join(root, "sightline.config.yaml"), {});
  const ctx = await openContext(config, { dbPath: freshDb(), env: {} });
  try {
    await ingestScenario(ctx, loadDemoScenario(join(root, "fixtures", "demo", "scenario.yaml")));
    const actions = await ctx.store.actions.list();
    const directory = loadDirectory(config);
    const kpis = loadKpiCatalog(config);
    return { actions, directory, kpis, result: reconcile({ actions, directory, kpis, today: "2026-01-12" }) };
  } finally {
    await ctx.store.close();
  }
}

describe("the demo's four sources share one people directory and one KPI catalog", () => {
  it("resolves Jira account ids, the sheet's names and e-mails, the inbox's and the file's owners to directory people", async () => {
    const { result } = await replayedDemo();
    const owner = (id: string) => {
      const o = result.owners.get(id);
      return o ? [o.personId, o.via] : null;
    };
    expect(owner("jira-eng:PAY-142")).toEqual(["priya", "jira"]);
    expect(owner("jira-eng:PAY-151")).toEqual(["tomasz", "jira"]);
    expect(owner("mkt-plan:MKT-7")).toEqual(["camille", "name"]);
    expect(owner("mkt-plan:MKT-9")).toEqual(["lea", "email"]);
    // The e-mail's "Owner:" line names QA's lead by address; the plan file names people by name or address.
    expect(owner("mail-actions:QA-9")).toEqual(["tomasz", "email"]);
    expect(owner("demo-plan:LEGAL-3")).toEqual(["hugo", "name"]);
    expect(owner("demo-plan:FIN-1")).toEqual(["nadia", "email"]);
    // The department owner is the one vacuum; PAY-150's assignee is not in the directory, but it is done.
    const vacuums = result.conflicts.filter((c) => c.type === "ownership_vacuum");
    expect(vacuums.map((c) => [c.actionId, c.facts.reason])).toEqual([["mkt-plan:MKT-8", "team"]]);
    expect(owner("jira-eng:PAY-150")?.[0]).toBeNull();
  });

  it("uses only KPI keys of the catalog, and leaves exactly one action serving none", async () => {
    const { actions, kpis, result } = await replayedDemo();
    const catalog = new Set(kpis.map((k) => k.key));
    expect(actions.flatMap((a) => a.kpis).filter((k) => !catalog.has(k))).toEqual([]);
    expect(new Set(actions.flatMap((a) => a.kpis))).toEqual(catalog);
    expect(actions.filter((a) => a.kpis.length === 0).map((a) => a.id)).toEqual(["demo-plan:SUP-4"]);
    expect(result.conflicts.filter((c) => c.type === "unlinked_kpi").map((c) => c.actionId)).toEqual([
      "demo-plan:SUP-4",
    ]);
  });

  it("links across tools by native key: every ref resolves to exactly one action", async () => {
    const { actions, result } = await replayedDemo();
    const refs = (id: string) => actions.find((a) => a.id === id)?.dependsOn.map((d) => d.ref);
    expect(refs("mail-actions:QA-9")).toEqual(["PAY-142"]);
    expect(refs("mkt-plan:MKT-7")).toEqual(["QA-9"]);
    expect(refs("mkt-plan:MKT-8")).toEqual(["LEGAL-3", "FIN-1"]);
    expect(refs("demo-plan:SUP-4")).toEqual(["QA-9"]);
    const refTypes = ["dangling_dependency", "ambiguous_dependency", "dependency_cycle"];
    expect(result.conflicts.filter((c) => refTypes.includes(c.type))).toEqual([]);
    const edges = result.edges.map((e) => `${e.dependencyId}→${e.dependentId}`);
    expect(edges).toEqual(
      expect.arrayContaining([
        "jira-eng:PAY-142→mail-actions:QA-9",
        "mail-actions:QA-9→mkt-plan:MKT-7",
        "mail-actions:QA-9→demo-plan:SUP-4",
      ]),
    );
  });
});

describe("the demo scenario file", () => {
  function scenario(text: string) {
    const dir = mkdtempSync(join(tmpdir(), "sightline-scenario-"));
    writeFileSync(join(dir, "scenario.yaml"), text);
    return { dir, file: join(dir, "scenario.yaml") };
  }
  const step = (sources: string) =>
    `today: 2026-01-12\nsteps:\n  - at: "2026-01-02T09:30:00+01:00"\n    note: Kick-off\n    sources: ${sources}\n`;

  it("resolves plans and recordings against its own folder and lists the instances it feeds", () => {
    const { dir, file } = scenario(
      step("[{ connector: jira-eng, recorded: rec/kickoff }, { connector: demo-plan, plan: v1.yaml }]"),
    );
    const loaded = loadDemoScenario(file);
    expect(loaded.steps[0]?.sources).toEqual([
      { connector: "jira-eng", recorded: join(dir, "rec", "kickoff") },
      { connector: "demo-plan", plan: join(dir, "v1.yaml") },
    ]);
    expect(scenarioConnectors(loaded)).toEqual(["jira-eng", "demo-plan"]);
  });

  it("wants exactly one of plan or recorded per source, and each instance once per step", () => {
    const errorOf = (text: string) => {
      try {
        loadDemoScenario(scenario(text).file);
      } catch (error) {
        if (error instanceof ConfigError) return error.issues.map((i) => i.text);
        throw error;
      }
      throw new Error("expected a ConfigError");
    };
    expect(errorOf(step("[{ connector: jira-eng, recorded: a, plan: b }]"))).toEqual([
      expect.stringMatching(
        /^steps\[0\]\.sources\[0\]: give exactly one of plan \(a plan file\) or recorded/,
      ),
    ]);
    expect(errorOf(step("[{ connector: jira-eng }]"))[0]).toMatch(
      /^steps\[0\]\.sources\[0\]: give exactly one/,
    );
    expect(errorOf(step("[{ connector: a, plan: x.yaml }, { connector: a, plan: y.yaml }]"))).toEqual([
      expect.stringMatching(/^steps\[0\]\.sources\[1\]\.connector: connector a is listed twice in this step/),
    ]);
    expect(errorOf("today: 12/01/2026\nsteps: []\n").length).toBe(2);
  });
});
