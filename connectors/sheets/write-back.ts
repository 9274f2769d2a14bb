import {
  DATE_FIELDS,
  dateToSerial,
  formatTextDate,
  MAPPED_FIELDS,
  type MappedField,
  nativeKeyFor,
  RowMapper,
  resolveColumns,
  type SheetsMapping,
} from "../../src/mapping/index.js";
import { CalendarDateSchema } from "../../src/model/index.js";
import type { DateChange, PageItem } from "../../src/sync/contract.js";
import { cellsRange, columnRange, rowsRange } from "./a1.js";
import { SheetsError } from "./errors.js";
import type { CellValue } from "./raw-schema.js";
import { locateSheet, sheetUrl, sheetWhere } from "./sheet-reader.js";
import type { CellWrite, SheetsTransport } from "./transport.js";

/** New cell contents by field; null clears the cell. */
export type CellInput = Partial<Record<MappedField, string | number | null>>;

interface Deps {
  transport: SheetsTransport;
  mapping: SheetsMapping;
}

/** Adjacent columns become one range, so start and due side by side are written in one request. */
function groupWrites(title: string, row: number, cells: { index: number; value: CellValue }[]): CellWrite[] {
  const sorted = [...cells].sort((a, b) => a.index - b.index);
  const writes: CellWrite[] = [];
  let from = -1;
  let values: CellValue[] = [];
  sorted.forEach((cell, i) => {
    if (i === 0 || cell.index !== sorted[i - 1]!.index + 1) {
      if (values.length > 0)
        writes.push({ range: cellsRange(title, from, from + values.length - 1, row), values: [values] });
      from = cell.index;
      values = [];
    }
    values.push(cell.value);
  });
  if (values.length > 0)
    writes.push({ range: cellsRange(title, from, from + values.length - 1, row), values: [values] });
  return writes;
}

/**
 * Writes cells of the row that holds `nativeKey`, found by reading the key column (never by a remembered row
 * number: rows move), with valueInputOption=RAW so "=IMPORTXML(...)", "+1" or "@here" land as text and are
 * never evaluated. Returns the row as re-read after the write, mapped like a sync would map it.
 */
export async function writeRowCells(
  { transport, mapping }: Deps,
  nativeKey: string,
  input: CellInput,
  signal?: AbortSignal,
): Promise<PageItem> {
  const spreadsheetId = mapping.spreadsheetId;
  const meta = await transport.getSpreadsheet(spreadsheetId, signal);
  const sheet = locateSheet(meta, mapping.sheet);
  const where = sheetWhere(spreadsheetId, sheet.title);
  const headerRow = mapping.headerRow;
  const header = await transport.getValues(
    spreadsheetId,
    rowsRange(sheet.title, headerRow, headerRow),
    signal,
  );
  const columns = resolveColumns(header.values[0] ?? [], mapping, where);

  const cells: { index: number; value: CellValue }[] = [];
  for (const field of MAPPED_FIELDS) {
    const value = input[field];
    if (value === undefined) continue;
    const column = columns.fields[field];
    if (!column) {
      throw new SheetsError(
        "sheets_column_unmapped",
        `${where}: the mapping has no ${field} column to write to`,
      );
    }
    // RAW stores "" as an empty cell; null would mean "leave unchanged" to the API.
    cells.push({ index: column.index, value: value ?? "" });
  }
  if (cells.length === 0)
    throw new SheetsError("sheets_bad_change", `${where}: nothing to write for ${nativeKey}`);

  const keyColumn = await transport.getValues(
    spreadsheetId,
    columnRange(sheet.title, columns.key.index, headerRow + 1),
    signal,
  );
  const rows = keyColumn.values.flatMap((r, i) =>
    nativeKeyFor(mapping, r[0]) === nativeKey ? [headerRow + 1 + i] : [],
  );
  const [row, ...others] = rows;
  if (row === undefined) {
    throw new SheetsError(
      "sheets_key_not_found",
      `${where}: no row has key "${nativeKey}" in column "${columns.key.header}"; it may have been deleted`,
    );
  }
  if (others.length > 0) {
    throw new SheetsError(
      "sheets_key_duplicate",
      `${where}: key "${nativeKey}" is on rows ${rows.join(", ")}; fix the duplicate before replanning`,
    );
  }

  await transport.writeValues(spreadsheetId, groupWrites(sheet.title, row, cells), signal);

  const after = await transport.getValues(spreadsheetId, rowsRange(sheet.title, row, row), signal);
  const values = after.values[0] ?? [];
  if (nativeKeyFor(mapping, values[columns.key.index]) !== nativeKey) {
    // Someone inserted or deleted rows between finding the row and writing it.
    throw new SheetsError(
      "sheets_row_moved",
      `${where}: row ${row} no longer holds "${nativeKey}" after the write (rows moved meanwhile); check row ${row} and retry`,
    );
  }
  const mapper = new RowMapper({
    mapping,
    columns,
    locale: mapping.locale ?? meta.properties.locale ?? null,
    location: (n) => `${where} row ${n}`,
    defaultUrl: sheetUrl(spreadsheetId, sheet.sheetId),
  });
  const item = mapper.mapRow(values, row);
  if (!item) throw new SheetsError("sheets_row_moved", `${where}: row ${row} is empty after the write`);
  return item;
}

/**
 * Replan write-back: the new dates go into the mapped date cells of the action's row. A column read as Sheets
 * dates gets a serial number (the cell keeps its date format); a column with a text format gets text in that
 * format, so the sheet reads the same either way.
 */
export async function writeBackDates(
  deps: Deps,
  nativeKey: string,
  change: DateChange,
  signal?: AbortSignal,
): Promise<PageItem> {
  const input: CellInput = {};
  for (const field of DATE_FIELDS) {
    const date = change[field];
    if (date === undefined) continue;
    if (date === null) {
      input[field] = null;
      continue;
    }
    if (!CalendarDateSchema.safeParse(date).success) {
      throw new SheetsError(
        "sheets_bad_change",
        `${field} must be a calendar date YYYY-MM-DD, got ${JSON.stringify(date)}`,
      );
    }
    const transform = deps.mapping.fields[field]?.transform;
    input[field] =
      typeof transform === "object" && transform.format
        ? formatTextDate(date, transform.format)
        : dateToSerial(date);
  }
  return writeRowCells(deps, nativeKey, input, signal);
}
