import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { ConfigError } from "../../../src/config/errors.js";
import { loadConfig } from "../../../src/config/load-config.js";
import { ConfigRegistry } from "../../../src/config/registry.js";
import { registerConnectorKinds } from "../../../src/jobs/connector-factory.js";
import { EnvVarNameSchema } from "../../../src/sync/config-values.js";

/** The kinds this build registers, as the CLI does. */
const kinds = () => registerConnectorKinds(new ConfigRegistry());

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "sightline-config-"));
});

function write(name: string, text: string): string {
  const file = join(dir, name);
  mkdirSync(join(file, ".."), { recursive: true });
  writeFileSync(file, text);
  return file;
}

const ORG = "organisation:\n  name: Acme Pay\n  timeZone: Europe/Paris\n";

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig: a good file", () => {
  it("resolves relative paths against the config's folder and fills the defaults", () => {
    const file = write(
      "conf/sightline.config.yaml",
      `${ORG}directory:\n  file: people.yaml\nkpis:\n  file: ../shared/kpis.yaml\nconnectors:\n` +
        "  - id: demo-plan\n    kind: file\n    path: plans/plan.yaml\n" +
        "  - id: jira-eng\n    kind: jira\n    baseUrl: https://acme.atlassian.net\n    jql: project = PAY\n" +
        "    recorded: recordings/jira\n",
    );
    const config = loadConfig(file, {}, { registry: kinds() });

    expect(config.organisation).toEqual({ name: "Acme Pay", timeZone: "Europe/Paris", currency: "EUR" });
    expect(config.dir).toBe(join(dir, "conf"));
    expect(config.directory.file).toBe(join(dir, "conf", "people.yaml"));
    expect(config.kpis.file).toBe(join(dir, "shared", "kpis.yaml"));
    expect(config.database.path).toBe(join(dir, "conf", ".sightline", "sightline.db"));
    const [plan, jira] = config.connectors;
    expect(plan).toMatchObject({
      id: "demo-plan",
      kind: "file",
      path: join(dir, "conf", "plans", "plan.yaml"),
    });
    expect(plan?.pageSize).toBe(500);
    expect(jira).toMatchObject({
      id: "jira-eng",
      kind: "jira",
      baseUrl: "https://acme.atlassian.net",
      recorded: join(dir, "conf", "recordings", "jira"),
      enabled: true,
    });
    expect(config.alerts).toMatchObject({
      criticalDaysShort: 14,
      digest: { time: "09:00" },
      adminChannel: null,
    });
  });

  it("canonicalises the time zone and takes inline people, teams and KPIs in the organisation's currency", () => {
    const file = write(
      "sightline.config.yaml",
      "organisation:\n  name: Acme\n  timeZone: america/new_york\n  currency: USD\n" +
        "directory:\n  people:\n    - id: priya\n      name: Priya Raman\n      emails: [Priya@Acme.example]\n" +
        "  teams:\n    - name: Marketing\n" +
        "kpis:\n  catalog:\n    - key: arr\n      name: ARR\n      objective: Grow\n      costOfDelayPerDay: 100\n" +
        "alerts:\n  adminChannel: '#sightline-admin'\n  quietHours: { start: '20:00', end: '08:00' }\n",
    );
    const config = loadConfig(file, {}, { registry: kinds() });

    expect(config.organisation.timeZone).toBe("America/New_York");
    expect(config.directory.people[0]?.emails).toEqual(["priya@acme.example"]);
    expect(config.directory.teams[0]?.name).toBe("Marketing");
    expect(config.kpis.catalog[0]).toMatchObject({ key: "arr", currency: "USD", costOfDelayPerDay: 100 });
    expect(config.alerts.quietHours).toEqual({ start: "20:00", end: "08:00" });
    expect(config.connectors).toEqual([]);
  });
});

describe("loadConfig: bad files say where and why", () => {
  it("reports a YAML syntax error with its line and column", () => {
    const file = write("sightline.config.yaml", `${ORG}connectors: [\n  { id: x, kind: file\n`);
    const error = configError(() => loadConfig(file, {}));
    expect(error.code).toBe("config_invalid");
    expect(error.file).toBe(file);
    expect(error.issues[0]?.text).toMatch(/^YAML syntax: /);
    expect(error.issues[0]?.line).toBeGreaterThanOrEqual(4);
    expect(error.message).toContain(`${file}:${error.issues[0]?.line}:`);
  });

  it("names the path inside the file, the line, and what was expected", () => {
    const file = write(
      "sightline.config.yaml",
      `${ORG}connectors:\n  - id: demo-plan\n    kind: file\n    path: plan.yaml\n  - id: other\n    kind: file\n`,
    );
    const error = configError(() => loadConfig(file, {}, { registry: kinds() }));
    expect(error.issues).toEqual([
      {
        path: "connectors[1].path",
        text: "connectors[1].path: missing (expected string)",
        line: 8,
        column: 5,
      },
    ]);
    expect(error.message).toContain(`${file}:8:5: connectors[1].path: missing (expected string)`);
  });

  it("lists the known kinds for an unknown one, and rejects unknown fields of the file kind", () => {
    const file = write(
      "sightline.config.yaml",
      `${ORG}connectors:\n  - id: a\n    kind: jria\n  - id: b\n    kind: file\n    path: p.yaml\n    pth: q.yaml\n`,
    );
    const texts = configError(() => loadConfig(file, {}, { registry: kinds() })).issues.map((i) => i.text);
    expect(texts).toEqual([
      'connectors[0].kind: unknown connector kind "jria" (known kinds: file, csv, sheets, jira, email, slack, github), got "jria"',
      'connectors[1]: unknown field "pth" (check the spelling)',
    ]);
  });

  it("rejects an unknown time zone, a bad currency, duplicate ids and a bad alert time in one report", () => {
    const file = write(
      "sightline.config.yaml",
      "organisation:\n  name: Acme\n  timeZone: Europe/Pariss\n  currency: euro\n" +
        "connectors:\n  - { id: p, kind: file, path: a.yaml }\n  - { id: p, kind: file, path: b.yaml }\n" +
        "alerts:\n  digest: { time: '9am' }\n",
    );
    const issues = configError(() => loadConfig(file, {}, { registry: kinds() })).issues;
    expect(issues.map((i) => i.path)).toEqual([
      "organisation.timeZone",
      "organisation.currency",
      "connectors[1].id",
      "alerts.digest.time",
    ]);
    expect(issues[0]?.text).toBe(
      'organisation.timeZone: expected an IANA time zone such as Europe/Paris, got "Europe/Pariss"',
    );
    expect(issues[2]?.text).toBe(
      'connectors[1].id: duplicate connector id (already used by connectors[0]), got "p"',
    );
    expect(issues[2]?.line).toBe(7);
  });

  it("refuses secrets written in the file and says how to name the variable instead", () => {
    const file = write(
      "sightline.config.yaml",
      `${ORG}connectors:\n  - id: jira-eng\n    kind: jira\n    apiToken: abc123\n    tokenEnv: JIRA_TOKEN\n`,
    );
    const [issue, ...rest] = configError(() =>
      loadConfig(
        file,
        {},
        { registry: new ConfigRegistry().registerConnectorKind("jira", () => z.object({})) },
      ),
    ).issues;
    expect(rest).toEqual([]);
    expect(issue?.path).toBe("connectors[0].apiToken");
    expect(issue?.text).toContain("secrets never go in the config file");
    expect(issue?.text).toContain("apiTokenEnv: API_TOKEN");
    expect(issue?.line).toBe(7);
  });

  it("rejects an unknown top-level section, a missing organisation, an empty file and a missing file", () => {
    const typo = write("a.yaml", `${ORG}conectors: []\n`);
    expect(configError(() => loadConfig(typo, {})).issues[0]?.text).toMatch(
      /^conectors: unknown section \(known sections: organisation, database/,
    );
    const noOrg = write("b.yaml", "connectors: []\n");
    expect(configError(() => loadConfig(noOrg, {})).issues[0]?.text).toBe(
      "organisation: missing (expected object)",
    );
    const empty = write("c.yaml", "");
    expect(configError(() => loadConfig(empty, {})).issues[0]?.text).toContain("the file is empty");
    const missing = configError(() => loadConfig(join(dir, "nope.yaml"), {}));
    expect(missing.code).toBe("config_not_found");
    expect(missing.message).toContain("file not found");
  });
});

describe("loadConfig: registered kinds and sections", () => {
  function registry(): ConfigRegistry {
    return new ConfigRegistry()
      .registerConnectorKind("jira", (ctx) =>
        z.strictObject({
          site: z.url(),
          tokenEnv: EnvVarNameSchema.refine((v) => ctx.env[v] !== undefined, {
            message: "this environment variable is not set",
          }),
          fieldMap: z
            .string()
            .transform((p) => ctx.resolvePath(p))
            .optional(),
        }),
      )
      .registerSection("slack", () => z.strictObject({ botTokenEnv: EnvVarNameSchema }));
  }

  it("validates a registered kind's options with its schema, and keeps the shared fields", () => {
    const file = write(
      "sightline.config.yaml",
      `${ORG}connectors:\n  - id: jira-eng\n    kind: jira\n    syncEveryMinutes: 15\n` +
        "    site: https://acme.atlassian.net\n    tokenEnv: JIRA_TOKEN\n    fieldMap: maps/jira.yaml\n" +
        "slack:\n  botTokenEnv: SLACK_BOT_TOKEN\n",
    );
    const config = loadConfig(file, { JIRA_TOKEN: "t" }, { registry: registry() });
    expect(config.connectors[0]).toEqual({
      id: "jira-eng",
      kind: "jira",
      enabled: true,
      syncEveryMinutes: 15,
      deletionGuard: null,
      site: "https://acme.atlassian.net",
      tokenEnv: "JIRA_TOKEN",
      fieldMap: join(dir, "maps", "jira.yaml"),
    });
    expect(config.sections).toEqual({ slack: { botTokenEnv: "SLACK_BOT_TOKEN" } });
  });

  it("reports a registered schema's problems at their place in the file", () => {
    const file = write(
      "sightline.config.yaml",
      `${ORG}connectors:\n  - id: jira-eng\n    kind: jira\n    site: not a url\n    tokenEnv: JIRA_TOKEN\n` +
        "slack:\n  botTokenEnv: 12\n",
    );
    const issues = configError(() => loadConfig(file, {}, { registry: registry() })).issues;
    expect(issues.map((i) => [i.path, i.line])).toEqual([
      ["connectors[0].site", 7],
      ["connectors[0].tokenEnv", 8],
      ["slack.botTokenEnv", 10],
    ]);
    expect(issues[1]?.text).toBe(
      'connectors[0].tokenEnv: this environment variable is not set, got "JIRA_TOKEN"',
    );
  });

  it("knows no connector kind it was not given", () => {
    const file = write(
      "sightline.config.yaml",
      `${ORG}connectors:\n  - { id: p, kind: file, path: a.yaml }\n`,
    );
    expect(configError(() => loadConfig(file, {})).issues.map((i) => i.text)).toEqual([
      'connectors[0].kind: unknown connector kind "file" (known kinds: none registered), got "file"',
    ]);
  });
});
