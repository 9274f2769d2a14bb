import { ACTION_STATUSES, type ActionStatus, type CalendarDate } from "../model/index.js";
import { parseTextDate, serialToDate } from "./dates.js";
import { type Cell, cellText } from "./headers.js";
import type { MappingFields } from "./schema.js";

/**
 * Cell readers: one cell plus its column's transform in, a field value (or the reason it is unusable) out.
 * Pure and allocation-light: they run once per cell on 100k-row sheets.
 */
export type CellResult<T> = { ok: true; value: T } | { ok: false; reason: string };

type FieldSpec<F extends keyof MappingFields> = NonNullable<MappingFields[F]>;
type TextTransform = FieldSpec<"title">["transform"];
type StatusTransform = FieldSpec<"status">["transform"];
type DateTransform = FieldSpec<"due">["transform"];
type ListTransform = FieldSpec<"kpis">["transform"];

/** Case- and space-insensitive key for enum tables. */
export function enumKey(text: string): string {
  return text.normalize("NFKC").trim().toLowerCase().replace(/\s+/g, " ");
}

const textTables = new WeakMap<object, Map<string, string>>();
const statusTables = new WeakMap<object, Map<string, ActionStatus>>();

/** Built once per mapping object (the row loop calls it per cell), keyed by enumKey. */
function cached<V>(cache: WeakMap<object, Map<string, V>>, values: Record<string, V>): Map<string, V> {
  let table = cache.get(values);
  if (!table) {
    table = new Map(Object.entries(values).map(([k, v]) => [enumKey(k), v]));
    cache.set(values, table);
  }
  return table;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, " ");
}

/** Text fields; empty cells read as null. */
export function readText(cell: Cell, transform: TextTransform): CellResult<string | null> {
  const text = cellText(cell);
  if (transform === "trim") return { ok: true, value: text === "" ? null : collapse(text) };
  if (transform === "lower") return { ok: true, value: text === "" ? null : collapse(text).toLowerCase() };
  if (transform && typeof transform === "object") {
    if (text === "") return { ok: true, value: transform.default ?? null };
    const mapped = cached(textTables, transform.values).get(enumKey(text));
    if (mapped === undefined) {
      return {
        ok: false,
        reason: `"${text}" is not in the mapping's table (${Object.keys(transform.values).join(", ")})`,
      };
    }
    return { ok: true, value: mapped };
  }
  return { ok: true, value: text === "" ? null : text };
}

const CANONICAL_STATUS = new Map<string, ActionStatus>([
  ...ACTION_STATUSES.map((s): [string, ActionStatus] => [s, s]),
  ["to do", "todo"],
  ["to_do", "todo"],
  ["in progress", "in_progress"],
  ["in-progress", "in_progress"],
  ["canceled", "cancelled"],
]);

/** Status: through the enum table when there is one; canonical status names are always understood. */
export function readStatus(cell: Cell, transform: StatusTransform): CellResult<ActionStatus> {
  const text = cellText(cell);
  const table = transform && typeof transform === "object" ? transform : null;
  if (text === "") {
    if (table?.default) return { ok: true, value: table.default };
    return { ok: false, reason: "status is empty (give the enum a default to accept empty cells)" };
  }
  const key = enumKey(text);
  const mapped = table ? cached(statusTables, table.values).get(key) : undefined;
  if (mapped !== undefined) return { ok: true, value: mapped };
  const canonical = CANONICAL_STATUS.get(key);
  if (canonical) return { ok: true, value: canonical };
  const known = table ? Object.keys(table.values).join(", ") : ACTION_STATUSES.join(", ");
  return { ok: false, reason: `unknown status "${text}" (known: ${known})` };
}

/** Dates: Sheets serial numbers, or text read with the transform's format or the locale's order. */
export function readDate(
  cell: Cell,
  transform: DateTransform,
  locale: string | null,
): CellResult<CalendarDate | null> {
  if (typeof cell === "number") {
    const r = serialToDate(cell);
    return r.ok ? { ok: true, value: r.date } : r;
  }
  const text = cellText(cell);
  if (text === "") return { ok: true, value: null };
  if (typeof cell === "boolean") return { ok: false, reason: `${text} is not a date` };
  const spec = transform && typeof transform === "object" ? transform : undefined;
  const r = parseTextDate(text, { format: spec?.format, locale: spec?.locale ?? locale });
  return r.ok ? { ok: true, value: r.date } : r;
}

const DEFAULT_SEPARATOR = /[,;\n]/;

/** Lists: split, trimmed, empties dropped, duplicates removed (first occurrence kept). */
export function readList(cell: Cell, transform: ListTransform): string[] {
  const text = cellText(cell);
  if (text === "") return [];
  const separator =
    transform && typeof transform === "object" && transform.separator
      ? transform.separator
      : DEFAULT_SEPARATOR;
  const out: string[] = [];
  for (const part of text.split(separator)) {
    const item = part.trim();
    if (item !== "" && !out.includes(item)) out.push(item);
  }
  return out;
}

/** Owners: collapsed spaces, a leading @ of a handle dropped; resolution to a person happens later. */
export function readPerson(cell: Cell): string | null {
  const text = collapse(cellText(cell)).replace(/^@/, "");
  return text === "" ? null : text;
}
