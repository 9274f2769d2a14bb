import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSheetsConnector, type SheetsCursor } from "../../../../connectors/sheets/connector.js";
import { MappingError } from "../../../../src/mapping/errors.js";
import { ActionRecordSchema } from "../../../../src/model/index.js";
import type { PageItem, SyncPage } from "../../../../src/sync/contract.js";
import {
  HEADER,
  liveTransport,
  mockDriveVersion,
  mockSpreadsheet,
  mockTokenExchange,
  mockValues,
  resetMocks,
  SHEET_ID,
  SPREADSHEET_ID,
  seen,
  testMapping,
} from "./google-mock.js";

async function collect(pages: AsyncIterable<SyncPage<SheetsCursor>>): Promise<SyncPage<SheetsCursor>[]> {
  const out: SyncPage<SheetsCursor>[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

const records = (pages: SyncPage[]) =>
  pages.flatMap((p) => p.items).flatMap((i) => (i.kind === "record" ? [i.record] : []));
const rejected = (pages: SyncPage[]) =>
  pages
    .flatMap((p) => p.items)
    .filter((i): i is Extract<PageItem, { kind: "rejected" }> => i.kind === "rejected");

// 2026-03-09 and 2026-03-31 as Sheets serials (days since 1899-12-30).
const MAR_9 = 46090;
const MAR_31 = 46112;

beforeEach(resetMocks);
afterEach(() => {
  expect(nock.pendingMocks()).toEqual([]);
  resetMocks();
});

describe("sheets pull over the Sheets and Drive APIs", () => {
  it("exchanges the refresh token, reads with serial dates and maps every row; a re-sync of the same version is one request", async () => {
    mockTokenExchange();
    mockDriveVersion("812");
    mockSpreadsheet();
    mockValues("'Plan'!1:1000", [
      HEADER,
      ["MKT-7", "Go-to-market campaign", "Sofia Lindqvist", "WIP", MAR_9, MAR_31, "QA-9", "activation"],
      // Short row: Google omits the trailing empty cells.
      ["MKT-9", "Launch event", "@tom", "Not started", "", 46128, "MKT-7"],
    ]);
    const connector = createSheetsConnector({
      instance: "mkt-plan",
      mapping: testMapping(),
      transport: await liveTransport(),
    });

    const pages = await collect(connector.pull(null));
    expect(records(pages)).toEqual([
      expect.objectContaining({
        nativeKey: "MKT-7",
        title: "Go-to-market campaign",
        status: "in_progress",
        ownerRaw: "Sofia Lindqvist",
        team: "Marketing",
        start: "2026-03-09",
        due: "2026-03-31",
        kpis: ["activation"],
        dependsOn: [{ ref: "QA-9", type: "FS", lagDays: 0 }],
        url: `https://docs.google.com/spreadsheets/d/${SPREADSHEET_ID}/edit#gid=1234567890`,
      }),
      expect.objectContaining({
        nativeKey: "MKT-9",
        ownerRaw: "tom",
        start: null,
        due: "2026-04-16",
        kpis: [],
      }),
    ]);
    const last = pages.at(-1)!;
    expect(last.snapshotComplete).toBe(true);
    expect(last.cursor).toMatchObject({ version: "812", modifiedTime: "2026-01-12T09:30:00.000Z" });
    expect(seen).toHaveLength(4);
    expect(seen[0]).toBe("POST /token");

    seen.length = 0;
    mockDriveVersion("812");
    const again = await collect(connector.pull(last.cursor));
    expect(again).toEqual([{ items: [], cursor: last.cursor }]);
    expect(seen).toEqual([
      `GET /drive/v3/files/${SPREADSHEET_ID}?fields=version,modifiedTime&supportsAllDrives=true`,
    ]);
  });

  it("re-reads an unchanged sheet when the mapping changed since the cursor was written", async () => {
    mockTokenExchange();
    mockDriveVersion("812");
    mockSpreadsheet();
    mockValues("'Plan'!1:1000", [HEADER, ["MKT-7", "Campaign", "Sofia", "WIP", MAR_9, MAR_31]]);
    const connector = createSheetsConnector({
      instance: "mkt",
      mapping: testMapping(),
      transport: await liveTransport(),
    });
    const stale: SheetsCursor = {
      version: "812",
      modifiedTime: "2026-01-12T09:30:00.000Z",
      mappingHash: "0123456789abcdef",
    };
    const pages = await collect(connector.pull(stale));
    expect(records(pages).map((r) => (r as { nativeKey: string }).nativeKey)).toEqual(["MKT-7"]);
  });

  it("finds reordered columns by header name", async () => {
    mockTokenExchange();
    mockDriveVersion("9");
    mockSpreadsheet();
    mockValues("'Plan'!1:1000", [
      ["Due", "KPI", "Status", "Task", "Key", "Owner", "Depends on", "Start"],
      [MAR_31, "activation", "Done", "Campaign", "MKT-7", "Sofia", "", MAR_9],
    ]);
    const connector = createSheetsConnector({
      instance: "mkt",
      mapping: testMapping(),
      transport: await liveTransport(),
    });
    const [record] = records(await collect(connector.pull(null)));
    expect(record).toMatchObject({
      nativeKey: "MKT-7",
      title: "Campaign",
      status: "done",
      start: "2026-03-09",
      due: "2026-03-31",
    });
  });

  it("pauses on a renamed required header, naming it and the closest header, before writing anything", async () => {
    mockTokenExchange();
    mockDriveVersion("10");
    mockSpreadsheet();
    mockValues("'Plan'!1:1000", [
      ["Key", "Task", "Owner", "Status", "Start", "Due date (new)", "Depends on"],
      ["MKT-7", "Campaign", "Sofia", "WIP", MAR_9, MAR_31],
    ]);
    const connector = createSheetsConnector({
      instance: "mkt",
      mapping: testMapping(),
      transport: await liveTransport(),
    });
    const pages: SyncPage[] = [];
    const error = await (async () => {
      for await (const page of connector.pull(null)) pages.push(page);
    })().catch((e: unknown) => e);
    expect(pages).toEqual([]);
    expect(error).toBeInstanceOf(MappingError);
    const e = error as MappingError;
    expect(e.code).toBe("mapping_header_missing");
    expect(e.pausesSync).toBe(true);
    expect(e.missing).toEqual([{ field: "due", header: "Due", closest: "Due date (new)" }]);
    expect(e.message).toContain(`spreadsheet ${SPREADSHEET_ID} sheet "Plan"`);
  });

  it("pauses instead of deleting everything when the tab has a header but no rows", async () => {
    mockTokenExchange();
    mockDriveVersion("11");
    mockSpreadsheet();
    mockValues("'Plan'!1:1000", [HEADER]);
    const connector = createSheetsConnector({
      instance: "mkt",
      mapping: testMapping(),
      transport: await liveTransport(),
    });
    await expect(collect(connector.pull(null))).rejects.toMatchObject({
      code: "mapping_source_empty",
      pausesSync: true,
    });
  });

  it("quarantines bad rows with spreadsheet, sheet, row and column while the other rows sync", async () => {
    mockTokenExchange();
    mockDriveVersion("12");
    mockSpreadsheet();
    mockValues("'Plan'!1:1000", [
      HEADER,
      ["MKT-1", "Fine", "Sofia", "WIP", MAR_9, MAR_31],
      ["MKT-2", "Unknown status", "Sofia", "Someday", MAR_9, MAR_31],
      ["", "No key", "Sofia", "WIP"],
      ["MKT-1", "Same key again", "Sofia", "Done"],
      ["MKT-3", "Text date", "Sofia", "WIP", "31/02/2026", MAR_31],
    ]);
    const connector = createSheetsConnector({
      instance: "mkt",
      mapping: testMapping(),
      transport: await liveTransport(),
    });
    const pages = await collect(connector.pull(null));
    expect(records(pages).map((r) => (r as { nativeKey: string }).nativeKey)).toEqual(["MKT-1"]);
    const where = `spreadsheet ${SPREADSHEET_ID} sheet "Plan"`;
    expect(rejected(pages).map((r) => ({ ...r.origin, reason: r.reason }))).toEqual([
      {
        location: `${where} row 3`,
        nativeKey: "MKT-2",
        column: "Status",
        field: "status",
        reason: 'Status (column D): unknown status "Someday" (known: WIP, Not started, Done)',
      },
      {
        location: `${where} row 4`,
        nativeKey: null,
        column: "Key",
        field: "nativeKey",
        reason: "Key (column A): the key is empty",
      },
      {
        location: `${where} row 5`,
        nativeKey: "MKT-1",
        column: "Key",
        field: "nativeKey",
        reason: 'Key (column A): duplicate key "MKT-1": already used by row 2; this row was ignored',
      },
      {
        location: `${where} row 6`,
        nativeKey: "MKT-3",
        column: "Start",
        field: "start",
        reason: expect.stringMatching(/^Start \(column E\): there is no such day \(31 february 2026\)/),
      },
    ]);
    expect(pages.at(-1)?.snapshotComplete).toBe(true);
  });

  it("gives every cell of a merged block its top-left value, across chunks, in the same requests", async () => {
    mockTokenExchange();
    mockDriveVersion("30");
    // Owner merged over C2:C4, Status over D3:D5 (GridRange: 0-based, end exclusive).
    mockSpreadsheet({
      rowCount: 6,
      merges: [
        { sheetId: SHEET_ID, startRowIndex: 1, endRowIndex: 4, startColumnIndex: 2, endColumnIndex: 3 },
        { sheetId: SHEET_ID, startRowIndex: 2, endRowIndex: 5, startColumnIndex: 3, endColumnIndex: 4 },
      ],
    });
    // As values.get answers: the rest of a block is "" before a value and left out at the end of a row.
    mockValues("'Plan'!1:3", [HEADER, ["A-1", "One", "Sofia Lindqvist", "WIP"], ["A-2", "Two", "", "Done"]]);
    mockValues("'Plan'!4:6", [
      ["A-3", "Three"],
      ["A-4", "Four", "Ana"],
      ["A-5", "Five", "", "Not started"],
    ]);
    mockDriveVersion("30");
    const connector = createSheetsConnector({
      instance: "merged",
      mapping: testMapping(),
      transport: await liveTransport(),
      rowsPerRequest: 3,
    });
    const pages = await collect(connector.pull(null));
    expect(rejected(pages).map((r) => r.reason)).toEqual([]);
    const read = records(pages).map((r) => ActionRecordSchema.parse(r));
    expect(read.map((r) => [r.nativeKey, r.ownerRaw, r.status])).toEqual([
      ["A-1", "Sofia Lindqvist", "in_progress"],
      ["A-2", "Sofia Lindqvist", "done"],
      ["A-3", "Sofia Lindqvist", "done"],
      ["A-4", "Ana", "done"],
      ["A-5", null, "todo"],
    ]);
    // Token, Drive version, one spreadsheets.get (merges included), two values.get, Drive version again.
    expect(seen).toHaveLength(6);
    expect(pages.at(-1)?.snapshotComplete).toBe(true);
  });

  it("reads big sheets in chunks and does not claim a snapshot when the file changed during the read", async () => {
    mockTokenExchange();
    mockDriveVersion("20");
    mockSpreadsheet({ rowCount: 5 });
    mockValues("'Plan'!1:3", [HEADER, ["A-1", "One", "x", "WIP"], ["A-2", "Two", "x", "WIP"]]);
    mockValues("'Plan'!4:5", [["A-3", "Three", "x", "WIP"]]);
    mockDriveVersion("21");
    const previous: SheetsCursor = {
      version: "19",
      modifiedTime: "2026-01-01T00:00:00Z",
      mappingHash: "old",
    };
    const connector = createSheetsConnector({
      instance: "big",
      mapping: testMapping(),
      transport: await liveTransport(),
      rowsPerRequest: 3,
      pageSize: 2,
    });
    const pages = await collect(connector.pull(previous));
    expect(records(pages)).toHaveLength(3);
    expect(pages.map((p) => p.items.length)).toEqual([2, 1]);
    // Every page keeps the previous cursor: the next run reads again and only then deletes what is gone.
    expect(pages.map((p) => p.cursor)).toEqual([previous, previous]);
    expect(pages.some((p) => p.snapshotComplete)).toBe(false);
  });
});
