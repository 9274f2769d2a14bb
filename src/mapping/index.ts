export { dateToSerial, formatTextDate } from "./dates.js";
export {
  MAPPING_ERROR_CODES,
  MappingError,
  type MappingErrorCode,
  type MissingHeader,
} from "./errors.js";
export { mappingHash } from "./hash.js";
export { type Cell, type ColumnMap, columnLetter, type Row, resolveColumns } from "./headers.js";
export {
  formatMappingIssue,
  type LoadedMapping,
  loadMappingFile,
  type MappingIssue,
  type MappingValidation,
  parseMappingText,
  validateMappingFile,
} from "./load.js";
export { type MappingPreview, type PreviewOptions, previewMapping, type RowError } from "./preview.js";
export { nativeKeyFor, RowMapper, type RowMapperOptions } from "./row-mapper.js";
export * from "./schema.js";
export { type MappingSuggestion, type SuggestInput, suggestMapping } from "./suggest.js";
export { toYaml } from "./to-yaml.js";
