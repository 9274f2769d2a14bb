import { z } from "zod";
import {
  CalendarDateSchema,
  ConflictStatusSchema,
  ConflictTypeSchema,
  conflictSchemaWith,
  HistoryEventSchema,
  SeveritySchema,
} from "../../model/index.js";
import { CONFLICT_LIFECYCLE } from "../../store/index.js";
import { ActionSummarySchema } from "./action-schemas.js";
import { AsOfSchema, limit, offset, optionalFilter, text } from "./schema-parts.js";

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

/** An action as a list names it: its title and who owns it (null when gone from the store or unowned). */
export const ActionRefSchema = z.object({ id: z.string(), title: text, ownerName: text });
export type ActionRef = z.infer<typeof ActionRefSchema>;

export const ConflictItemSchema = conflictSchemaWith({
  ...CONFLICT_LIFECYCLE,
  /** Title of the action in conflict (null for a cycle). */
  title: text,
  teams: z.array(z.string()),
  businessUnits: z.array(z.string()),
  /** Who must act: the owner of the action in conflict. */
  ownerName: text,
  /** What it waits on: the root cause of the slip, else the dependency (null when neither). */
  waitingOn: ActionRefSchema.nullable(),
  /** `path` with titles, root cause first. */
  pathRefs: z.array(ActionRefSchema),
});
export type ConflictItem = z.infer<typeof ConflictItemSchema>;

export const ConflictPageSchema = z.object({
  asOf: AsOfSchema,
  total: z.int(),
  /** Of every conflict matching the filters, not only this page's. */
  valueAtRisk: z.number(),
  limit: z.int(),
  offset: z.int(),
  items: z.array(ConflictItemSchema),
  /** Every matching conflict grouped by the slip that causes it, most at risk first (one slip, N conflicts). */
  rootCauses: z.array(
    z.object({
      rootCause: ActionRefSchema,
      conflicts: z.int(),
      valueAtRisk: z.number(),
      severity: SeveritySchema,
      /** The conflicts' owners, who must act on this one slip. */
      owners: z.array(z.string()),
    }),
  ),
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
  asOf: AsOfSchema,
});
export type ConflictDetail = z.infer<typeof ConflictDetailSchema>;
