export {
  MAPPING_ERROR_CODES,
  MappingError,
  type MappingErrorCode,
  type MissingHeader,
} from "./engine/errors.js";
export { type Cell, type ColumnMap, type Row, resolveColumns } from "./engine/headers.js";
export { type MappingPreview, type PreviewOptions, previewMapping, type RowError } from "./engine/preview.js";
export { RowMapper, type RowMapperOptions } from "./engine/row-mapper.js";
export { type MappingSuggestion, type SuggestInput, suggestMapping } from "./engine/suggest.js";
export { toYaml } from "./engine/to-yaml.js";
export {
  formatMappingIssue,
  type LoadedMapping,
  loadMappingFile,
  type MappingIssue,
  type MappingValidation,
  parseMappingText,
  validateMappingFile,
} from "./load.js";
export * from "./schema.js";
