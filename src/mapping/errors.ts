import { SightlineError } from "../model/index.js";

export const MAPPING_ERROR_CODES = [
  "mapping_header_missing",
  "mapping_header_duplicate",
  "mapping_source_empty",
  "mapping_sheet_not_found",
] as const;
export type MappingErrorCode = (typeof MAPPING_ERROR_CODES)[number];

/** A header the mapping names but the sheet does not have, with the nearest header the sheet does have. */
export interface MissingHeader {
  field: string;
  header: string;
  closest: string | null;
}

/**
 * The source no longer fits its mapping (a required header renamed, a header duplicated, every row gone).
 * `pausesSync` is true for all of them: syncing on would blank a field on every action or delete them all,
 * so the run stops before writing anything and an admin fixes the sheet or the mapping.
 */
export class MappingError extends SightlineError {
  declare readonly code: MappingErrorCode;
  readonly pausesSync = true;
  /** Where: `spreadsheet <id> sheet "<title>"` or `file <path>`. */
  readonly where: string;
  readonly missing: readonly MissingHeader[];
  readonly duplicates: readonly string[];
  constructor(
    code: MappingErrorCode,
    where: string,
    message: string,
    details: { missing?: MissingHeader[]; duplicates?: string[]; cause?: unknown } = {},
  ) {
    super(code, `${where}: ${message}`, { cause: details.cause });
    this.where = where;
    this.missing = details.missing ?? [];
    this.duplicates = details.duplicates ?? [];
  }
}
