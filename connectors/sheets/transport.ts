import type { CellValue, DriveFileVersion, SpreadsheetMeta, ValueRange } from "./raw-schema.js";

/** A block of cells to write: an A1 range and its rows. */
export interface CellWrite {
  range: string;
  values: CellValue[][];
}

/**
 * What the connector needs from Google, injected so the same sync code runs live (client.ts), over recorded
 * responses (recorded-transport.ts) or against a test server. Every method returns validated data.
 */
export interface SheetsTransport {
  getFileVersion(fileId: string, signal?: AbortSignal): Promise<DriveFileVersion>;
  getSpreadsheet(spreadsheetId: string, signal?: AbortSignal): Promise<SpreadsheetMeta>;
  /** values.get with UNFORMATTED_VALUE and SERIAL_NUMBER, rows major. */
  getValues(spreadsheetId: string, range: string, signal?: AbortSignal): Promise<ValueRange>;
  /** Writes with valueInputOption=RAW: text is stored as typed, never parsed as a formula or a date. */
  writeValues(spreadsheetId: string, writes: CellWrite[], signal?: AbortSignal): Promise<void>;
}
