import {
  MAPPED_FIELDS,
  type MappedField,
  type MappingFields,
  type SheetsMapping,
} from "../../mapping/schema.js";

/**
 * What the editor offers for each field: the transforms of src/mapping/schema.ts, named for admins. The page
 * renders these options and the client script swaps them when a column's field changes, so both read this
 * one table. `date-format` and `list-separator` take an extra text (the format, the separator).
 */
export type Choice = "key" | MappedField | "";

export const FIELD_LABELS: Record<Exclude<Choice, "">, string> = {
  key: "Key",
  title: "Title",
  status: "Status",
  owner: "Owner",
  team: "Team",
  businessUnit: "Business unit",
  program: "Program",
  start: "Start date",
  due: "Due date",
  kpis: "KPIs",
  dependsOn: "Depends on",
  mirrors: "Mirrors (same work elsewhere)",
  url: "Link",
};

const LIST: [string, string][] = [
  ["list", "list (split on , ; or line breaks)"],
  ["list-separator", "list with another separator"],
];

const TEXT: [string, string][] = [
  ["", "as written"],
  ["trim", "trim spaces"],
  ["lower", "lower-case"],
];

export const TRANSFORMS: Record<Exclude<Choice, "">, [value: string, label: string][]> = {
  key: [["", "as written"]],
  title: TEXT,
  team: TEXT,
  businessUnit: TEXT,
  program: TEXT,
  status: [
    ["enum", "status table"],
    ["lower", "status words only (todo, in progress, blocked, done, cancelled)"],
  ],
  owner: [
    ["person", "person (name, e-mail or @handle)"],
    ["trim", "trim spaces"],
  ],
  start: [
    ["date", "date cells or YYYY-MM-DD"],
    ["date-format", "text dates in a format"],
  ],
  due: [
    ["date", "date cells or YYYY-MM-DD"],
    ["date-format", "text dates in a format"],
  ],
  kpis: LIST,
  dependsOn: LIST,
  mirrors: LIST,
  url: [
    ["", "as written"],
    ["trim", "trim spaces"],
  ],
};

export interface ColumnChoice {
  field: Choice;
  transform: string;
  /** Date format or list separator. */
  option: string;
  /** Status table of the column, by cell text. */
  statusValues: Record<string, string>;
  statusDefault: string;
}

type AnySpec = NonNullable<MappingFields[MappedField]>;

function transformOf(
  spec: AnySpec,
): Pick<ColumnChoice, "transform" | "option" | "statusValues" | "statusDefault"> {
  const t = spec.transform;
  const none = { option: "", statusValues: {}, statusDefault: "" };
  if (t === undefined) return { transform: "", ...none };
  if (typeof t === "string") return { transform: t, ...none };
  if (t.type === "date")
    return t.format
      ? { transform: "date-format", ...none, option: t.format }
      : { transform: "date", ...none };
  if (t.type === "list")
    return t.separator
      ? { transform: "list-separator", ...none, option: t.separator }
      : { transform: "list", ...none };
  return { transform: "enum", option: "", statusValues: { ...t.values }, statusDefault: t.default ?? "" };
}

const norm = (s: string) => s.normalize("NFKC").toLowerCase().replace(/\s+/g, "");

/** The preselected choice of each header of the sheet, from a proposed (or the current) mapping. */
export function choicesFor(mapping: SheetsMapping, header: readonly string[]): ColumnChoice[] {
  const byColumn = new Map<string, ColumnChoice>();
  const named = (column: string, aliases: readonly string[] | undefined) =>
    header.find((h) => norm(h) === norm(column)) ??
    header.find((h) => (aliases ?? []).some((a) => norm(a) === norm(h)));
  const keyHeader = named(mapping.key.column, mapping.key.aliases);
  if (keyHeader !== undefined) {
    byColumn.set(keyHeader, { field: "key", transform: "", option: "", statusValues: {}, statusDefault: "" });
  }
  for (const field of MAPPED_FIELDS) {
    const spec: AnySpec | undefined = mapping.fields[field];
    if (!spec) continue;
    const h = named(spec.column, spec.aliases);
    if (h !== undefined && !byColumn.has(h)) byColumn.set(h, { field, ...transformOf(spec) });
  }
  return header.map(
    (h) => byColumn.get(h) ?? { field: "", transform: "", option: "", statusValues: {}, statusDefault: "" },
  );
}
