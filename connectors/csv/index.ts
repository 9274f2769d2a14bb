import { defineConnector } from "../../src/sync/manifest.js";
import { createCsvConnectorFromConfig, csvConnectorConfigSchema } from "./config.js";

/** `kind: csv`: a CSV export read through an admin's column mapping (mappings/*.yaml). */
export const csvConnector = defineConnector({
  kind: "csv",
  label: "CSV",
  configSchema: csvConnectorConfigSchema,
  create: (id, options) => createCsvConnectorFromConfig(id, options),
});
