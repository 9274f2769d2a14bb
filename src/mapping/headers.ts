import { MappingError, type MissingHeader } from "./errors.js";
import { MAPPED_FIELDS, type MappedField, type Mapping } from "./schema.js";

/** One cell as the Sheets API returns it with UNFORMATTED_VALUE (or as CSV text); absent cells are undefined. */
export type Cell = string | number | boolean | null | undefined;
export type Row = readonly Cell[];

/** A mapped column found in the header row. */
export interface ResolvedColumn {
  /** The header text as the sheet spells it, for messages. */
  header: string;
  /** 0-based column index. */
  index: number;
}

export interface ColumnMap {
  key: ResolvedColumn;
  fields: Partial<Record<MappedField, ResolvedColumn>>;
}

/** "Depends on", " depends  ON " and "DependsOn" are the same header; punctuation still counts. */
export function normalizeHeader(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/g, "");
}

export function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return "";
  return String(cell).trim();
}

/** "A" for 0, "Z" for 25, "AA" for 26: the column letter admins see in the sheet. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur.push(Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** The header closest to `wanted` by edit distance (ignoring case and spaces); ties go to the leftmost. */
export function closestHeader(wanted: string, candidates: readonly string[]): string | null {
  const target = normalizeHeader(wanted);
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const d = levenshtein(target, normalizeHeader(candidate));
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

interface ColumnSpec {
  column: string;
  aliases?: string[] | undefined;
  required?: boolean | undefined;
}

function specsOf(mapping: Mapping): [MappedField, ColumnSpec][] {
  const out: [MappedField, ColumnSpec][] = [];
  for (const field of MAPPED_FIELDS) {
    const spec = mapping.fields[field];
    if (spec) out.push([field, spec]);
  }
  return out;
}

/**
 * Finds every mapped column in the header row by name. A reordered sheet resolves to new indexes and syncs
 * as before; a required header that is gone, or a name that matches two columns, throws a MappingError that
 * pauses the sync (guessing would put the wrong data in every action).
 */
export function resolveColumns(header: Row, mapping: Mapping, where: string): ColumnMap {
  const texts = header.map(cellText);
  const byName = new Map<string, number[]>();
  texts.forEach((text, index) => {
    if (text === "") return;
    const key = normalizeHeader(text);
    byName.set(key, [...(byName.get(key) ?? []), index]);
  });

  const missing: MissingHeader[] = [];
  const duplicates: string[] = [];
  const found = (field: string, spec: ColumnSpec): ResolvedColumn | null => {
    const names = [spec.column, ...(spec.aliases ?? [])];
    const indexes = [...new Set(names.flatMap((n) => byName.get(normalizeHeader(n)) ?? []))].sort(
      (x, y) => x - y,
    );
    if (indexes.length > 1) {
      const where = indexes.map((i) => `"${texts[i]}" (column ${columnLetter(i)})`).join(" and ");
      duplicates.push(`${field} matches ${where}`);
      return null;
    }
    const index = indexes[0];
    if (index === undefined) {
      if (spec.required !== false) missing.push({ field, header: spec.column, closest: null });
      return null;
    }
    return { header: texts[index]!, index };
  };

  const key = found("key", { ...mapping.key, required: true });
  const fields: Partial<Record<MappedField, ResolvedColumn>> = {};
  for (const [field, spec] of specsOf(mapping)) {
    const col = found(field, spec);
    if (col) fields[field] = col;
  }

  if (duplicates.length > 0) {
    throw new MappingError(
      "mapping_header_duplicate",
      where,
      `duplicate headers, cannot tell which column to read: ${duplicates.join("; ")}. ` +
        "Rename one of them in the sheet.",
      { duplicates },
    );
  }
  if (missing.length > 0 || !key) {
    const claimed = new Set<number>([
      ...(key ? [key.index] : []),
      ...Object.values(fields).map((c) => c.index),
    ]);
    const unclaimed = texts.filter((t, i) => t !== "" && !claimed.has(i));
    const present = texts.filter((t) => t !== "");
    for (const m of missing) m.closest = closestHeader(m.header, unclaimed.length > 0 ? unclaimed : present);
    const list = missing
      .map((m) => `"${m.header}" (${m.field})${m.closest ? `, closest header is "${m.closest}"` : ""}`)
      .join("; ");
    throw new MappingError(
      "mapping_header_missing",
      where,
      `required header missing: ${list}. Headers found: ${present.map((t) => `"${t}"`).join(", ") || "none"}. ` +
        "Rename the column back, or add its new name to the mapping as an alias.",
      { missing },
    );
  }
  return { key, fields };
}
