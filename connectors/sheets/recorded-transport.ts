import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { z } from "zod";
import { type ParsedRange, parseRange, quoteSheet } from "./a1.js";
import { SheetsError } from "./errors.js";
import {
  type CellValue,
  type DriveFileVersion,
  DriveFileVersionSchema,
  type SpreadsheetMeta,
  SpreadsheetMetaSchema,
  type ValueRange,
  ValueRangeSchema,
} from "./raw-schema.js";
import type { SheetsTransport } from "./transport.js";

/**
 * Recorded Google responses for one tab, replayed without credentials or network: the demo's Marketing plan
 * runs through the real connector this way. `values` is a values.get response for the tab from row 1.
 */
export interface RecordedSheet {
  drive: DriveFileVersion;
  spreadsheet: SpreadsheetMeta;
  values: ValueRange;
}

export const RECORDING_FILES = {
  drive: "drive-files-get.json",
  spreadsheet: "spreadsheets-get.json",
  values: "values-get.json",
} as const;

async function readJson<S extends z.ZodType>(path: string, schema: S): Promise<z.output<S>> {
  const parsed = schema.safeParse(JSON.parse(await readFile(path, "utf8")));
  if (!parsed.success) {
    throw new SheetsError(
      "sheets_bad_response",
      `${path}: not a recorded Google response: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  }
  return parsed.data;
}

export async function loadRecordedSheet(dir: string): Promise<RecordedSheet> {
  return {
    drive: await readJson(join(dir, RECORDING_FILES.drive), DriveFileVersionSchema),
    spreadsheet: await readJson(join(dir, RECORDING_FILES.spreadsheet), SpreadsheetMetaSchema),
    values: await readJson(join(dir, RECORDING_FILES.values), ValueRangeSchema),
  };
}

/** Google omits trailing empty cells and rows; the replay does the same so short rows stay short. */
function trimRow(row: CellValue[]): CellValue[] {
  let end = row.length;
  while (end > 0 && (row[end - 1] === "" || row[end - 1] === null)) end--;
  return row.slice(0, end);
}

function trimRows(rows: CellValue[][]): CellValue[][] {
  const out = rows.map(trimRow);
  while (out.length > 0 && out[out.length - 1]!.length === 0) out.pop();
  return out;
}

export interface RecordedTransport extends SheetsTransport {
  /** Every call made, in order ("drive.files.get", "values.get 'Plan'!1:1000", ...). */
  readonly requests: string[];
  /** The grid as it stands, writes applied. */
  readonly grid: CellValue[][];
}

/** A transport over one recorded tab. Writes change the in-memory grid and bump the Drive version. */
export function createRecordedTransport(recording: RecordedSheet): RecordedTransport {
  const origin = parseRange(recording.values.range);
  const firstRow = origin?.startRow ?? 1;
  const grid: CellValue[][] = [];
  recording.values.values.forEach((row, i) => {
    grid[firstRow - 1 + i] = [...row];
  });
  let version = Number(recording.drive.version);
  let modifiedTime = recording.drive.modifiedTime;
  const requests: string[] = [];

  const select = (r: ParsedRange): CellValue[][] => {
    const fromRow = r.startRow ?? 1;
    const toRow = r.endRow ?? grid.length;
    const rows: CellValue[][] = [];
    for (let n = fromRow; n <= toRow; n++) {
      const row = grid[n - 1] ?? [];
      rows.push(row.slice(r.startCol ?? 0, r.endCol === null ? undefined : r.endCol + 1));
    }
    return trimRows(rows);
  };
  const parsed = (range: string): ParsedRange => {
    const r = parseRange(range);
    if (!r) throw new SheetsError("sheets_bad_request", `Unable to parse range: ${range}`, { status: 400 });
    return r;
  };

  return {
    requests,
    grid,
    async getFileVersion() {
      requests.push("drive.files.get");
      return { version: String(version), modifiedTime };
    },
    async getSpreadsheet() {
      requests.push("spreadsheets.get");
      return recording.spreadsheet;
    },
    async getValues(_id, range) {
      requests.push(`values.get ${range}`);
      const r = parsed(range);
      return {
        range: `${quoteSheet(r.sheet)}!${range.split("!")[1] ?? ""}`,
        majorDimension: "ROWS",
        values: select(r),
      };
    },
    async writeValues(_id, writes) {
      for (const w of writes) {
        requests.push(`values.update ${w.range}`);
        const r = parsed(w.range);
        w.values.forEach((cells, i) => {
          const n = (r.startRow ?? 1) - 1 + i;
          const row = grid[n] ?? [];
          cells.forEach((value, j) => {
            row[(r.startCol ?? 0) + j] = value;
          });
          grid[n] = Array.from(row, (c) => c ?? "");
        });
      }
      version++;
      modifiedTime = new Date().toISOString();
    },
  };
}
