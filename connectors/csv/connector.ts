import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { z } from "zod";
import type { CsvMapping } from "../../src/mapping/index.js";
import { MappingError, mappingHash, RowMapper, resolveColumns } from "../../src/mapping/index.js";
import type { CheckResult, Connector, PageItem, SyncPage } from "../../src/sync/contract.js";
import { csvRowItem, readCsvTable } from "./csv-table.js";

/** The file's content hash and the mapping's: an unchanged export under an unchanged mapping is skipped. */
export const CsvCursorSchema = z.object({ sha256: z.string(), mappingHash: z.string() });
export type CsvCursor = z.infer<typeof CsvCursorSchema>;

export interface CsvConnectorOptions {
  instance: string;
  mapping: CsvMapping;
  /** Absolute path of the CSV file (a mapping's `path` is relative to the mapping file). */
  path: string;
  /** Items per SyncPage (default 2,000). */
  pageSize?: number;
  readFile?: (path: string) => Promise<Buffer>;
}

/**
 * `kind: csv`: the same mapping applied to a CSV export of the sheet, for teams that keep their plan offline.
 * Rows are numbered as a spreadsheet shows the file (record n is row n); the line is added when a quoted
 * field spanning lines makes them differ. No write-back: the export is a copy, not the plan.
 */
export function createCsvConnector(options: CsvConnectorOptions): Connector<CsvCursor> {
  const { instance, mapping, path } = options;
  const read = options.readFile ?? ((p: string) => readFile(p));
  const pageSize = options.pageSize ?? 2_000;
  const hash = mappingHash(mapping);
  const where = `file ${basename(path)}`;

  async function* pull(cursor: CsvCursor | null): AsyncIterable<SyncPage<CsvCursor>> {
    const previous = CsvCursorSchema.safeParse(cursor).data ?? null;
    const bytes = await read(path);
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    if (previous && previous.sha256 === sha256 && previous.mappingHash === hash) {
      yield { items: [], cursor: previous };
      return;
    }
    const carry = previous ?? { sha256: "", mappingHash: "" };
    const table = readCsvTable(bytes, mapping, where);
    if (table.records === 0) {
      throw new MappingError(
        "mapping_source_empty",
        where,
        "the file is empty: the sync is paused and nothing was deleted",
      );
    }
    const { header, rows } = table;
    const columns = resolveColumns(header, mapping, where);
    const lines = new Map<number, number>();
    const location = (row: number) => {
      const line = lines.get(row);
      return line === undefined || line === row
        ? `${where} row ${row}`
        : `${where} row ${row} (line ${line})`;
    };
    const mapper = new RowMapper({
      mapping,
      columns,
      locale: mapping.locale ?? null,
      location,
      defaultUrl: null,
    });
    let buffer: PageItem[] = table.warning === null ? [] : [table.warning];
    for (const [i, record] of rows.entries()) {
      const rowNumber = mapping.headerRow + 1 + i;
      lines.set(rowNumber, record.line);
      const item = csvRowItem(mapper, record, rowNumber, location(rowNumber));
      if (item) buffer.push(item);
      if (buffer.length >= pageSize) {
        yield { items: buffer, cursor: carry };
        buffer = [];
      }
    }
    if (mapper.dataRows === 0) {
      throw new MappingError(
        "mapping_source_empty",
        where,
        `no data rows below header row ${mapping.headerRow}: the sync is paused and nothing was deleted`,
      );
    }
    yield { items: buffer, cursor: { sha256, mappingHash: hash }, snapshotComplete: true };
  }

  return {
    source: { kind: "csv", instance },
    async check(): Promise<CheckResult> {
      try {
        const { header, rows } = readCsvTable(await read(path), mapping, where);
        resolveColumns(header, mapping, where);
        return { ok: true, detail: `${path}: ${rows.length} rows, every mapped header present` };
      } catch (error) {
        return { ok: false, detail: error instanceof Error ? error.message : String(error) };
      }
    },
    pull,
  };
}
