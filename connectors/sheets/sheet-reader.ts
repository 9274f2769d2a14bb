import type { Row } from "../../src/mapping/index.js";
import { MappingError } from "../../src/mapping/index.js";
import { rowsRange } from "./a1.js";
import { MergedCellFiller } from "./merged-cells.js";
import type { GridRange, SheetProperties, SpreadsheetMeta } from "./raw-schema.js";
import type { SheetsTransport } from "./transport.js";

export function sheetWhere(spreadsheetId: string, title: string): string {
  return `spreadsheet ${spreadsheetId} sheet "${title}"`;
}

/** Link to the tab (never to a row: row numbers shift when rows are inserted). */
export function sheetUrl(spreadsheetId: string, sheetId: number): string {
  return `https://docs.google.com/spreadsheets/d/${spreadsheetId}/edit#gid=${sheetId}`;
}

/**
 * The tab a mapping names: by stable sheetId first (survives renames), by title when there is no id or the id
 * is gone, the first tab when the mapping names neither.
 */
export function locateSheet(
  meta: SpreadsheetMeta,
  selector: { id?: number | undefined; title?: string | undefined },
): SheetProperties {
  const tabs = meta.sheets.map((s) => s.properties);
  const byId = selector.id === undefined ? undefined : tabs.find((t) => t.sheetId === selector.id);
  const byTitle = selector.title === undefined ? undefined : tabs.find((t) => t.title === selector.title);
  const first = [...tabs].sort((a, b) => (a.index ?? 0) - (b.index ?? 0))[0];
  const found =
    byId ?? byTitle ?? (selector.id === undefined && selector.title === undefined ? first : undefined);
  if (found) return found;
  const wanted = [
    selector.id === undefined ? null : `sheetId ${selector.id}`,
    selector.title === undefined ? null : `title "${selector.title}"`,
  ]
    .filter((s) => s !== null)
    .join(" or ");
  throw new MappingError(
    "mapping_sheet_not_found",
    `spreadsheet ${meta.spreadsheetId}`,
    `no tab with ${wanted}; tabs: ${tabs.map((t) => `"${t.title}" (sheetId ${t.sheetId})`).join(", ") || "none"}`,
  );
}

/** The merged blocks of a tab, as spreadsheets.get listed them. */
export function mergesOf(meta: SpreadsheetMeta, sheetId: number): GridRange[] {
  return meta.sheets.find((s) => s.properties.sheetId === sheetId)?.merges ?? [];
}

export interface RowChunk {
  /** Sheet row number (1-based) of rows[0]. */
  firstRow: number;
  rows: Row[];
}

/**
 * Reads rows `fromRow`..the end of the grid in requests of `rowsPerRequest` rows, so a 100k-row sheet is
 * neither one giant response nor held in memory at once. Chunk ends are clamped to the grid's row count
 * (values.get rejects ranges beyond it), and the loop goes by that count rather than by short answers:
 * Google omits trailing empty rows, so a short chunk does not mean the sheet ended. Merged cells below
 * `fromRow` (the header row) get their block's value (merged-cells.ts).
 */
export async function* readRowChunks(
  transport: SheetsTransport,
  opts: {
    spreadsheetId: string;
    sheet: SheetProperties;
    merges: readonly GridRange[];
    fromRow: number;
    rowsPerRequest: number;
  },
  signal?: AbortSignal,
): AsyncGenerator<RowChunk> {
  const rowCount = opts.sheet.gridProperties?.rowCount ?? opts.fromRow;
  const merged = new MergedCellFiller(opts.merges, opts.fromRow);
  let start = opts.fromRow;
  do {
    const end = Math.min(start + opts.rowsPerRequest - 1, Math.max(rowCount, start));
    const range = await transport.getValues(
      opts.spreadsheetId,
      rowsRange(opts.sheet.title, start, end),
      signal,
    );
    merged.fill(range.values, start);
    yield { firstRow: start, rows: range.values };
    start = end + 1;
  } while (start <= rowCount);
}
