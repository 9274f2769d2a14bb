import type { CsvMapping, RowMapper } from "../../src/mapping/index.js";
import type { PageItem } from "../../src/sync/contract.js";
import { decodeCsvBytes } from "./decode.js";
import { type CsvRecord, parseCsv } from "./parse.js";

export interface CsvTable {
  header: string[];
  /** The records below the header row, broken ones included (with their `error`). */
  rows: CsvRecord[];
  /** Records in the whole file, header included. */
  records: number;
  /** A quarantine entry when the bytes are not valid in the encoding read, or it was guessed. */
  warning: RejectedItem | null;
}

type RejectedItem = Extract<PageItem, { kind: "rejected" }>;

/** An export's bytes as the connector and `mapping preview` read them: decoded, parsed, split at the header. */
export function readCsvTable(bytes: Uint8Array, mapping: CsvMapping, where: string): CsvTable {
  const decoded = decodeCsvBytes(bytes, mapping.encoding);
  const records = parseCsv(decoded.text, { delimiter: mapping.delimiter });
  const warning: RejectedItem | null =
    decoded.warning === null
      ? null
      : {
          kind: "rejected",
          reason: `${where}: ${decoded.warning.reason}; every row was read`,
          origin: { location: `${where} line ${decoded.warning.line}`, nativeKey: null, field: "encoding" },
        };
  return {
    header: records[mapping.headerRow - 1]?.fields ?? [],
    rows: records.slice(mapping.headerRow),
    records: records.length,
    warning,
  };
}

/**
 * One record as a page item. A record with broken quoting is quarantined with its line; the key read from
 * it the forgiving way is kept with the entry, so the action stays as stored instead of being deleted by
 * the run's snapshot.
 */
export function csvRowItem(
  mapper: RowMapper,
  record: CsvRecord,
  rowNumber: number,
  location: string,
): PageItem | null {
  const item = mapper.mapRow(record.fields, rowNumber);
  if (record.error === undefined) return item;
  const nativeKey = item?.origin.nativeKey ?? null;
  const kept = nativeKey === null ? "" : ` (${nativeKey} keeps what was stored)`;
  return {
    kind: "rejected",
    reason: `${record.error}: the row was not read${kept}; fix its quotes in the file`,
    origin: { location, nativeKey, field: null },
    raw: record.fields,
  };
}
