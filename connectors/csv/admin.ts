import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import type { CsvMapping } from "../../src/mapping/index.js";
import {
  type MappingPreview,
  type MappingSuggestion,
  previewMapping,
  type RowError,
  suggestMapping,
} from "../../src/mapping/index.js";
import { readCsvTable } from "./csv-table.js";
import { decodeCsvBytes } from "./decode.js";
import { detectDelimiter } from "./detect-delimiter.js";
import { parseCsv } from "./parse.js";

/**
 * `sightline mapping preview` for a csv mapping; `path` is the CSV file, already resolved. Rows with broken
 * quoting and an encoding warning are row errors, as the sync would quarantine them.
 */
export async function previewCsvMapping(
  mapping: CsvMapping,
  path: string,
  options: { limit?: number } = {},
): Promise<MappingPreview> {
  const where = `file ${basename(path)}`;
  const table = readCsvTable(await readFile(path), mapping, where);
  // A broken row is left blank for the mapper (so it is neither an action nor counted) and reported below.
  const rows = [table.header, ...table.rows.map((r) => (r.error === undefined ? r.fields : []))];
  const preview = previewMapping(mapping, rows, { where, limit: options.limit });
  const broken = table.rows.flatMap((r, i) =>
    r.error === undefined ? [] : [{ row: mapping.headerRow + 1 + i, reason: r.error }],
  );
  const rowErrors: RowError[] = [
    ...(table.warning !== null
      ? [
          {
            location: table.warning.origin.location,
            nativeKey: null,
            column: null,
            field: "encoding",
            reason: table.warning.reason,
          },
        ]
      : []),
    ...broken.map((b) => ({
      location: `${where} row ${b.row}`,
      nativeKey: null,
      column: null,
      field: null,
      reason: `${b.reason}: the row is not read; fix its quotes in the file`,
    })),
    ...preview.rowErrors,
  ];
  return { ...preview, rowErrors, dataRows: preview.dataRows + broken.length };
}

/** `sightline mapping suggest --csv FILE`: a csv mapping proposed from the file's header and first rows. */
export async function suggestCsvMapping(
  path: string,
  options: { delimiter?: string; headerRow?: number; sampleRows?: number; locale?: string } = {},
): Promise<MappingSuggestion> {
  const { text } = decodeCsvBytes(await readFile(path), undefined);
  const delimiter = options.delimiter ?? detectDelimiter(text);
  const records = parseCsv(text, { delimiter });
  const headerRow = options.headerRow ?? 1;
  const [header, ...rest] = records
    .slice(headerRow - 1)
    .filter((r) => r.error === undefined)
    .map((r) => r.fields);
  const suggestion = suggestMapping({
    header: header ?? [],
    sampleRows: rest.slice(0, options.sampleRows ?? 50),
    path: basename(path),
    headerRow,
    locale: options.locale ?? null,
  });
  const { mapping } = suggestion;
  if (mapping.kind !== "csv" || delimiter === ",") return suggestion;
  const why = options.delimiter ? "as given" : "detected from the file";
  return {
    ...suggestion,
    mapping: { ...mapping, delimiter },
    notes: [...suggestion.notes, `delimiter: ${JSON.stringify(delimiter)} (${why})`],
  };
}
