import { defineConnector } from "../../src/sync/manifest.js";
import { createSheetsConnectorFromConfig, sheetsConnectorConfigSchema } from "./config.js";

/** `kind: sheets`: a Google Sheets tab read through an admin's column mapping; dates are written back. */
export const sheetsConnector = defineConnector({
  kind: "sheets",
  label: "Google Sheets",
  configSchema: sheetsConnectorConfigSchema,
  create: (id, options, deps) => createSheetsConnectorFromConfig(id, options, { env: deps.env }),
  replay: { from: "recorded", option: "recorded" },
});
