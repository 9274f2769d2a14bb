import { defineConnector } from "../../src/sync/manifest.js";
import { jiraOptionsSchema, parseJiraConfig } from "./config.js";
import { createJiraConnector } from "./connector.js";
import { jiraConnectorEndpoint } from "./webhook.js";

/** `kind: jira`: Jira Cloud or Data Center issues by JQL, dependencies from issue links, webhooks, write-back. */
export const jiraConnector = defineConnector({
  kind: "jira",
  label: "Jira",
  configSchema: jiraOptionsSchema,
  create: async (id, options, deps) =>
    createJiraConnector(parseJiraConfig({ ...options, id, kind: "jira" }, `connector "${id}"`), {
      env: deps.env,
      fullScan: deps.fullScan,
      timeZone: deps.organisationTimeZone,
      ...(deps.now ? { now: deps.now } : {}),
    }),
  replay: { from: "recorded", option: "recorded" },
  webhook: {
    async open(connector, options, deps) {
      if (!options.webhookSecretEnv || !deps.env[options.webhookSecretEnv]?.trim()) {
        return { unavailable: `no webhook secret is set (webhookSecretEnv)` };
      }
      connector.primeFromCursor(await deps.readCursor());
      return jiraConnectorEndpoint(connector, deps.storedUpdatedAt);
    },
  },
});
