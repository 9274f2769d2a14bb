import type { JiraConnectorConfig } from "./config.js";
import type { RawField } from "./raw-schema.js";

/** Custom field ids differ per site; they are looked up by name once and cached in the cursor. */
export interface FieldIds {
  start: string | null;
  /** The start field's schema type: a `datetime` field is written as an instant, a `date` as a day. */
  startKind?: "date" | "datetime";
  kpi: string | null;
  team: string | null;
}

export interface FieldNames {
  start: string;
  kpi: string | null;
  team: string | null;
}

export function fieldNamesOf(config: JiraConnectorConfig): FieldNames {
  return {
    start: config.startDateField,
    kpi: config.kpiFrom.customFieldName ?? null,
    team: config.teamFrom.customFieldName ?? null,
  };
}

/** Changes when the configured names change, so a cached resolution is not reused for other fields. */
export function fieldNamesSignature(names: FieldNames): string {
  return JSON.stringify([names.start, names.kpi, names.team]);
}

/** System fields the mapper reads; custom field ids are appended. */
export const SYSTEM_FIELDS = [
  "summary",
  "status",
  "assignee",
  "duedate",
  "updated",
  "parent",
  "labels",
  "components",
  "issuelinks",
  "resolution",
] as const;

export function requestedFields(ids: FieldIds): string[] {
  const custom = [ids.start, ids.kpi, ids.team].filter((id): id is string => id !== null);
  return [...SYSTEM_FIELDS, ...new Set(custom)];
}

const DATE_TYPES = new Set(["date", "datetime"]);

function pick(
  fields: readonly RawField[],
  wanted: string,
  label: string,
  prefer: (f: RawField) => boolean,
  notices: string[],
): string | null {
  // An id in the config ("customfield_10015") is taken as is, for sites with duplicate field names.
  const byId = fields.find((f) => f.id === wanted);
  if (byId) return byId.id;
  const norm = wanted.trim().toLowerCase();
  const matches = fields.filter((f) => f.name.trim().toLowerCase() === norm);
  if (matches.length === 0) {
    notices.push(`${label} field "${wanted}" does not exist on this site: it is left empty on every action`);
    return null;
  }
  const preferred = matches.filter(prefer);
  const chosen = (preferred.length ? preferred : matches)[0]!;
  if (matches.length > 1) {
    notices.push(
      `${label} field "${wanted}" matches ${matches.length} fields (${matches.map((f) => f.id).join(", ")}); ` +
        `using ${chosen.id}. Put the id in the config to choose another`,
    );
  }
  return chosen.id;
}

/** Pure: the /field list and the configured names → ids, plus notices for what is missing or ambiguous. */
export function resolveFieldIds(
  fields: readonly RawField[],
  names: FieldNames,
): { ids: FieldIds; notices: string[] } {
  const notices: string[] = [];
  const isDate = (f: RawField) => DATE_TYPES.has(f.schema?.type ?? "");
  const any = () => true;
  const start = pick(fields, names.start, "Start date", isDate, notices);
  const startType = fields.find((f) => f.id === start)?.schema?.type;
  return {
    ids: {
      start,
      ...(startType === "datetime"
        ? { startKind: "datetime" as const }
        : start
          ? { startKind: "date" as const }
          : {}),
      kpi: names.kpi === null ? null : pick(fields, names.kpi, "KPI", any, notices),
      team: names.team === null ? null : pick(fields, names.team, "Team", any, notices),
    },
    notices,
  };
}
