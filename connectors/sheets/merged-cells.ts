import type { Cell, Row } from "../../src/mapping/index.js";
import type { GridRange } from "./raw-schema.js";

interface Block {
  /** 1-based sheet rows, inclusive. */
  firstRow: number;
  lastRow: number;
  /** 0-based columns, inclusive (infinite: to the end of the row). */
  firstColumn: number;
  lastColumn: number;
  value: Cell;
}

/**
 * Merged cells as a reader sees them: values.get returns a merged block's value only in its top-left cell,
 * and nothing (often not even the cell) for the rest, so rows under a merged Owner or Status would get no
 * owner and `todo`. Every cell of a block gets its top-left value instead.
 *
 * Only blocks that start below the header row are filled: one starting at or above it holds a header or a
 * banner, not a value of the rows it overlaps. Chunks must come in row order (a block may span two); each
 * block is held only while rows inside it are being read.
 */
export class MergedCellFiller {
  private readonly pending: Block[];
  private active: Block[] = [];

  constructor(merges: readonly GridRange[], headerRow: number) {
    this.pending = merges
      .map((m) => ({
        firstRow: (m.startRowIndex ?? 0) + 1,
        lastRow: m.endRowIndex ?? Number.POSITIVE_INFINITY,
        firstColumn: m.startColumnIndex ?? 0,
        lastColumn: m.endColumnIndex === undefined ? Number.POSITIVE_INFINITY : m.endColumnIndex - 1,
        value: null,
      }))
      .filter((b) => b.firstRow > headerRow && b.lastRow >= b.firstRow && b.lastColumn >= b.firstColumn)
      .sort((a, b) => b.firstRow - a.firstRow);
  }

  /** Fills the rows of one chunk (sheet row `firstRow` is rows[0]) in place. */
  fill(rows: Row[], firstRow: number): void {
    for (let i = 0; i < rows.length; i++) this.fillRow(rows, i, firstRow + i);
  }

  private fillRow(rows: Row[], i: number, sheetRow: number): void {
    this.active = this.active.filter((b) => b.lastRow >= sheetRow);
    while (this.pending.length > 0 && this.pending[this.pending.length - 1]!.firstRow <= sheetRow) {
      const block = this.pending.pop()!;
      // A block whose top-left row was not read (an omitted empty row) keeps an empty value.
      if (block.firstRow === sheetRow) block.value = rows[i]?.[block.firstColumn] ?? null;
      this.active.push(block);
    }
    if (this.active.length === 0) return;
    const row = [...(rows[i] ?? [])];
    for (const block of this.active) {
      if (block.value === null || block.value === "") continue;
      const last = Number.isFinite(block.lastColumn) ? block.lastColumn : row.length - 1;
      for (let c = block.firstColumn; c <= last; c++) {
        while (row.length < c) row.push(null);
        row[c] = block.value;
      }
    }
    rows[i] = row;
  }
}
