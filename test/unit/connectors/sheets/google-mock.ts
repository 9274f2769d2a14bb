import nock from "nock";
import { createAuthClient } from "../../../../connectors/sheets/auth.js";
import { createGoogleSheetsTransport } from "../../../../connectors/sheets/client.js";
import type { SheetsTransport } from "../../../../connectors/sheets/transport.js";
import { type SheetsMapping, SheetsMappingSchema } from "../../../../src/mapping/schema.js";
import type { RetryDeps } from "../../../../src/sync/retry.js";

/**
 * nock helpers shaped like Google's documented responses: the OAuth token endpoint (RFC 6749 token response),
 * Drive v3 files.get with fields=version,modifiedTime, Sheets v4 spreadsheets.get and spreadsheets.values.
 */
export const TOKEN_HOST = "https://oauth2.googleapis.com";
export const SHEETS_HOST = "https://sheets.googleapis.com";
export const DRIVE_HOST = "https://www.googleapis.com";
export const SPREADSHEET_ID = "1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms";
export const SHEET_ID = 1_234_567_890;
export const ACCESS_TOKEN = "ya29.a0AfB_test-token";

/** Every request the test server saw, as "METHOD decoded-path?query". */
export const seen: string[] = [];

export function record(scope: nock.Scope): nock.Scope {
  scope.on("request", (req: { method?: string; url?: string }) => {
    const url = new URL(req.url ?? "http://invalid/");
    seen.push(`${req.method ?? "GET"} ${decodeURIComponent(url.pathname + url.search)}`);
  });
  return scope;
}

export function resetMocks(): void {
  nock.cleanAll();
  seen.length = 0;
}

/** A refresh-token grant answered as Google's token endpoint does. */
export function mockTokenExchange(times = 1): nock.Scope {
  return record(
    nock(TOKEN_HOST)
      .post(
        "/token",
        (body: Record<string, string>) =>
          body.grant_type === "refresh_token" && body.refresh_token === "1//refresh-test",
      )
      .times(times)
      .reply(200, {
        access_token: ACCESS_TOKEN,
        expires_in: 3599,
        scope:
          "https://www.googleapis.com/auth/spreadsheets https://www.googleapis.com/auth/drive.metadata.readonly",
        token_type: "Bearer",
      }),
  );
}

export function mockDriveVersion(version: string, modifiedTime = "2026-01-12T09:30:00.000Z"): nock.Scope {
  return record(
    nock(DRIVE_HOST, { reqheaders: { authorization: `Bearer ${ACCESS_TOKEN}` } })
      .get(`/drive/v3/files/${SPREADSHEET_ID}`)
      .query({ fields: "version,modifiedTime", supportsAllDrives: "true" })
      .reply(200, { version, modifiedTime }),
  );
}

export interface GridRangeBody {
  sheetId: number;
  startRowIndex?: number;
  endRowIndex?: number;
  startColumnIndex?: number;
  endColumnIndex?: number;
}

export function spreadsheetBody(
  opts: { title?: string; rowCount?: number; locale?: string; merges?: GridRangeBody[] } = {},
) {
  return {
    spreadsheetId: SPREADSHEET_ID,
    properties: { title: "Marketing plan", locale: opts.locale ?? "en_GB", timeZone: "Europe/London" },
    sheets: [
      {
        properties: {
          sheetId: SHEET_ID,
          title: opts.title ?? "Plan",
          index: 0,
          gridProperties: { rowCount: opts.rowCount ?? 1000, columnCount: 26 },
        },
        // Google leaves `merges` out for a tab without merged cells.
        ...(opts.merges ? { merges: opts.merges } : {}),
      },
    ],
  };
}

export function mockSpreadsheet(opts: Parameters<typeof spreadsheetBody>[0] = {}): nock.Scope {
  return record(
    nock(SHEETS_HOST)
      .get(`/v4/spreadsheets/${SPREADSHEET_ID}`)
      .query(
        (q) =>
          typeof q.fields === "string" &&
          q.fields.includes("sheets(properties(sheetId,title") &&
          q.fields.includes("merges"),
      )
      .reply(200, spreadsheetBody(opts)),
  );
}

const valuesPrefix = `/v4/spreadsheets/${SPREADSHEET_ID}/values/`;

/** values.get of `range`, answered with a ValueRange; asserts the render options that make dates serials. */
export function mockValues(range: string, values: unknown[][], echoRange = range): nock.Scope {
  return record(
    nock(SHEETS_HOST)
      .get((uri) => decodeURIComponent(uri.split("?")[0] ?? "") === `${valuesPrefix}${range}`)
      .query({
        majorDimension: "ROWS",
        valueRenderOption: "UNFORMATTED_VALUE",
        dateTimeRenderOption: "SERIAL_NUMBER",
      })
      .reply(200, { range: echoRange, majorDimension: "ROWS", ...(values.length > 0 ? { values } : {}) }),
  );
}

export const fastRetry = (delays: number[]): Partial<RetryDeps> => ({
  sleep: async (ms) => {
    delays.push(ms);
  },
  random: () => 0,
});

export async function liveTransport(delays: number[] = []): Promise<SheetsTransport> {
  const auth = await createAuthClient({
    type: "oauth_user",
    clientId: "123-test.apps.googleusercontent.com",
    clientSecret: "GOCSPX-test",
    refreshToken: "1//refresh-test",
  });
  return createGoogleSheetsTransport({ auth, retry: fastRetry(delays) });
}

export function testMapping(overrides: Record<string, unknown> = {}): SheetsMapping {
  return SheetsMappingSchema.parse({
    kind: "sheets",
    spreadsheetId: SPREADSHEET_ID,
    sheet: { id: SHEET_ID, title: "Plan" },
    key: { column: "Key" },
    fields: {
      title: { column: "Task" },
      owner: { column: "Owner", transform: "person" },
      status: {
        column: "Status",
        transform: { type: "enum", values: { WIP: "in_progress", "Not started": "todo", Done: "done" } },
      },
      start: { column: "Start", transform: "date" },
      due: { column: "Due", transform: "date" },
      dependsOn: { column: "Depends on", transform: "list" },
      kpis: { column: "KPI", transform: "list", required: false },
    },
    constants: { team: "Marketing" },
    ...overrides,
  });
}

export const HEADER = ["Key", "Task", "Owner", "Status", "Start", "Due", "Depends on", "KPI"];
