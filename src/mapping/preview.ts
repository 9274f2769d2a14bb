import { type ActionRecord, ActionRecordSchema } from "../model/index.js";
import { type Row, resolveColumns } from "./headers.js";
import { RowMapper } from "./row-mapper.js";
import type { Mapping } from "./schema.js";

export interface RowError {
  location: string;
  nativeKey: string | null;
  column: string | null;
  field: string | null;
  reason: string;
}

export interface MappingPreview {
  /** The first `limit` actions exactly as the sync would hand them to the store. */
  actions: ActionRecord[];
  /** Every row error, not only the first ones: the admin fixes them all in one pass. */
  rowErrors: RowError[];
  /** Rows that are not blank. */
  dataRows: number;
  validRows: number;
}

export interface PreviewOptions {
  /** `spreadsheet <id> sheet "Plan"` or `file plan.csv`: prefixes every row location (default from the mapping). */
  where?: string;
  limit?: number;
  locale?: string | null;
  defaultUrl?: string | null;
}

/**
 * `sightline mapping preview`: maps `rows` (rows[0] is the header row, at mapping.headerRow) exactly as a sync
 * would, validates each record against the canonical schema as the engine does, and writes nothing. Header
 * problems throw the same MappingError a sync would pause on.
 */
export function previewMapping(
  mapping: Mapping,
  rows: readonly Row[],
  options: PreviewOptions = {},
): MappingPreview {
  const limit = options.limit ?? 10;
  const where =
    options.where ??
    (mapping.kind === "sheets" ? `spreadsheet ${mapping.spreadsheetId}` : `file ${mapping.path}`);
  const columns = resolveColumns(rows[0] ?? [], mapping, where);
  const mapper = new RowMapper({
    mapping,
    columns,
    locale: mapping.locale ?? options.locale ?? null,
    location: (n) => `${where} row ${n}`,
    defaultUrl: options.defaultUrl ?? null,
  });
  const actions: ActionRecord[] = [];
  const rowErrors: RowError[] = [];
  let validRows = 0;
  for (let i = 1; i < rows.length; i++) {
    const item = mapper.mapRow(rows[i]!, mapping.headerRow + i);
    if (!item) continue;
    const { origin } = item;
    if (item.kind === "rejected") {
      rowErrors.push({
        location: origin.location,
        nativeKey: origin.nativeKey ?? null,
        column: origin.column ?? null,
        field: origin.field ?? null,
        reason: item.reason,
      });
      continue;
    }
    const parsed = ActionRecordSchema.safeParse(item.record);
    if (!parsed.success) {
      const [first] = parsed.error.issues;
      rowErrors.push({
        location: origin.location,
        nativeKey: origin.nativeKey ?? null,
        column: null,
        field: first ? first.path.join(".") : null,
        reason: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
      });
      continue;
    }
    validRows++;
    if (actions.length < limit) actions.push(parsed.data);
  }
  return { actions, rowErrors, dataRows: mapper.dataRows, validRows };
}
