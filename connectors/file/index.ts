import { defineConnector } from "../../src/sync/manifest.js";
import { fileConnectorConfigSchema } from "./config.js";
import { fileConnectorFromConfig } from "./connector.js";

/** `kind: file`: a plan in Sightline's own shape, the embedded default and the demo's plans. */
export const fileConnector = defineConnector({
  kind: "file",
  label: "plan file",
  configSchema: fileConnectorConfigSchema,
  create: async (id, options) => fileConnectorFromConfig(id, options),
  replay: { from: "plan", option: "path" },
});
