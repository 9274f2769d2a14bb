import type { Env } from "../../src/sync/manifest.js";
import { rowsRange } from "./a1.js";
import { previewSheetMapping, suggestMappingFromSheet } from "./admin.js";
import { createAuthClient, credentialsFromEnv } from "./auth.js";
import { createGoogleSheetsTransport } from "./client.js";
import { credentialsFromConfig, type SheetsConnectorConfig, sheetsConnectorConfigSchema } from "./config.js";
import { createRecordedTransport, loadRecordedSheet } from "./recorded-transport.js";
import { locateSheet } from "./sheet-reader.js";
import type { SheetsTransport } from "./transport.js";

export type { SheetsConnectorConfig, SheetsTransport };

/**
 * What the web admin's mapping editor uses of the sheets kind (through connectors/registry.ts): read a tab,
 * suggest and preview a mapping. It only reads, so Google is asked for read-only scopes even when the sync
 * writes back.
 */
export const sheetsMappingEditor = {
  configSchema: sheetsConnectorConfigSchema,
  /** A configured instance's transport (its recorded folder, or Google with its credentials). */
  async transportOf(config: SheetsConnectorConfig, env: Env): Promise<SheetsTransport> {
    if (config.recorded) return createRecordedTransport(await loadRecordedSheet(config.recorded));
    const auth = await createAuthClient(credentialsFromConfig(config.auth, env), { readOnly: true });
    return createGoogleSheetsTransport({ auth, ...(config.rootUrl ? { rootUrl: config.rootUrl } : {}) });
  },
  /** Any spreadsheet, with the default Google credentials of the environment. */
  async transportFromEnv(env: Env): Promise<SheetsTransport> {
    const auth = await createAuthClient(credentialsFromEnv({ ...env }), { readOnly: true });
    return createGoogleSheetsTransport({ auth });
  },
  locateSheet,
  rowsRange,
  previewSheetMapping,
  suggestMappingFromSheet,
};
