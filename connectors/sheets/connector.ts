import { z } from "zod";
import type { SheetsMapping } from "../../src/mapping/index.js";
import { MappingError, mappingHash, RowMapper, resolveColumns } from "../../src/mapping/index.js";
import type { CheckResult, Connector, DateChange, PageItem, SyncPage } from "../../src/sync/contract.js";
import { locateSheet, mergesOf, readRowChunks, sheetUrl, sheetWhere } from "./sheet-reader.js";
import type { SheetsTransport } from "./transport.js";
import { type CellInput, writeBackDates, writeRowCells } from "./write-back.js";

/**
 * The cursor is the Drive file version the last complete read saw, plus a hash of the mapping it was read
 * with (editing the mapping must re-read an unchanged sheet). Null fields mean "no complete read yet".
 */
export const SheetsCursorSchema = z.object({
  version: z.string().nullable(),
  modifiedTime: z.string().nullable(),
  mappingHash: z.string().nullable(),
});
export type SheetsCursor = z.infer<typeof SheetsCursorSchema>;

const NO_CURSOR: SheetsCursor = { version: null, modifiedTime: null, mappingHash: null };

export interface SheetsConnectorOptions {
  instance: string;
  mapping: SheetsMapping;
  transport: SheetsTransport;
  /** Rows per values.get request (default 10,000: about 1 MB for a dozen columns). */
  rowsPerRequest?: number;
  /** Items per SyncPage, i.e. per store transaction (default 2,000). */
  pageSize?: number;
}

export interface SheetsConnector extends Connector<SheetsCursor> {
  writeBack(nativeKey: string, change: DateChange, signal?: AbortSignal): Promise<PageItem>;
  /** Writes mapped cells of the row holding `nativeKey` (RAW: text is never parsed as a formula). */
  writeCells(nativeKey: string, cells: CellInput, signal?: AbortSignal): Promise<PageItem>;
}

export function createSheetsConnector(options: SheetsConnectorOptions): SheetsConnector {
  const { instance, mapping, transport } = options;
  const rowsPerRequest = options.rowsPerRequest ?? 10_000;
  const pageSize = options.pageSize ?? 2_000;
  const spreadsheetId = mapping.spreadsheetId;
  const hash = mappingHash(mapping);
  const deps = { transport, mapping };

  async function* pull(
    cursor: SheetsCursor | null,
    signal?: AbortSignal,
  ): AsyncIterable<SyncPage<SheetsCursor>> {
    // An unreadable cursor (older format) only costs a full read.
    const previous = SheetsCursorSchema.safeParse(cursor).data ?? null;
    const file = await transport.getFileVersion(spreadsheetId, signal);
    if (previous && previous.version === file.version && previous.mappingHash === hash) {
      // Unchanged file, unchanged mapping: one request, nothing read, nothing written.
      yield { items: [], cursor: previous };
      return;
    }
    // Pages before the last keep the old cursor: a crash mid-read must not mark this version as read.
    const carry = previous ?? NO_CURSOR;
    const meta = await transport.getSpreadsheet(spreadsheetId, signal);
    const sheet = locateSheet(meta, mapping.sheet);
    const where = sheetWhere(spreadsheetId, sheet.title);
    let mapper: RowMapper | null = null;
    let chunks = 0;
    let buffer: PageItem[] = [];
    const chunkReader = readRowChunks(
      transport,
      {
        spreadsheetId,
        sheet,
        merges: mergesOf(meta, sheet.sheetId),
        fromRow: mapping.headerRow,
        rowsPerRequest,
      },
      signal,
    );
    for await (const chunk of chunkReader) {
      chunks++;
      let first = 0;
      if (!mapper) {
        if (chunk.rows.length === 0) {
          throw new MappingError(
            "mapping_source_empty",
            where,
            `the tab is empty (nothing at or below header row ${mapping.headerRow}): the sync is paused and nothing was deleted`,
          );
        }
        const columns = resolveColumns(chunk.rows[0] ?? [], mapping, where);
        mapper = new RowMapper({
          mapping,
          columns,
          locale: mapping.locale ?? meta.properties.locale ?? null,
          location: (row) => `${where} row ${row}`,
          defaultUrl: sheetUrl(spreadsheetId, sheet.sheetId),
        });
        first = 1;
      }
      for (let i = first; i < chunk.rows.length; i++) {
        const item = mapper.mapRow(chunk.rows[i]!, chunk.firstRow + i);
        if (item) buffer.push(item);
        if (buffer.length >= pageSize) {
          yield { items: buffer, cursor: carry };
          buffer = [];
        }
      }
    }
    if (!mapper || mapper.dataRows === 0) {
      // A sheet that suddenly has no rows is far more often a wrong tab or a broken export than an empty plan.
      throw new MappingError(
        "mapping_source_empty",
        where,
        `no data rows below header row ${mapping.headerRow}: the sync is paused and nothing was deleted. ` +
          "If the plan really is empty, remove the connector instead.",
      );
    }
    if (chunks > 1) {
      // Several requests are not one snapshot: if the sheet changed meanwhile, rows may have shifted between
      // chunks, so this read must not delete anything nor be remembered as complete.
      const after = await transport.getFileVersion(spreadsheetId, signal);
      if (after.version !== file.version) {
        yield { items: buffer, cursor: carry };
        return;
      }
    }
    const done: SheetsCursor = { version: file.version, modifiedTime: file.modifiedTime, mappingHash: hash };
    yield { items: buffer, cursor: done, snapshotComplete: true };
  }

  return {
    source: { kind: "sheets", instance },
    async check(signal?: AbortSignal): Promise<CheckResult> {
      try {
        const file = await transport.getFileVersion(spreadsheetId, signal);
        const meta = await transport.getSpreadsheet(spreadsheetId, signal);
        const sheet = locateSheet(meta, mapping.sheet);
        return {
          ok: true,
          detail: `"${meta.properties.title}" tab "${sheet.title}" is readable (version ${file.version}, modified ${file.modifiedTime})`,
        };
      } catch (error) {
        return { ok: false, detail: error instanceof Error ? error.message : String(error) };
      }
    },
    pull,
    writeBack: (nativeKey, change, signal) => writeBackDates(deps, nativeKey, change, signal),
    writeCells: (nativeKey, cells, signal) => writeRowCells(deps, nativeKey, cells, signal),
  };
}
