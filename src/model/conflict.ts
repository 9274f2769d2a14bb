import { z } from "zod";
import { CalendarDateSchema } from "./calendar-date.js";
import {
  CycleFactsSchema,
  DependencyStatusFactsSchema,
  InvalidDatesFactsSchema,
  OwnershipFactsSchema,
  RefFactsSchema,
  ScheduleFactsSchema,
  SourceDisagreementFactsSchema,
  UnknownKpiFactsSchema,
  UnlinkedKpiFactsSchema,
} from "./conflict-facts.js";

export const CONFLICT_TYPES = [
  "schedule",
  "ownership_vacuum",
  "dangling_dependency",
  "ambiguous_dependency",
  "dependency_cycle",
  "undated_dependency",
  "done_before_dependency",
  "unlinked_kpi",
  "unknown_kpi",
  "source_disagreement",
  "invalid_dates",
  "cancelled_dependency",
] as const;
export const ConflictTypeSchema = z.enum(CONFLICT_TYPES);
export type ConflictType = z.infer<typeof ConflictTypeSchema>;

export const SEVERITIES = ["info", "warning", "critical"] as const;
export const SeveritySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof SeveritySchema>;

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

export const ConflictStatusSchema = z.enum(["open", "acknowledged", "snoozed", "resolved"]);

/** One KPI's delay and the value it puts at risk (delay × the KPI's cost of delay per day). */
export const KpiImpactSchema = z.object({
  key: z.string(),
  delayDays: z.number().int().nonnegative(),
  valueAtRisk: z.number().nonnegative(),
});
export type KpiImpact = z.infer<typeof KpiImpactSchema>;
export type ConflictStatus = z.infer<typeof ConflictStatusSchema>;

const conflictFields = {
  fingerprint: z.string().min(1),
  severity: SeveritySchema,
  /** The action in conflict; null for a cycle (see actionIds). */
  actionId: z.string().nullable(),
  /** Every action involved (a cycle's members, both mirrors of a disagreement, or just actionId). */
  actionIds: z.array(z.string()),
  dependencyId: z.string().nullable(),
  rootCauseId: z.string().nullable(),
  /** Hub ids from the root cause down to the action in conflict. */
  path: z.array(z.string()),
  plannedDate: CalendarDateSchema.nullable(),
  earliestDate: CalendarDateSchema.nullable(),
  daysShort: z.number().int().nonnegative().nullable(),
  kpis: z.array(z.string()),
  /**
   * What the conflict's KPIs stand to lose: each KPI's delay (its live actions' latest forecast finish minus
   * their latest planned finish at baseline) × its cost of delay. The same figures for every conflict on a
   * KPI, so roll-ups take each KPI once. Stored conflicts from before this field read as none.
   */
  kpiImpact: z.array(KpiImpactSchema).default([]),
  /** The sum of kpiImpact: a conflict's own figure, never to be added up across conflicts sharing a KPI. */
  valueAtRisk: z.number().nonnegative(),
  /** Person ids to notify, in a stable order. */
  notify: z.array(z.string()),
  message: z.string(),
};

/**
 * Detected conflicts, told apart by `type`; each type has its own `facts` (src/model/conflict-facts.ts).
 * `extra` adds fields to every variant (a stored conflict's lifecycle, the API's titles).
 */
export function conflictSchemaWith<S extends z.ZodRawShape>(extra: S) {
  const variant = <T extends ConflictType, F extends z.ZodType>(type: T, facts: F) =>
    z.object({ ...conflictFields, ...extra, type: z.literal(type), facts });
  return z.discriminatedUnion("type", [
    variant("schedule", ScheduleFactsSchema),
    variant("ownership_vacuum", OwnershipFactsSchema),
    variant("dangling_dependency", RefFactsSchema),
    variant("ambiguous_dependency", RefFactsSchema),
    variant("dependency_cycle", CycleFactsSchema),
    variant("undated_dependency", DependencyStatusFactsSchema),
    variant("done_before_dependency", DependencyStatusFactsSchema),
    variant("unlinked_kpi", UnlinkedKpiFactsSchema),
    variant("unknown_kpi", UnknownKpiFactsSchema),
    variant("source_disagreement", SourceDisagreementFactsSchema),
    variant("invalid_dates", InvalidDatesFactsSchema),
    variant("cancelled_dependency", DependencyStatusFactsSchema),
  ]);
}

/**
 * One detected conflict. The fingerprint is stable across runs (type + the ids involved, never dates or
 * amounts), so a re-detection is recognised as the same conflict and a change in facts as a change.
 */
export const ConflictSchema = conflictSchemaWith({});
export type Conflict = z.infer<typeof ConflictSchema>;
/** The facts of one conflict type: `ConflictFacts<"schedule">["neededBy"]`. */
export type ConflictFacts<T extends ConflictType> = Extract<Conflict, { type: T }>["facts"];

/** What changed between two sets of detected conflicts, keyed by fingerprint. */
export interface ConflictDiff {
  opened: Conflict[];
  /** Same fingerprint, different facts (dates, days short, severity, message, recipients). */
  changed: { before: Conflict; after: Conflict }[];
  resolved: Conflict[];
}
