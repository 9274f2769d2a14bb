import { z } from "zod";

/**
 * The parts of Google's responses this connector reads, validated at the boundary. Shapes follow the Sheets
 * API v4 and Drive API v3 references; unknown fields are ignored so additions on Google's side break nothing.
 */

/** https://developers.google.com/workspace/sheets/api/reference/rest/v4/spreadsheets#Spreadsheet */
export const SheetPropertiesSchema = z.object({
  sheetId: z.int(),
  title: z.string(),
  index: z.int().optional(),
  gridProperties: z.object({ rowCount: z.int().optional(), columnCount: z.int().optional() }).optional(),
});
export type SheetProperties = z.infer<typeof SheetPropertiesSchema>;

/**
 * A merged block: 0-based, start inclusive, end exclusive. JSON omits zero and unbounded indexes (proto3),
 * so a missing start is 0 and a missing end is the grid's edge.
 * https://developers.google.com/workspace/sheets/api/reference/rest/v4/other#GridRange
 */
export const GridRangeSchema = z.object({
  sheetId: z.int().optional(),
  startRowIndex: z.int().min(0).optional(),
  endRowIndex: z.int().min(0).optional(),
  startColumnIndex: z.int().min(0).optional(),
  endColumnIndex: z.int().min(0).optional(),
});
export type GridRange = z.infer<typeof GridRangeSchema>;

export const SpreadsheetMetaSchema = z.object({
  spreadsheetId: z.string(),
  properties: z.object({
    title: z.string(),
    locale: z.string().optional(),
    timeZone: z.string().optional(),
  }),
  sheets: z
    .array(z.object({ properties: SheetPropertiesSchema, merges: z.array(GridRangeSchema).default([]) }))
    .default([]),
});
export type SpreadsheetMeta = z.infer<typeof SpreadsheetMetaSchema>;

/**
 * The `fields` mask for spreadsheets.get: only what the connector needs, never the grid data. The merges ride
 * along in the same request: Google returns a merged block's value only in its top-left cell.
 */
export const SPREADSHEET_FIELDS =
  "spreadsheetId,properties(title,locale,timeZone),sheets(properties(sheetId,title,index,gridProperties(rowCount,columnCount)),merges)";

/**
 * With UNFORMATTED_VALUE cells are numbers, strings or booleans; trailing empty cells and rows are omitted,
 * and `values` itself is absent for an empty range.
 * https://developers.google.com/workspace/sheets/api/reference/rest/v4/spreadsheets.values#ValueRange
 */
export type CellValue = string | number | boolean | null;
/** One type test per cell rather than a four-way union: a 100k-row read has a million cells. */
export const CellValueSchema = z.custom<CellValue>(
  (v) => v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean",
  "expected a string, number, boolean or null cell",
);

export const ValueRangeSchema = z.object({
  range: z.string(),
  majorDimension: z.enum(["ROWS", "COLUMNS", "DIMENSION_UNSPECIFIED"]).optional(),
  values: z.array(z.array(CellValueSchema)).default([]),
});
export type ValueRange = z.infer<typeof ValueRangeSchema>;

/** https://developers.google.com/workspace/drive/api/reference/rest/v3/files#File (fields=version,modifiedTime) */
export const DriveFileVersionSchema = z.object({
  version: z.string().min(1),
  modifiedTime: z.string().min(1),
});
export type DriveFileVersion = z.infer<typeof DriveFileVersionSchema>;

/** https://cloud.google.com/apis/design/errors#http_mapping */
export const GoogleErrorBodySchema = z.object({
  error: z.object({
    code: z.number(),
    message: z.string(),
    status: z.string().optional(),
  }),
});

/** The OAuth token endpoint's error shape (RFC 6749 section 5.2), e.g. invalid_grant. */
export const OAuthErrorBodySchema = z.object({
  error: z.string(),
  error_description: z.string().optional(),
});

/** values.update answers UpdateValuesResponse, values.batchUpdate BatchUpdateValuesResponse: both name the file. */
export const WriteResponseSchema = z.object({ spreadsheetId: z.string() });
