import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadDirectory, loadKpiCatalog } from "../../../src/config/catalogs.js";
import { loadDemoScenario } from "../../../src/config/demo-scenario.js";
import { ConfigError } from "../../../src/config/errors.js";
import { loadConfig } from "../../../src/config/load-config.js";
import { ConfigRegistry } from "../../../src/config/registry.js";

function setup(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), "sightline-catalogs-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return {
    dir,
    config: () => loadConfig(join(dir, "sightline.config.yaml"), {}, { registry: new ConfigRegistry() }),
  };
}

function thrown(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

const ORG = "organisation: { name: Acme, timeZone: Europe/Paris, currency: GBP }\n";

describe("loadDirectory and loadKpiCatalog", () => {
  it("merges the files with the inline entries; KPIs default to the organisation's currency", () => {
    const { config } = setup({
      "sightline.config.yaml":
        `${ORG}directory:\n  file: people.yaml\n  people: [{ id: ext, name: External Auditor }]\n` +
        "kpis:\n  file: kpis.yaml\n  catalog: [{ key: nps, name: NPS, objective: Love, currency: EUR }]\n",
      "people.yaml": "people:\n  - { id: priya, name: Priya }\nteams:\n  - { name: Marketing }\n",
      "kpis.yaml": "kpis:\n  - { key: arr, name: ARR, objective: Grow, costOfDelayPerDay: 10 }\n",
    });
    const directory = loadDirectory(config());
    expect(directory.people.map((p) => p.id)).toEqual(["priya", "ext"]);
    expect(directory.teams.map((t) => t.name)).toEqual(["Marketing"]);
    expect(loadKpiCatalog(config()).map((k) => [k.key, k.currency])).toEqual([
      ["arr", "GBP"],
      ["nps", "EUR"],
    ]);
  });

  it("names the catalog file, the entry and the line of a bad entry or a duplicate", () => {
    const { dir, config } = setup({
      "sightline.config.yaml": `${ORG}directory: { file: people.yaml }\nkpis: { file: kpis.yaml }\n`,
      "people.yaml":
        "people:\n  - { id: a, name: A }\n  - { id: b, name: B, emails: [b@] }\n  - { id: a, name: Again, timeZone: Mars/Base }\n",
      "kpis.yaml": "kpis:\n  - { key: arr, name: ARR, objective: Grow, costOfDelayPerDay: -1 }\n",
    });
    const people = thrown(() => loadDirectory(config()));
    expect(people.file).toBe(join(dir, "people.yaml"));
    expect(people.issues.map((i) => [i.path, i.line])).toEqual([
      ["people[1].emails[0]", 3],
      ["people[2].id", 4],
      ["people[2].timeZone", 4],
    ]);
    expect(people.issues[1]?.text).toBe('people[2].id: duplicate person id (same as entry [0]), got "a"');
    const kpis = thrown(() => loadKpiCatalog(config()));
    expect(kpis.file).toBe(join(dir, "kpis.yaml"));
    expect(kpis.issues[0]?.path).toBe("kpis[0].costOfDelayPerDay");
  });

  it("refuses an inline entry that redefines one from the file", () => {
    const { config } = setup({
      "sightline.config.yaml": `${ORG}directory:\n  file: people.yaml\n  people: [{ id: priya, name: Other }]\n`,
      "people.yaml": "people: [{ id: priya, name: Priya }]\n",
    });
    expect(thrown(() => loadDirectory(config())).issues[0]?.text).toContain(
      'directory.people[0].id: person id "priya" is already defined in',
    );
  });

  it("validates a demo scenario and resolves its plans against its folder", () => {
    const { dir } = setup({
      "good.yaml":
        "today: 2026-01-12\nsteps:\n  - at: '2026-01-02T09:30:00+01:00'\n    note: Kick-off\n    sources: [{ connector: demo-plan, plan: v1.yaml }, { connector: jira-eng, recorded: rec }]\n",
      "bad.yaml": "today: 12/01/2026\nsteps: []\n",
    });
    const sources = loadDemoScenario(join(dir, "good.yaml")).steps[0]?.sources;
    expect(sources).toEqual([
      { connector: "demo-plan", plan: join(dir, "v1.yaml") },
      { connector: "jira-eng", recorded: join(dir, "rec") },
    ]);
    expect(thrown(() => loadDemoScenario(join(dir, "bad.yaml"))).issues.map((i) => i.path)).toEqual([
      "today",
      "steps",
    ]);
  });
});
