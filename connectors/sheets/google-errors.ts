import { z } from "zod";
import type { RetryVerdict } from "../../src/sync/retry.js";
import { SheetsError, type SheetsErrorCode } from "./errors.js";
import { GoogleErrorBodySchema, OAuthErrorBodySchema } from "./raw-schema.js";

/** What a gaxios error carries, read through a schema instead of trusting the class (two gaxios copies coexist). */
const GaxiosErrorShape = z.object({
  code: z.union([z.string(), z.number()]).optional(),
  response: z
    .object({ status: z.number(), data: z.unknown().optional(), headers: z.unknown().optional() })
    .optional(),
});

const TRANSIENT_NETWORK = new Set([
  "ECONNRESET",
  "ETIMEDOUT",
  "ECONNREFUSED",
  "EAI_AGAIN",
  "EPIPE",
  "ECONNABORTED",
]);
const TRANSIENT_STATUS = new Set([429, 500, 502, 503, 504]);

interface ErrorFacts {
  status: number | null;
  googleStatus: string | null;
  message: string;
  oauthError: string | null;
  networkCode: string | null;
  retryAfterMs: number | null;
}

function header(headers: unknown, name: string): string | null {
  if (headers === null || typeof headers !== "object") return null;
  const get: unknown = Reflect.get(headers, "get");
  const value: unknown =
    typeof get === "function" ? Reflect.apply(get, headers, [name]) : Reflect.get(headers, name);
  return typeof value === "string" ? value : null;
}

/** Retry-After is either seconds or an HTTP date. */
function retryAfter(value: string | null, now = Date.now()): number | null {
  if (value === null) return null;
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export function errorFacts(error: unknown): ErrorFacts {
  const shape = GaxiosErrorShape.safeParse(error);
  const base = error instanceof Error ? error.message : String(error);
  if (!shape.success) {
    return {
      status: null,
      googleStatus: null,
      message: base,
      oauthError: null,
      networkCode: null,
      retryAfterMs: null,
    };
  }
  const { code, response } = shape.data;
  const google = GoogleErrorBodySchema.safeParse(response?.data);
  const oauth = OAuthErrorBodySchema.safeParse(response?.data);
  return {
    status: response?.status ?? null,
    googleStatus: google.success ? (google.data.error.status ?? null) : null,
    message: google.success
      ? google.data.error.message
      : oauth.success
        ? `${oauth.data.error}${oauth.data.error_description ? `: ${oauth.data.error_description}` : ""}`
        : base,
    oauthError: oauth.success ? oauth.data.error : null,
    networkCode: response === undefined && typeof code === "string" ? code : null,
    retryAfterMs: retryAfter(header(response?.headers, "retry-after")),
  };
}

/** Drive still answers some quota errors with 403 (rateLimitExceeded) instead of 429. */
function isQuota(facts: ErrorFacts): boolean {
  return facts.googleStatus === "RESOURCE_EXHAUSTED" || /rate ?limit|quota/i.test(facts.message);
}

export function classifyGoogleError(error: unknown): RetryVerdict {
  const facts = errorFacts(error);
  const retryable =
    (facts.status !== null && TRANSIENT_STATUS.has(facts.status)) ||
    (facts.status === 403 && isQuota(facts)) ||
    (facts.networkCode !== null && TRANSIENT_NETWORK.has(facts.networkCode));
  return { retryable, retryAfterMs: facts.retryAfterMs };
}

/** Turns whatever the client threw into a SheetsError saying what failed and what to do about it. */
export function toSheetsError(error: unknown, what: string): unknown {
  if (error instanceof SheetsError) return error;
  if (error instanceof Error && error.name === "AbortError") return error;
  const facts = errorFacts(error);
  const { status } = facts;
  let code: SheetsErrorCode;
  let hint = "";
  if (facts.oauthError !== null || status === 401) {
    code = "sheets_unauthorized";
    hint = " Google rejected the credentials: check the key file or refresh token.";
  } else if (status === 429 || (status === 403 && isQuota(facts))) {
    code = "sheets_rate_limited";
    hint = " Quota still exhausted after backing off; the next scheduled sync will try again.";
  } else if (status === 403) {
    code = "sheets_forbidden";
    hint =
      " Share the spreadsheet with the service account's e-mail (Viewer to sync, Editor for write-back).";
  } else if (status === 404) {
    code = "sheets_not_found";
    hint = " Check the spreadsheetId in the mapping file.";
  } else if (status === 400) {
    code = "sheets_bad_request";
  } else if (status !== null && status >= 500) {
    code = "sheets_unavailable";
  } else if (facts.networkCode !== null) {
    code = "sheets_network";
  } else {
    return error;
  }
  const detail = `${what} failed${status === null ? "" : ` (HTTP ${status}${facts.googleStatus ? ` ${facts.googleStatus}` : ""})`}: ${facts.message}.${hint}`;
  return new SheetsError(code, detail, {
    status,
    googleStatus: facts.googleStatus,
    retryable: code === "sheets_rate_limited" || code === "sheets_unavailable" || code === "sheets_network",
    cause: error,
  });
}
