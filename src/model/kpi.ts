import { z } from "zod";

export const KpiSchema = z.object({
  key: z.string().trim().min(1),
  name: z.string().trim().min(1),
  /** The objective (OKR) the KPI belongs to. */
  objective: z.string().trim().min(1),
  /** Person id (or any owner text that resolves to one) accountable for the KPI. */
  owner: z
    .string()
    .trim()
    .min(1)
    .nullish()
    .transform((v) => v ?? null),
  unit: z
    .string()
    .trim()
    .min(1)
    .nullish()
    .transform((v) => v ?? null),
  businessUnit: z
    .string()
    .trim()
    .min(1)
    .nullish()
    .transform((v) => v ?? null),
  /** Money lost per day of slip on an action serving this KPI. */
  costOfDelayPerDay: z.number().nonnegative().default(0),
  currency: z.string().trim().length(3).default("EUR"),
});
export type Kpi = z.infer<typeof KpiSchema>;
export type KpiInput = z.input<typeof KpiSchema>;
