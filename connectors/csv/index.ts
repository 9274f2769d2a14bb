export { previewCsvMapping, suggestCsvMapping } from "./admin.js";
export { type CsvConnectorConfig, createCsvConnectorFromConfig, csvConnectorConfigSchema } from "./config.js";
export {
  type CsvConnectorOptions,
  type CsvCursor,
  CsvCursorSchema,
  createCsvConnector,
} from "./connector.js";
export { CsvParseError, type CsvRecord, parseCsv } from "./parse.js";
