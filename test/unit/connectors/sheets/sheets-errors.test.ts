import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSheetsConnector, type SheetsCursor } from "../../../../connectors/sheets/connector.js";
import { SheetsError } from "../../../../connectors/sheets/errors.js";
import type { SyncPage } from "../../../../src/sync/contract.js";
import {
  ACCESS_TOKEN,
  DRIVE_HOST,
  HEADER,
  liveTransport,
  mockDriveVersion,
  mockSpreadsheet,
  mockTokenExchange,
  mockValues,
  record,
  resetMocks,
  SHEETS_HOST,
  SPREADSHEET_ID,
  testMapping,
} from "./google-mock.js";

async function collect(pages: AsyncIterable<SyncPage<SheetsCursor>>): Promise<SyncPage<SheetsCursor>[]> {
  const out: SyncPage<SheetsCursor>[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

const records = (pages: SyncPage[]) =>
  pages.flatMap((p) => p.items).flatMap((i) => (i.kind === "record" ? [i.record] : []));

beforeEach(resetMocks);
afterEach(() => {
  expect(nock.pendingMocks()).toEqual([]);
  resetMocks();
});

describe("Google errors: backoff on quota, clear messages otherwise", () => {
  it("backs off on 429 RESOURCE_EXHAUSTED and succeeds when the quota refills", async () => {
    mockTokenExchange();
    const quota = {
      error: {
        code: 429,
        message:
          "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute per user' of service 'sheets.googleapis.com' for consumer 'project_number:123'.",
        status: "RESOURCE_EXHAUSTED",
        details: [
          {
            "@type": "type.googleapis.com/google.rpc.ErrorInfo",
            reason: "RATE_LIMIT_EXCEEDED",
            domain: "googleapis.com",
            metadata: { service: "sheets.googleapis.com", quota_limit_value: "60" },
          },
        ],
      },
    };
    record(
      nock(DRIVE_HOST)
        .get(`/drive/v3/files/${SPREADSHEET_ID}`)
        .query(true)
        .reply(429, quota)
        .get(`/drive/v3/files/${SPREADSHEET_ID}`)
        .query(true)
        .reply(429, quota, { "Retry-After": "7" }),
    );
    mockDriveVersion("30");
    mockSpreadsheet();
    mockValues("'Plan'!1:1000", [HEADER, ["MKT-1", "One", "x", "WIP"]]);
    const delays: number[] = [];
    const connector = createSheetsConnector({
      instance: "mkt",
      mapping: testMapping(),
      transport: await liveTransport(delays),
    });
    const pages = await collect(connector.pull(null));
    expect(records(pages)).toHaveLength(1);
    // Exponential (1 s, then 2 s) but never shorter than the server's Retry-After (7 s).
    expect(delays).toEqual([1000, 7000]);
  });

  it("gives up with a typed, retryable error when the quota stays exhausted", async () => {
    mockTokenExchange();
    const body = {
      error: {
        code: 429,
        message: "Resource has been exhausted (e.g. check quota).",
        status: "RESOURCE_EXHAUSTED",
      },
    };
    record(nock(DRIVE_HOST).get(`/drive/v3/files/${SPREADSHEET_ID}`).query(true).times(6).reply(429, body));
    const delays: number[] = [];
    const connector = createSheetsConnector({
      instance: "mkt",
      mapping: testMapping(),
      transport: await liveTransport(delays),
    });
    const error = await collect(connector.pull(null)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SheetsError);
    expect(error).toMatchObject({
      code: "sheets_rate_limited",
      status: 429,
      googleStatus: "RESOURCE_EXHAUSTED",
      retryable: true,
    });
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16000]);
  });

  it("explains a 403 as a sharing problem, without retrying", async () => {
    mockTokenExchange();
    record(
      nock(DRIVE_HOST)
        .get(`/drive/v3/files/${SPREADSHEET_ID}`)
        .query(true)
        .reply(403, {
          error: { code: 403, message: "The caller does not have permission", status: "PERMISSION_DENIED" },
        }),
    );
    const connector = createSheetsConnector({
      instance: "mkt",
      mapping: testMapping(),
      transport: await liveTransport(),
    });
    const error = await collect(connector.pull(null)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "sheets_forbidden", retryable: false });
    expect((error as Error).message).toMatch(/Share the spreadsheet/);
  });

  it("uses the access token on Sheets requests too", async () => {
    mockTokenExchange();
    mockDriveVersion("40");
    record(
      nock(SHEETS_HOST, { reqheaders: { authorization: `Bearer ${ACCESS_TOKEN}` } })
        .get(`/v4/spreadsheets/${SPREADSHEET_ID}`)
        .query(true)
        .reply(404, {
          error: { code: 404, message: "Requested entity was not found.", status: "NOT_FOUND" },
        }),
    );
    const connector = createSheetsConnector({
      instance: "mkt",
      mapping: testMapping(),
      transport: await liveTransport(),
    });
    await expect(collect(connector.pull(null))).rejects.toMatchObject({
      code: "sheets_not_found",
      status: 404,
    });
  });
});
