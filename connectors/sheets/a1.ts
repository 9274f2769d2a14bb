import { columnLetter } from "../../src/mapping/index.js";

/**
 * A1 notation helpers. Sheet titles are always quoted (doubling inner quotes), so a tab called
 * "Q1 plan" or "Dana's plan" addresses correctly.
 * https://developers.google.com/workspace/sheets/api/guides/concepts#cell
 */
export function quoteSheet(title: string): string {
  return `'${title.replace(/'/g, "''")}'`;
}

/** Whole rows `from`..`to` (1-based, inclusive), every column. */
export function rowsRange(title: string, from: number, to: number): string {
  return `${quoteSheet(title)}!${from}:${to}`;
}

/** One column from `fromRow` to the end of the sheet. */
export function columnRange(title: string, column: number, fromRow: number): string {
  const letter = columnLetter(column);
  return `${quoteSheet(title)}!${letter}${fromRow}:${letter}`;
}

/** Columns `from`..`to` (0-based) of one row. */
export function cellsRange(title: string, from: number, to: number, row: number): string {
  return `${quoteSheet(title)}!${columnLetter(from)}${row}:${columnLetter(to)}${row}`;
}

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export interface ParsedRange {
  sheet: string;
  /** 0-based; null = from column A. */
  startCol: number | null;
  /** 1-based; null = from row 1. */
  startRow: number | null;
  /** 0-based inclusive; null = to the last column. */
  endCol: number | null;
  /** 1-based inclusive; null = to the last row. */
  endRow: number | null;
}

const CELL = /^([A-Z]*)(\d*)$/i;

/** Parses the ranges this connector builds (and Google echoes back); null for anything else. */
export function parseRange(range: string): ParsedRange | null {
  const bang = range.lastIndexOf("!");
  const rawSheet = bang >= 0 ? range.slice(0, bang) : range;
  const sheet = rawSheet.startsWith("'") ? rawSheet.slice(1, -1).replace(/''/g, "'") : rawSheet;
  if (bang < 0) return { sheet, startCol: null, startRow: null, endCol: null, endRow: null };
  const [from = "", to = from] = range.slice(bang + 1).split(":");
  const a = CELL.exec(from);
  const b = CELL.exec(to);
  if (!a || !b) return null;
  const col = (s: string | undefined) => (s ? columnIndex(s) : null);
  const row = (s: string | undefined) => (s ? Number(s) : null);
  return { sheet, startCol: col(a[1]), startRow: row(a[2]), endCol: col(b[1]), endRow: row(b[2]) };
}
