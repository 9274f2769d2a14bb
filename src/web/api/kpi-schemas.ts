import { z } from "zod";
import { AsOfSchema, text } from "./schema-parts.js";

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
  asOf: AsOfSchema,
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
