export { previewSheetMapping, type SuggestFromSheetOptions, suggestMappingFromSheet } from "./admin.js";
export {
  createAuthClient,
  credentialsFromEnv,
  ENV as GOOGLE_ENV,
  type GoogleAuthClient,
  type GoogleCredentials,
} from "./auth.js";
export { createGoogleSheetsTransport, type GoogleSheetsTransportOptions } from "./client.js";
export {
  createSheetsConnectorFromConfig,
  credentialsFromConfig,
  type SheetsAuthConfig,
  SheetsAuthConfigSchema,
  type SheetsConnectorConfig,
  sheetsConnectorConfigSchema,
} from "./config.js";
export {
  createSheetsConnector,
  type SheetsConnector,
  type SheetsConnectorOptions,
  type SheetsCursor,
  SheetsCursorSchema,
} from "./connector.js";
export { SHEETS_ERROR_CODES, SheetsError, type SheetsErrorCode } from "./errors.js";
export {
  createRecordedTransport,
  loadRecordedSheet,
  RECORDING_FILES,
  type RecordedSheet,
  type RecordedTransport,
} from "./recorded-transport.js";
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry.js";
export type { CellWrite, SheetsTransport } from "./transport.js";
export type { CellInput } from "./write-back.js";
