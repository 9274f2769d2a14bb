import { z } from "zod";
import {
  ActionSchema,
  ActionStatusSchema,
  ConflictStatusSchema,
  ConflictTypeSchema,
  DependencyTypeSchema,
  HistoryEventSchema,
  KpiImpactSchema,
  SeveritySchema,
  SourceSchema,
} from "../../model/index.js";
import { date, limit, offset, optionalFilter, text } from "./schema-parts.js";

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
  /** An admin said this is not a dependency: the reconciler drops the edge. */
  ignored: z.boolean(),
  /** Dangling only: live actions whose title is the ref (it names the work, not its key). */
  didYouMean: z.array(ActionSummarySchema).default([]),
});

export const DependentLinkSchema = z.object({
  action: ActionSummarySchema,
  ref: z.string(),
  type: DependencyTypeSchema,
  lagDays: z.int(),
  /** The ref matches this action and others: the reconciler draws no edge from it. */
  ambiguous: z.boolean(),
  /** An admin said this is not a dependency: the reconciler drops the edge. */
  ignored: z.boolean(),
});

export const ConflictBriefSchema = z.object({
  fingerprint: z.string(),
  type: ConflictTypeSchema,
  severity: SeveritySchema,
  status: ConflictStatusSchema,
  valueAtRisk: z.number(),
  /** Per KPI: its delay and value at risk (the same on every conflict of that KPI: add each KPI once). */
  kpiImpact: z.array(KpiImpactSchema).default([]),
  message: z.string(),
});

export const ActionDetailSchema = z.object({
  action: ActionSchema,
  ownerName: text,
  history: z.array(HistoryEventSchema),
  dependsOn: z.array(DependencyLinkSchema),
  dependedOnBy: z.array(DependentLinkSchema),
  conflicts: z.array(ConflictBriefSchema),
  /** Unresolved conflicts this action's slip causes downstream (it is their root cause), with who must act. */
  causes: z.array(
    ConflictBriefSchema.extend({ actionId: z.string().nullable(), title: text, ownerName: text }),
  ),
});
export type ActionDetail = z.infer<typeof ActionDetailSchema>;
