import { z } from "zod";
import { SheetsMappingSchema } from "../../../mappings/schema.js";
import {
  ActionRecordSchema,
  ActionSchema,
  ActionStatusSchema,
  CalendarDateSchema,
  ConflictStatusSchema,
  ConflictTypeSchema,
  DependencyTypeSchema,
  HistoryEventSchema,
  SeveritySchema,
  SourceSchema,
} from "../../model/index.js";
import { StoredConflictSchema } from "../../store/index.js";

/**
 * The JSON API's shapes. Handlers are typed from these, requests are parsed with them, and the OpenAPI
 * document's components are generated from them, so the three cannot drift apart.
 */

const text = z.string().nullable();
const date = CalendarDateSchema.nullable();

export const ErrorBodySchema = z.object({ error: z.string(), message: z.string() });

export const ActionSummarySchema = z.object({
  id: z.string(),
  source: SourceSchema,
  nativeKey: z.string(),
  title: z.string(),
  status: ActionStatusSchema,
  ownerRaw: text,
  owner: text,
  team: text,
  businessUnit: text,
  start: date,
  due: date,
  baselineDue: date,
  url: text,
  removedAt: text,
});
export type ActionSummary = z.infer<typeof ActionSummarySchema>;

const optionalFilter = z.string().trim().min(1).max(200).optional();
const limit = z.coerce.number().int().min(1).max(200).default(50);
const offset = z.coerce.number().int().min(0).max(100_000_000).default(0);

export const ActionSearchSchema = z.object({
  q: z.string().trim().max(200).default(""),
  source: optionalFilter,
  status: ActionStatusSchema.optional(),
  team: optionalFilter,
  kpi: optionalFilter,
  limit,
  offset,
});
export type ActionSearch = z.infer<typeof ActionSearchSchema>;

export const ActionPageSchema = z.object({
  total: z.int(),
  limit: z.int(),
  offset: z.int(),
  items: z.array(ActionSummarySchema),
});
export type ActionPage = z.infer<typeof ActionPageSchema>;

export const DependencyLinkSchema = z.object({
  ref: z.string(),
  type: DependencyTypeSchema,
  lagDays: z.int(),
  /** How the ref resolves: one action, several (ambiguous) or none (dangling). */
  resolution: z.enum(["resolved", "ambiguous", "dangling"]),
  actions: z.array(ActionSummarySchema),
});

export const DependentLinkSchema = z.object({
  action: ActionSummarySchema,
  ref: z.string(),
  type: DependencyTypeSchema,
  lagDays: z.int(),
  /** The ref is a native key that more than one live action carries. */
  ambiguous: z.boolean(),
});

export const ConflictBriefSchema = z.object({
  fingerprint: z.string(),
  type: ConflictTypeSchema,
  severity: SeveritySchema,
  status: ConflictStatusSchema,
  valueAtRisk: z.number(),
  message: z.string(),
});

export const ActionDetailSchema = z.object({
  action: ActionSchema,
  ownerName: text,
  history: z.array(HistoryEventSchema),
  dependsOn: z.array(DependencyLinkSchema),
  dependedOnBy: z.array(DependentLinkSchema),
  conflicts: z.array(ConflictBriefSchema),
});
export type ActionDetail = z.infer<typeof ActionDetailSchema>;

export const ConflictFilterSchema = z.object({
  status: ConflictStatusSchema.default("open"),
  team: optionalFilter,
  businessUnit: optionalFilter,
  kpi: optionalFilter,
  type: ConflictTypeSchema.optional(),
  severity: SeveritySchema.optional(),
  limit,
  offset,
});
export type ConflictFilter = z.infer<typeof ConflictFilterSchema>;

export const ConflictItemSchema = StoredConflictSchema.extend({
  /** Title of the action in conflict (null for a cycle). */
  title: text,
  teams: z.array(z.string()),
  businessUnits: z.array(z.string()),
});
export type ConflictItem = z.infer<typeof ConflictItemSchema>;

export const ConflictPageSchema = z.object({
  total: z.int(),
  /** Of every conflict matching the filters, not only this page's. */
  valueAtRisk: z.number(),
  limit: z.int(),
  offset: z.int(),
  items: z.array(ConflictItemSchema),
  facets: z.object({
    teams: z.array(z.string()),
    businessUnits: z.array(z.string()),
    kpis: z.array(z.object({ key: z.string(), name: z.string() })),
  }),
});
export type ConflictPage = z.infer<typeof ConflictPageSchema>;

export const PathStepSchema = z.object({
  id: z.string(),
  role: z.enum(["root_cause", "step", "dependency", "action"]),
  /** Null when the action is gone from the store since the conflict was detected. */
  action: ActionSummarySchema.nullable(),
  ownerName: text,
});
export type PathStep = z.infer<typeof PathStepSchema>;

export const AlertRecordSchema = z.object({
  recipient: z.string(),
  recipientName: text,
  channel: z.string(),
  changeKey: z.string(),
  status: z.string(),
  sentAt: z.string(),
  updatedAt: text,
});
export type AlertRecord = z.infer<typeof AlertRecordSchema>;

export const ConflictDetailSchema = z.object({
  conflict: ConflictItemSchema,
  path: z.array(PathStepSchema),
  /** Involved actions not on the path (a cycle's members, the other mirror). */
  others: z.array(PathStepSchema),
  alerts: z.array(AlertRecordSchema),
  /** Replans and decisions made from Slack on the involved actions. */
  answers: z.array(HistoryEventSchema),
  today: CalendarDateSchema,
});
export type ConflictDetail = z.infer<typeof ConflictDetailSchema>;

export const RollupRowSchema = z.object({
  key: z.string(),
  valueAtRisk: z.number(),
  conflicts: z.int(),
  daysShort: z.int(),
});

export const KpiRowSchema = z.object({
  key: z.string(),
  name: z.string(),
  objective: z.string(),
  owner: text,
  ownerName: text,
  businessUnit: text,
  costOfDelayPerDay: z.number(),
  currency: z.string(),
  valueAtRisk: z.number(),
  conflicts: z.int(),
  daysShort: z.int(),
  /** Live actions serving the KPI. */
  actions: z.int(),
  /** Of those, not closed and due later than their first-seen due date... */
  slippedActions: z.int(),
  /** ...by this many days in total. */
  slipDays: z.int(),
});
export type KpiRow = z.infer<typeof KpiRowSchema>;

export const KpiReportSchema = z.object({
  currency: z.string(),
  objectives: z.array(
    z.object({
      objective: z.string(),
      valueAtRisk: z.number(),
      conflicts: z.int(),
      kpis: z.array(KpiRowSchema),
    }),
  ),
  rollups: z.object({
    kpi: z.array(RollupRowSchema),
    objective: z.array(RollupRowSchema),
    team: z.array(RollupRowSchema),
    businessUnit: z.array(RollupRowSchema),
    total: RollupRowSchema.omit({ key: true }),
  }),
  /** Value at risk of unresolved conflicts over time: a step at each detection and resolution. */
  series: z.array(z.object({ at: z.string(), valueAtRisk: z.number() })),
});
export type KpiReport = z.infer<typeof KpiReportSchema>;

export const QuarantineItemSchema = z.object({
  location: z.string(),
  nativeKey: text,
  column: text,
  field: text,
  reason: z.string(),
  raw: text,
  firstSeen: z.string(),
  lastSeen: z.string(),
});

export const SourceStatusSchema = z.object({
  id: z.string(),
  kind: z.string(),
  enabled: z.boolean(),
  /** False for an instance the store remembers but the config no longer lists. */
  configured: z.boolean(),
  syncEveryMinutes: z.int().nullable(),
  /** Mapping file of a sheets/csv instance, relative to the config folder. */
  mappingFile: text,
  lastRun: z
    .object({
      status: z.enum(["ok", "paused", "failed"]).nullable(),
      message: text,
      startedAt: text,
      finishedAt: text,
      pages: z.int(),
      inserted: z.int(),
      updated: z.int(),
      unchanged: z.int(),
      quarantined: z.int(),
      removed: z.int(),
    })
    .nullable(),
  cursor: z.unknown(),
  cursorAt: text,
  actions: z.object({ active: z.int(), removed: z.int() }),
  quarantine: z.object({ total: z.int(), items: z.array(QuarantineItemSchema) }),
});
export type SourceStatus = z.infer<typeof SourceStatusSchema>;

export const SyncNowResponseSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("done"),
    instance: z.string(),
    inserted: z.int(),
    updated: z.int(),
    unchanged: z.int(),
    removed: z.int(),
    quarantined: z.int(),
    paused: text,
  }),
  z.object({ kind: z.literal("queued"), instance: z.string(), jobId: text }),
]);
export type SyncNowResponse = z.infer<typeof SyncNowResponseSchema>;

const instanceId = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/i, "a connector instance id");
export const SheetSourceSchema = z.union([
  z.strictObject({ instance: instanceId }),
  z.strictObject({ spreadsheetId: SheetsMappingSchema.shape.spreadsheetId }),
]);

export const EditorSheetQuerySchema = z.object({
  instance: instanceId.optional(),
  spreadsheetId: SheetsMappingSchema.shape.spreadsheetId.optional(),
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
  current: z.object({ file: z.string(), mapping: SheetsMappingSchema.nullable(), issues: z.array(z.string()) }).nullable(),
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
