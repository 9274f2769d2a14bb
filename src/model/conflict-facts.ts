import { z } from "zod";
import { ActionStatusSchema } from "./action.js";
import { CalendarDateSchema } from "./calendar-date.js";

/** What each conflict type knows besides the common fields: one schema per type, so readers need no guessing. */

const date = CalendarDateSchema.nullable();

export const ScheduleFactsSchema = z.object({
  /** Which of the action's dates the dependency pushes: its start (FS, SS) or only its finish (FF). */
  bound: z.enum(["start", "finish"]),
  dependencyType: z.enum(["FS", "SS", "FF"]),
  lagDays: z.number().int(),
  /** The ref as the action wrote it. */
  ref: z.string().nullable(),
  /** When the dependency is forecast to finish (start, for SS). */
  dependencyForecast: date,
  /** The latest date the dependency can finish (start, for SS) for this action's plan to hold. */
  neededBy: date,
  neededFor: z.enum(["start", "finish"]),
  costOfDelayPerDay: z.number().nonnegative(),
  currency: z.string().nullable(),
  rootCauseDue: date,
  rootCauseBaselineDue: date,
  rootCauseForecastFinish: date,
  rootCauseOverdue: z.boolean(),
  rootCauseSlipDays: z.number().int().nullable(),
  /**
   * Why the binding dependency is forecast as it is: its own plan, work not started though its start has
   * passed, past its due date and not done, or pushed by its own dependencies. Stored conflicts from before
   * this field read as `planned`.
   */
  forecastReason: z.enum(["planned", "unstarted", "overdue", "pushed"]).default("planned"),
  /**
   * Whether the dependency can still make neededBy: not in the past, and not before the earliest its own
   * dependencies let it finish (start, for SS). Its owner is asked to commit only then; otherwise to propose.
   */
  neededByReachable: z.boolean().default(true),
});

export const OwnershipFactsSchema = z.object({
  reason: z.enum(["empty", "team", "unresolved"]),
  ownerRaw: z.string().nullable(),
  team: z.string().nullable(),
  /** Person ids the owner text could mean, when it matched several. */
  candidates: z.array(z.string()),
});

/** A dangling or ambiguous ref. */
export const RefFactsSchema = z.object({
  ref: z.string(),
  relation: z.enum(["dependsOn", "mirrors"]),
  candidates: z.array(z.string()),
});

export const CycleFactsSchema = z.object({ size: z.number().int().positive() });

/** A start after the due date, as the tool holds them: the action is scheduled as a milestone on its due date. */
export const InvalidDatesFactsSchema = z.object({ start: CalendarDateSchema, due: CalendarDateSchema });

/** An undated, cancelled or unfinished dependency (of an action done before it). */
export const DependencyStatusFactsSchema = z.object({ dependencyStatus: ActionStatusSchema });

export const UnlinkedKpiFactsSchema = z.object({
  team: z.string().nullable(),
  businessUnit: z.string().nullable(),
});

export const UnknownKpiFactsSchema = z.object({ kpi: z.string() });

export const SourceDisagreementFactsSchema = z.object({
  dueA: date,
  dueB: date,
  daysApart: z.number().int().nonnegative(),
  instanceA: z.string(),
  instanceB: z.string(),
});
