import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import type { CsvMapping } from "../../src/mapping/index.js";
import {
  type MappingPreview,
  type MappingSuggestion,
  previewMapping,
  suggestMapping,
} from "../../src/mapping/index.js";
import { parseCsv } from "./parse.js";

/** `sightline mapping preview` for a csv mapping; `path` is the CSV file, already resolved. */
export async function previewCsvMapping(
  mapping: CsvMapping,
  path: string,
  options: { limit?: number } = {},
): Promise<MappingPreview> {
  const where = `file ${basename(path)}`;
  const records = parseCsv(await readFile(path, "utf8"), { delimiter: mapping.delimiter, where });
  const rows = records.slice(mapping.headerRow - 1).map((r) => r.fields);
  return previewMapping(mapping, rows, { where, limit: options.limit });
}

/** `sightline mapping suggest --csv FILE`: a csv mapping proposed from the file's header and first rows. */
export async function suggestCsvMapping(
  path: string,
  options: { delimiter?: string; headerRow?: number; sampleRows?: number; locale?: string } = {},
): Promise<MappingSuggestion> {
  const records = parseCsv(await readFile(path, "utf8"), {
    delimiter: options.delimiter,
    where: `file ${basename(path)}`,
  });
  const headerRow = options.headerRow ?? 1;
  const [header, ...rest] = records.slice(headerRow - 1).map((r) => r.fields);
  const suggestion = suggestMapping({
    header: header ?? [],
    sampleRows: rest.slice(0, options.sampleRows ?? 50),
    path: basename(path),
    headerRow,
    locale: options.locale ?? null,
  });
  const { mapping } = suggestion;
  if (mapping.kind === "csv" && options.delimiter) {
    return { ...suggestion, mapping: { ...mapping, delimiter: options.delimiter } };
  }
  return suggestion;
}
