import { z } from "zod";

/**
 * Custom field values come in several documented shapes: a plain string or number (text, number fields),
 * `{ value }` (select lists, with `child` for cascading selects), `{ name }` or `{ title }` (teams,
 * versions, users), and arrays of any of these (multi-selects, labels-type fields).
 */
const Single = z.union([
  z.string(),
  z.number().transform(String),
  z
    .object({ value: z.string(), child: z.object({ value: z.string() }).optional() })
    .transform((o) => o.value),
  z.object({ name: z.string() }).transform((o) => o.name),
  z.object({ title: z.string() }).transform((o) => o.title),
]);
const Values = z.union([Single.transform((v) => [v]), z.array(Single)]);

/** The texts a custom field holds, trimmed, empty ones dropped; [] for null, missing or an unknown shape. */
export function customFieldTexts(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  const parsed = Values.safeParse(value);
  if (!parsed.success) return [];
  return parsed.data.map((v) => v.trim()).filter((v) => v.length > 0);
}

/** Whether a custom field value has a shape the connector cannot read (reported, not guessed). */
export function isUnreadableCustomValue(value: unknown): boolean {
  return value !== null && value !== undefined && !Values.safeParse(value).success;
}
