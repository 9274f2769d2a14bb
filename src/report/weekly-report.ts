import { z } from "zod";

/** A figure now and a week before (null when nothing was recorded by then), and the difference. */
export const ChangeSchema = z.object({
  now: z.number(),
  lastWeek: z.number().nullable(),
  change: z.number().nullable(),
});
export type Change = z.infer<typeof ChangeSchema>;

const Ref = z.object({ id: z.string(), title: z.string().nullable(), ownerName: z.string().nullable() });

/**
 * The weekly governance report: what is at risk and how it moved, the week's slips and their root causes,
 * who has not answered, ownerless and unlinked work, and how fast each team acknowledges. One model for
 * `sightline report` (json, md, html) and the web admin's /report; figures come from the recorded roll-ups
 * (the reconciler's distinct-KPI sums) kept in the risk history.
 */
export const WeeklyReportSchema = z.object({
  organisation: z.string(),
  currency: z.string(),
  week: z.object({ name: z.string(), from: z.string(), to: z.string() }),
  /** The day the week's figures are as of (the last recorded reconcile in the week); null when none ran. */
  asOf: z.string().nullable(),
  total: ChangeSchema,
  objectives: z.array(
    ChangeSchema.extend({
      key: z.string(),
      /** Value at risk at the end of each of the last 12 weeks, oldest first (null before any record). */
      series: z.array(z.object({ week: z.string(), valueAtRisk: z.number().nullable() })),
    }),
  ),
  kpis: z.array(
    ChangeSchema.extend({ key: z.string(), name: z.string(), objective: z.string(), days: z.number() }),
  ),
  businessUnits: z.array(ChangeSchema.extend({ key: z.string() })),
  /** Schedule conflicts first seen this week, by the slip behind them. */
  slips: z.array(z.object({ rootCause: Ref, conflicts: z.number(), valueAtRisk: z.number() })),
  /** Open conflicts nobody has answered for longer than alerts.escalateAfterHours, oldest first. */
  unanswered: z.array(
    z.object({
      fingerprint: z.string(),
      title: z.string().nullable(),
      /** Who has not answered: the owner of the action in conflict. */
      ownerName: z.string().nullable(),
      waitingOn: Ref.nullable(),
      since: z.string(),
      hours: z.number(),
    }),
  ),
  vacuums: z.array(
    z.object({ actionId: z.string(), title: z.string().nullable(), teams: z.array(z.string()) }),
  ),
  unlinked: z.array(
    z.object({ actionId: z.string(), title: z.string().nullable(), ownerName: z.string().nullable() }),
  ),
  timeToAcknowledge: z.array(z.object({ team: z.string(), answered: z.number(), medianHours: z.number() })),
});
export type WeeklyReport = z.infer<typeof WeeklyReportSchema>;
