import { z } from "zod";
import { CalendarDateSchema } from "../../model/index.js";

/** Building blocks shared by the API's schemas: nullable text and dates, paging and filter parameters. */

export const text = z.string().nullable();
export const date = CalendarDateSchema.nullable();
export const optionalFilter = z.string().trim().min(1).max(200).optional();
export const limit = z.coerce.number().int().min(1).max(200).default(50);
export const offset = z.coerce.number().int().min(0).max(100_000_000).default(0);

/**
 * The day every figure of a response is as of: the last recorded reconcile's (the day it forecast on) and when
 * it ran. Null before the first reconcile, when there are no figures to date.
 */
export const AsOfSchema = z
  .object({ day: CalendarDateSchema, recordedAt: z.string() })
  .nullable()
  .describe("the last recorded reconcile: the day its figures are as of, and when it ran");

export const ErrorBodySchema = z.object({ error: z.string(), message: z.string() });
