import { defineConnector } from "../../src/sync/manifest.js";
import { createSlackConnectorFromConfig, slackConnectorConfigSchema } from "./config.js";

/** `kind: slack`: actions people create in Slack; Sightline's store is their source of truth. */
export const slackConnector = defineConnector({
  kind: "slack",
  label: "Slack",
  configSchema: slackConnectorConfigSchema,
  create: async (id, options, deps) =>
    createSlackConnectorFromConfig(id, options, {
      ...(deps.current ? { current: deps.current } : {}),
      ...(deps.now ? { now: () => (deps.now ?? (() => new Date()))().toISOString() } : {}),
    }),
});
