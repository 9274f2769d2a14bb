import { drive } from "@googleapis/drive";
import { sheets } from "@googleapis/sheets";
import type { z } from "zod";
import { REAL_RETRY_DEPS, type RetryDeps, type RetryPolicy, withRetry } from "../../src/sync/retry.js";
import type { GoogleAuthClient } from "./auth.js";
import { SheetsError } from "./errors.js";
import { classifyGoogleError, toSheetsError } from "./google-errors.js";
import {
  type DriveFileVersion,
  DriveFileVersionSchema,
  SPREADSHEET_FIELDS,
  type SpreadsheetMeta,
  SpreadsheetMetaSchema,
  type ValueRange,
  ValueRangeSchema,
  WriteResponseSchema,
} from "./raw-schema.js";

/**
 * Google's documented schedule for 429 RESOURCE_EXHAUSTED and 5xx: 2^n seconds plus up to one second of
 * random, at most 64 s, Retry-After honoured. https://developers.google.com/workspace/sheets/api/limits#exponential
 */
export const SHEETS_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 1000,
  maxDelayMs: 64_000,
  maxRetryAfterMs: 64_000,
  jitter: "additive",
};

import type { CellWrite, SheetsTransport } from "./transport.js";

export interface GoogleSheetsTransportOptions {
  auth: GoogleAuthClient;
  /** API root for Sheets (and Drive unless driveRootUrl is set): a proxy or a test server. */
  rootUrl?: string;
  driveRootUrl?: string;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy & RetryDeps>;
  /** Called once per HTTP attempt (retries included), e.g. to count requests in a benchmark. */
  onRequest?: (what: string) => void;
}

/**
 * The live transport: @googleapis/sheets and @googleapis/drive (the per-API packages, a few hundred kB,
 * rather than the 100+ MB `googleapis` bundle), with their own retry turned off so that backoff, error
 * mapping and request counting happen in one place.
 */
export function createGoogleSheetsTransport(options: GoogleSheetsTransportOptions): SheetsTransport {
  const common = { auth: options.auth, retry: false, timeout: options.timeoutMs ?? 60_000 };
  const sheetsApi = sheets({
    version: "v4",
    ...common,
    ...(options.rootUrl ? { rootUrl: options.rootUrl } : {}),
  });
  const driveRoot = options.driveRootUrl ?? options.rootUrl;
  const driveApi = drive({ version: "v3", ...common, ...(driveRoot ? { rootUrl: driveRoot } : {}) });
  const { sleep, random, ...policyOverrides } = options.retry ?? {};
  const policy: RetryPolicy = { ...SHEETS_RETRY_POLICY, ...policyOverrides };
  const retryDeps: RetryDeps = {
    sleep: sleep ?? REAL_RETRY_DEPS.sleep,
    random: random ?? REAL_RETRY_DEPS.random,
  };

  async function call<S extends z.ZodType>(
    what: string,
    schema: S,
    request: () => Promise<{ data: unknown }>,
    signal: AbortSignal | undefined,
  ): Promise<z.output<S>> {
    const response = await withRetry(
      () => {
        options.onRequest?.(what);
        return request();
      },
      classifyGoogleError,
      policy,
      retryDeps,
      signal,
    ).catch((error: unknown) => {
      throw toSheetsError(error, what);
    });
    const parsed = schema.safeParse(response.data);
    if (!parsed.success) {
      throw new SheetsError(
        "sheets_bad_response",
        `${what}: unexpected response from Google: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
      );
    }
    return parsed.data;
  }

  return {
    getFileVersion(fileId, signal): Promise<DriveFileVersion> {
      // https://developers.google.com/workspace/drive/api/reference/rest/v3/files/get
      return call(
        `drive files.get ${fileId}`,
        DriveFileVersionSchema,
        () =>
          driveApi.files.get({ fileId, fields: "version,modifiedTime", supportsAllDrives: true }, { signal }),
        signal,
      );
    },
    getSpreadsheet(spreadsheetId, signal): Promise<SpreadsheetMeta> {
      // https://developers.google.com/workspace/sheets/api/reference/rest/v4/spreadsheets/get
      return call(
        `spreadsheets.get ${spreadsheetId}`,
        SpreadsheetMetaSchema,
        () => sheetsApi.spreadsheets.get({ spreadsheetId, fields: SPREADSHEET_FIELDS }, { signal }),
        signal,
      );
    },
    getValues(spreadsheetId, range, signal): Promise<ValueRange> {
      // https://developers.google.com/workspace/sheets/api/reference/rest/v4/spreadsheets.values/get
      return call(
        `values.get ${range}`,
        ValueRangeSchema,
        () =>
          sheetsApi.spreadsheets.values.get(
            {
              spreadsheetId,
              range,
              majorDimension: "ROWS",
              valueRenderOption: "UNFORMATTED_VALUE",
              dateTimeRenderOption: "SERIAL_NUMBER",
            },
            { signal },
          ),
        signal,
      );
    },
    async writeValues(spreadsheetId, writes: CellWrite[], signal): Promise<void> {
      const [only, ...more] = writes;
      if (!only) return;
      const data = writes.map((w) => ({ range: w.range, majorDimension: "ROWS", values: w.values }));
      if (more.length === 0) {
        // https://developers.google.com/workspace/sheets/api/reference/rest/v4/spreadsheets.values/update
        await call(
          `values.update ${only.range}`,
          WriteResponseSchema,
          () =>
            sheetsApi.spreadsheets.values.update(
              { spreadsheetId, range: only.range, valueInputOption: "RAW", requestBody: data[0] },
              { signal },
            ),
          signal,
        );
        return;
      }
      // One atomic call when the cells are not adjacent (start and due apart, with other columns between).
      // https://developers.google.com/workspace/sheets/api/reference/rest/v4/spreadsheets.values/batchUpdate
      await call(
        `values.batchUpdate ${writes.map((w) => w.range).join(", ")}`,
        WriteResponseSchema,
        () =>
          sheetsApi.spreadsheets.values.batchUpdate(
            { spreadsheetId, requestBody: { valueInputOption: "RAW", data } },
            { signal },
          ),
        signal,
      );
    },
  };
}
