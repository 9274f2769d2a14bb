import { describe, expect, it } from "vitest";
import { MergedCellFiller } from "../../../../connectors/sheets/merged-cells.js";
import type { Row } from "../../../../src/mapping/index.js";

describe("merged cells", () => {
  it("leaves a block that starts at or above the header row alone: it holds a header or a banner", () => {
    // Rows 1-2 banner merged over A1:C2 (proto3 JSON leaves the zero start indexes out), header in row 2.
    const filler = new MergedCellFiller([{ endRowIndex: 3, endColumnIndex: 3 }], 2);
    const rows: Row[] = [
      ["Key", "Task", "Owner"],
      ["A-1", "One"],
    ];
    filler.fill(rows, 2);
    expect(rows).toEqual([
      ["Key", "Task", "Owner"],
      ["A-1", "One"],
    ]);
  });

  it("fills a block to the end of the row when its end column is open, and not past its last row", () => {
    const filler = new MergedCellFiller([{ startRowIndex: 1, endRowIndex: 3, startColumnIndex: 2 }], 1);
    const rows: Row[] = [
      ["Key", "Task", "Owner", "Status"],
      ["A-1", "One", "Ana", ""],
      ["A-2", "Two", "", ""],
      ["A-3", "Three"],
    ];
    filler.fill(rows, 1);
    expect(rows.slice(1)).toEqual([
      ["A-1", "One", "Ana", "Ana"],
      ["A-2", "Two", "Ana", "Ana"],
      ["A-3", "Three"],
    ]);
  });

  it("fills nothing from an empty top-left cell", () => {
    const filler = new MergedCellFiller(
      [{ startRowIndex: 1, endRowIndex: 3, startColumnIndex: 2, endColumnIndex: 3 }],
      1,
    );
    const rows: Row[] = [
      ["A-1", "One", ""],
      ["A-2", "Two", "Ana"],
    ];
    filler.fill(rows, 2);
    expect(rows).toEqual([
      ["A-1", "One", ""],
      ["A-2", "Two", "Ana"],
    ]);
  });
});
