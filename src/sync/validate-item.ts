import { type ActionRecord, ActionRecordSchema } from "../model/index.js";
import type { Origin, PageItem, QuarantineEntry } from "./contract.js";
import { formatIssues } from "./zod-issues.js";

/** Upper bound on the raw text kept with a quarantined record: enough to see the problem, not a whole page. */
const MAX_RAW = 4000;

export type ValidatedItem =
  | { ok: true; record: ActionRecord; origin: Origin }
  | {
      ok: false;
      entry: QuarantineEntry;
      /** Every field path the item failed on; the guard uses it to spot a field lost for every record. */
      fields: string[];
    };

export function rawText(raw: unknown): string | null {
  if (raw === undefined) return null;
  let text: string;
  try {
    text = typeof raw === "string" ? raw : (JSON.stringify(raw) ?? String(raw));
  } catch {
    // Not JSON-encodable (cycles, BigInt): the string form still helps the admin find the item.
    text = String(raw);
  }
  return text.length > MAX_RAW ? `${text.slice(0, MAX_RAW - 1)}…` : text;
}

/** The native key of an item that failed validation, when it can still be read: it keeps the item "seen". */
export function nativeKeyOf(origin: Origin, raw: unknown): string | null {
  if (origin.nativeKey) return origin.nativeKey;
  if (raw !== null && typeof raw === "object") {
    const key: unknown = Reflect.get(raw, "nativeKey");
    if (typeof key === "string" && key.trim() !== "") return key.trim();
  }
  return null;
}

/** Validates one page item against the canonical record schema; rejected and invalid items become entries. */
export function validateItem(instance: string, item: PageItem): ValidatedItem {
  if (item.kind === "rejected") {
    const field = item.origin.field ?? null;
    return {
      ok: false,
      fields: field ? [field] : [],
      entry: {
        instance,
        location: item.origin.location,
        nativeKey: nativeKeyOf(item.origin, item.raw),
        column: item.origin.column ?? null,
        field,
        reason: item.reason,
        raw: rawText(item.raw),
      },
    };
  }
  const parsed = ActionRecordSchema.safeParse(item.record);
  if (parsed.success) return { ok: true, record: parsed.data, origin: item.origin };
  const issues = formatIssues(parsed.error, item.record);
  const fields = [...new Set(issues.map((i) => i.path))];
  return {
    ok: false,
    fields,
    entry: {
      instance,
      location: item.origin.location,
      nativeKey: nativeKeyOf(item.origin, item.record),
      column: item.origin.column ?? null,
      field: fields[0] ?? item.origin.field ?? null,
      reason: issues.map((i) => i.text).join("; "),
      raw: rawText(item.record),
    },
  };
}

/** The second occurrence of a native key in one run: ignored and quarantined, naming the first one. */
export function duplicateEntry(
  instance: string,
  record: ActionRecord,
  origin: Origin,
  firstLocation: string,
): QuarantineEntry {
  return {
    instance,
    location: origin.location,
    nativeKey: record.nativeKey,
    column: origin.column ?? null,
    field: "nativeKey",
    reason: `duplicate key "${record.nativeKey}": already read at ${firstLocation}; this occurrence was ignored`,
    raw: rawText(record),
  };
}
