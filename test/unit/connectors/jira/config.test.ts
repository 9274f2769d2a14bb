import { describe, expect, it } from "vitest";
import { parseJiraConfig } from "../../../../connectors/jira/config.js";
import { createJiraConnector } from "../../../../connectors/jira/connector.js";
import { JiraError } from "../../../../connectors/jira/errors.js";
import { ValidationError } from "../../../../src/model/index.js";
import { config, ENV, TOKEN } from "./support.js";

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

  it("names the file, the path and the problem", () => {
    const bad = { ...minimal, jql: "project = PAY ORDER BY created", auth: { type: "basic", tokenEnv: "X" } };
    try {
      parseJiraConfig(bad, "sightline.config.yaml connectors[2]");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      const msg = (e as ValidationError).message;
      expect(msg).toContain("sightline.config.yaml connectors[2]");
      expect(msg).toContain("jql: jql must not contain ORDER BY");
      expect(msg).toContain("auth.emailEnv");
    }
  });

  it("rejects a secret pasted where an env var name belongs", () => {
    const bad = { ...minimal, auth: { type: "pat", tokenEnv: "NjE3OTk0MzI5Mzc2Oj+secret" } };
    expect(() => parseJiraConfig(bad, "c")).toThrow(/environment variable name/);
  });

  it("says which environment variable is missing, at construction", () => {
    const err = (() => {
      try {
        createJiraConnector(config(), { env: { JIRA_EMAIL: "a@b.example" } });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(JiraError);
    expect((err as JiraError).code).toBe("jira_missing_secret");
    expect((err as JiraError).message).toContain("JIRA_API_TOKEN");
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
