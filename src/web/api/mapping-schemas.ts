import { z } from "zod";
import { SheetsMappingSchema, SpreadsheetRefSchema } from "../../mapping/schema.js";
import { ActionRecordSchema } from "../../model/index.js";
import { text } from "./schema-parts.js";

const instanceId = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/i, "a connector instance id");
export const SheetSourceSchema = z.union([
  z.strictObject({ instance: instanceId }),
  z.strictObject({ spreadsheetId: SpreadsheetRefSchema }),
]);

export const EditorSheetQuerySchema = z.object({
  instance: instanceId.optional(),
  spreadsheetId: SpreadsheetRefSchema.optional(),
  /** Tab title; the mapping's tab (or the first) when absent. */
  sheet: z.string().min(1).max(200).optional(),
  headerRow: z.coerce.number().int().min(1).max(1000).optional(),
  /** Preselect the suggestion (default) or the instance's current mapping file. */
  start: z.enum(["suggestion", "current"]).default("suggestion"),
});
export type EditorSheetQuery = z.infer<typeof EditorSheetQuerySchema>;

const CellSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const EditorSheetSchema = z.object({
  source: SheetSourceSchema,
  spreadsheet: z.object({ id: z.string(), title: z.string(), locale: text }),
  tabs: z.array(z.object({ sheetId: z.int(), title: z.string() })),
  sheet: z.object({ sheetId: z.int(), title: z.string() }),
  headerRow: z.int(),
  header: z.array(z.string()),
  sampleRows: z.array(z.array(CellSchema)),
  /** Distinct non-empty values of each column in the sample (for the status table). */
  distinct: z.record(z.string(), z.array(z.string())),
  proposal: SheetsMappingSchema,
  notes: z.array(z.string()),
  current: z
    .object({ file: z.string(), mapping: SheetsMappingSchema.nullable(), issues: z.array(z.string()) })
    .nullable(),
});
export type EditorSheet = z.infer<typeof EditorSheetSchema>;

export const MappingRequestSchema = z.object({
  source: SheetSourceSchema,
  mapping: z.unknown(),
  /** For a spreadsheet that no instance uses yet: the new file's name under mappings/, without .yaml. */
  fileName: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "lower-case letters, digits and -")
    .optional(),
});

export const RowErrorSchema = z.object({
  location: z.string(),
  nativeKey: text,
  column: text,
  field: text,
  reason: z.string(),
});

export const MappingPreviewResponseSchema = z.object({
  actions: z.array(ActionRecordSchema),
  rowErrors: z.array(RowErrorSchema),
  dataRows: z.int(),
  validRows: z.int(),
});

export const MappingIssueSchema = z.object({ path: z.string(), message: z.string() });
export const MappingInvalidSchema = z.object({
  error: z.literal("mapping_invalid"),
  message: z.string(),
  issues: z.array(MappingIssueSchema),
});

export const MappingSaveResponseSchema = z.object({
  /** Relative to the config folder. */
  file: z.string(),
  instance: text,
  yaml: z.string(),
});
