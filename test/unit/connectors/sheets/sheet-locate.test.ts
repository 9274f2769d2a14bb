import { describe, expect, it } from "vitest";
import {
  cellsRange,
  columnRange,
  parseRange,
  quoteSheet,
  rowsRange,
} from "../../../../connectors/sheets/a1.js";
import { SpreadsheetMetaSchema } from "../../../../connectors/sheets/raw-schema.js";
import { locateSheet } from "../../../../connectors/sheets/sheet-reader.js";
import { MappingError } from "../../../../src/mapping/errors.js";

const meta = SpreadsheetMetaSchema.parse({
  spreadsheetId: "abc",
  properties: { title: "Plans" },
  sheets: [
    { properties: { sheetId: 7, title: "Archive", index: 1 } },
    { properties: { sheetId: 42, title: "Plan (renamed)", index: 0 } },
  ],
});

describe("finding the tab", () => {
  it("follows the stable sheetId through a rename, falls back to the title, else the first tab", () => {
    expect(locateSheet(meta, { id: 42, title: "Plan" }).title).toBe("Plan (renamed)");
    expect(locateSheet(meta, { id: 99, title: "Archive" }).sheetId).toBe(7);
    expect(locateSheet(meta, {}).sheetId).toBe(42);
  });

  it("names the tabs there are when the mapping's tab is gone", () => {
    expect(() => locateSheet(meta, { id: 99, title: "Plan" })).toThrow(
      new MappingError(
        "mapping_sheet_not_found",
        "spreadsheet abc",
        'no tab with sheetId 99 or title "Plan"; tabs: "Archive" (sheetId 7), "Plan (renamed)" (sheetId 42)',
      ),
    );
  });
});

describe("A1 ranges", () => {
  it("quotes every title, doubling apostrophes", () => {
    expect(quoteSheet("Dana's plan")).toBe("'Dana''s plan'");
    expect(rowsRange("Q1 plan", 2, 10)).toBe("'Q1 plan'!2:10");
    expect(columnRange("Plan", 27, 2)).toBe("'Plan'!AB2:AB");
    expect(cellsRange("Plan", 4, 5, 9)).toBe("'Plan'!E9:F9");
  });

  it("parses back what it builds and what Google echoes", () => {
    expect(parseRange("'Dana''s plan'!E9:F9")).toEqual({
      sheet: "Dana's plan",
      startCol: 4,
      startRow: 9,
      endCol: 5,
      endRow: 9,
    });
    expect(parseRange("Plan!A1:Z1000")).toEqual({
      sheet: "Plan",
      startCol: 0,
      startRow: 1,
      endCol: 25,
      endRow: 1000,
    });
    expect(parseRange("'Plan'!AB2:AB")).toEqual({
      sheet: "Plan",
      startCol: 27,
      startRow: 2,
      endCol: 27,
      endRow: null,
    });
    expect(parseRange("'Plan'!3:3")).toEqual({
      sheet: "Plan",
      startCol: null,
      startRow: 3,
      endCol: null,
      endRow: 3,
    });
    expect(parseRange("'Plan'!A1:??")).toBeNull();
  });
});
