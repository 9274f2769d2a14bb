import type { Row, SheetsMapping } from "../../src/mapping/index.js";
import {
  type MappingPreview,
  type MappingSuggestion,
  previewMapping,
  suggestMapping,
} from "../../src/mapping/index.js";
import { rowsRange } from "./a1.js";
import { locateSheet, mergesOf, readRowChunks, sheetUrl, sheetWhere } from "./sheet-reader.js";
import type { SheetsTransport } from "./transport.js";

/**
 * The Google side of `sightline mapping suggest|preview`: read what the pure functions in mappings/engine
 * need, write nothing.
 */
export interface SuggestFromSheetOptions {
  spreadsheetId: string;
  /** Tab title; the first tab when absent. */
  sheetTitle?: string;
  sheetId?: number;
  headerRow?: number;
  /** Rows after the header to look at (default 50). */
  sampleRows?: number;
}

export async function suggestMappingFromSheet(
  transport: SheetsTransport,
  options: SuggestFromSheetOptions,
  signal?: AbortSignal,
): Promise<MappingSuggestion> {
  const meta = await transport.getSpreadsheet(options.spreadsheetId, signal);
  const sheet = locateSheet(meta, { id: options.sheetId, title: options.sheetTitle });
  const headerRow = options.headerRow ?? 1;
  // values.get rejects ranges beyond the grid ("exceeds grid limits").
  const rowCount = sheet.gridProperties?.rowCount ?? headerRow;
  const last = Math.max(headerRow, Math.min(headerRow + (options.sampleRows ?? 50), rowCount));
  const range = await transport.getValues(
    options.spreadsheetId,
    rowsRange(sheet.title, headerRow, last),
    signal,
  );
  const [header = [], ...sampleRows] = range.values;
  return suggestMapping({
    header,
    sampleRows,
    spreadsheetId: options.spreadsheetId,
    sheet: { id: sheet.sheetId, title: sheet.title },
    headerRow,
    locale: meta.properties.locale ?? null,
  });
}

/** Reads the mapped tab in full (in chunks, as a sync would) and previews the mapping over it. */
export async function previewSheetMapping(
  transport: SheetsTransport,
  mapping: SheetsMapping,
  options: { limit?: number; rowsPerRequest?: number } = {},
  signal?: AbortSignal,
): Promise<MappingPreview> {
  const meta = await transport.getSpreadsheet(mapping.spreadsheetId, signal);
  const sheet = locateSheet(meta, mapping.sheet);
  const rows: Row[] = [];
  const chunks = readRowChunks(
    transport,
    {
      spreadsheetId: mapping.spreadsheetId,
      sheet,
      merges: mergesOf(meta, sheet.sheetId),
      fromRow: mapping.headerRow,
      rowsPerRequest: options.rowsPerRequest ?? 10_000,
    },
    signal,
  );
  for await (const chunk of chunks) {
    // Chunks omit trailing empty rows; pad so row numbers stay those of the sheet.
    const expected = chunk.firstRow - mapping.headerRow;
    while (rows.length < expected) rows.push([]);
    rows.push(...chunk.rows);
  }
  return previewMapping(mapping, rows, {
    where: sheetWhere(mapping.spreadsheetId, sheet.title),
    limit: options.limit,
    locale: meta.properties.locale ?? null,
    defaultUrl: sheetUrl(mapping.spreadsheetId, sheet.sheetId),
  });
}
