import { z } from "zod";
import { JiraError } from "./errors.js";

const Instant = z.iso.datetime({ offset: true });

export const CachedFieldsSchema = z.object({
  /** fieldNamesSignature() of the names these ids were resolved for. */
  signature: z.string(),
  resolvedAt: Instant,
  ids: z.object({
    start: z.string().nullable(),
    /** Absent in cursors written before it was recorded: such a field is written as a date. */
    startKind: z.enum(["date", "datetime"]).optional(),
    kpi: z.string().nullable(),
    team: z.string().nullable(),
  }),
});
export type CachedFields = z.infer<typeof CachedFieldsSchema>;

/**
 * What a Jira instance persists between runs, committed with each page. The watermark is the raw
 * `fields.updated` of the newest issue seen (Jira's own text, offset included, because JQL dates are read
 * in that zone); the normalised JQL detects a changed scope; the field ids save the /field call.
 */
export const JiraCursorSchema = z.object({
  v: z.literal(1),
  jql: z.string(),
  watermark: z.string().nullable(),
  lastFullScanAt: Instant.nullable(),
  fields: CachedFieldsSchema.nullable(),
});
export type JiraCursor = z.infer<typeof JiraCursorSchema>;

/** Null stays null; anything else must be a Jira cursor, since guessing would silently skip or repeat work. */
export function parseCursor(value: unknown, instance: string): JiraCursor | null {
  if (value === null || value === undefined) return null;
  const parsed = JiraCursorSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const why = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
  throw new JiraError(
    "jira_bad_cursor",
    `The stored cursor of connector ${instance} is not a Jira cursor (${why}); run a full sync to reset it`,
  );
}

export function fieldsAreFresh(
  cached: CachedFields | null,
  signature: string,
  maxAgeHours: number,
  now: Date,
): cached is CachedFields {
  if (!cached || cached.signature !== signature) return false;
  const age = now.getTime() - Date.parse(cached.resolvedAt);
  return age >= 0 && age < maxAgeHours * 3_600_000;
}
