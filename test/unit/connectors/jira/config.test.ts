import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { jiraOptionsSchema, parseJiraConfig } from "../../../../connectors/jira/config.js";
import { createJiraConnector } from "../../../../connectors/jira/connector.js";
import { JiraError } from "../../../../connectors/jira/errors.js";
import { ConfigError, ConfigRegistry, loadConfig } from "../../../../src/config/index.js";
import { ValidationError } from "../../../../src/model/index.js";
import { caught, config, ENV, TOKEN } from "./support.js";

const minimal = {
  id: "jira-eng",
  kind: "jira",
  baseUrl: "https://acmepay.atlassian.net/",
  auth: { type: "pat", tokenEnv: "JIRA_PAT" },
  jql: "project = PAY",
};

describe("Jira connector config", () => {
  it("fills the documented defaults", () => {
    const c = parseJiraConfig(minimal, "sightline.config.yaml connectors[0]");
    expect(c).toMatchObject({
      baseUrl: "https://acmepay.atlassian.net",
      deployment: "cloud",
      startDateField: "Start date",
      linkType: "Blocks",
      linkDependsOn: "inward",
      lookbackMinutes: 5,
      pageSize: 100,
      programFrom: "parentSummary",
    });
  });

  it("names the file, the path and the problem", async () => {
    const bad = { ...minimal, jql: "project = PAY ORDER BY created", auth: { type: "basic", tokenEnv: "X" } };
    const { message } = await caught(
      () => parseJiraConfig(bad, "sightline.config.yaml connectors[2]"),
      ValidationError,
    );
    expect(message).toContain("sightline.config.yaml connectors[2]");
    expect(message).toContain("jql: jql must not contain ORDER BY");
    expect(message).toContain("auth.emailEnv");
  });

  it("rejects a secret pasted where an env var name belongs", () => {
    const bad = { ...minimal, auth: { type: "pat", tokenEnv: "NjE3OTk0MzI5Mzc2Oj+secret" } };
    expect(() => parseJiraConfig(bad, "c")).toThrow(/environment variable name/);
  });

  it("says which environment variable is missing, at construction", async () => {
    const err = await caught(
      () => createJiraConnector(config(), { env: { JIRA_EMAIL: "a@b.example" } }),
      JiraError,
    );
    expect(err.code).toBe("jira_missing_secret");
    expect(err.message).toContain("JIRA_API_TOKEN");
  });

  it("keeps the token out of anything serialisable", () => {
    const connector = createJiraConnector(config(), { env: ENV });
    expect(JSON.stringify(connector)).not.toContain(TOKEN);
    expect(JSON.stringify(connector)).not.toContain(
      Buffer.from(`${ENV.JIRA_EMAIL}:${TOKEN}`).toString("base64"),
    );
  });

  it("refuses webhooks when the secret variable is unset", () => {
    const connector = createJiraConnector(config(), { env: { ...ENV, JIRA_WEBHOOK_SECRET: "" } });
    expect(() => connector.webhookSecret()).toThrow(/JIRA_WEBHOOK_SECRET/);
  });
});

describe("Jira instances in sightline.config.yaml", () => {
  function load(yaml: string) {
    const dir = mkdtempSync(join(tmpdir(), "sightline-jira-config-"));
    try {
      const file = join(dir, "sightline.config.yaml");
      writeFileSync(file, yaml);
      return loadConfig(file, ENV, {
        registry: new ConfigRegistry().registerConnectorKind("jira", jiraOptionsSchema),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const head = "organisation:\n  name: Acme Pay\n  timeZone: Europe/Paris\nconnectors:\n";

  it("loads through the config registry into a connector config", () => {
    const loaded = load(
      `${head}  - id: jira-eng\n    kind: jira\n    syncEveryMinutes: 5\n    baseUrl: https://acmepay.atlassian.net\n` +
        "    auth: { type: basic, emailEnv: JIRA_EMAIL, tokenEnv: JIRA_API_TOKEN }\n    jql: project = PAY\n",
    );
    const c = parseJiraConfig(loaded.connectors[0], "sightline.config.yaml connectors[0]");
    expect(c).toMatchObject({ id: "jira-eng", syncEveryMinutes: 5, linkType: "Blocks", lookbackMinutes: 5 });
    expect(createJiraConnector(c, { env: ENV }).source).toEqual({ kind: "jira", instance: "jira-eng" });
  });

  it("reports a bad option at its line in the file", async () => {
    const err = await caught(
      () =>
        load(
          `${head}  - id: jira-eng\n    kind: jira\n    baseUrl: https://acmepay.atlassian.net\n` +
            "    auth: { type: pat, tokenEnv: JIRA_API_TOKEN }\n    jql: project = PAY\n    lookbackMinuts: 10\n",
        ),
      ConfigError,
    );
    expect(err.message).toContain("lookbackMinuts");
  });
});
