import type { z } from "zod";
import {
  type ActionRecordInput,
  type KpiInput,
  KpiSchema,
  type PersonInput,
  PersonSchema,
  TeamEntrySchema,
  type TeamInput,
} from "../../src/model/index.js";
import type { PageItem } from "../../src/sync/contract.js";
import { formatIssues } from "../../src/sync/zod-issues.js";
import { type RawAction, RawActionSchema, type RawFile } from "./raw-schema.js";

/** "In progress", "in-progress", "IN_PROGRESS" → in_progress; anything else is left for the engine to reject. */
export function normaliseStatus(status: string | null | undefined): string {
  if (status === null || status === undefined || status.trim() === "") return "todo";
  return status
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

/** The canonical record before validation: the status is still free text until the engine checks it. */
export type MappedRecord = Omit<ActionRecordInput, "status"> & { status: string };

/** Pure: one raw action → the canonical record the engine validates. */
export function mapAction(raw: RawAction): MappedRecord {
  return {
    nativeKey: raw.key,
    url: raw.url ?? null,
    title: raw.title,
    // The engine validates the status against the canonical enum and names the allowed values if it is wrong.
    status: normaliseStatus(raw.status),
    ownerRaw: raw.owner ?? null,
    team: raw.team ?? null,
    businessUnit: raw.businessUnit ?? null,
    program: raw.program ?? null,
    start: raw.start ?? null,
    due: raw.due ?? null,
    kpis: raw.kpis ?? [],
    dependsOn: raw.dependsOn ?? [],
    mirrors: raw.mirrors ?? [],
    sourceUpdatedAt: raw.updatedAt ?? null,
  };
}

function keyOf(raw: unknown): string | null {
  if (raw === null || typeof raw !== "object") return null;
  const key: unknown = Reflect.get(raw, "key");
  return typeof key === "string" || typeof key === "number" ? String(key) : null;
}

/** The key, name or id an invalid directory entry still shows (a plain string is a team's name). */
function entryName(raw: unknown): string | null {
  if (typeof raw === "string") return raw.trim() || null;
  for (const field of ["key", "id", "name"]) {
    const value: unknown = raw !== null && typeof raw === "object" ? Reflect.get(raw, field) : null;
    if (typeof value === "string" && value.trim() !== "") return value.trim();
  }
  return null;
}

/** Pure: the `index`-th action of the file `label` → a record to validate, or a rejected item saying why. */
export function toPageItem(raw: unknown, index: number, label: string): PageItem {
  const location = `${label} actions[${index}]`;
  const parsed = RawActionSchema.safeParse(raw);
  if (parsed.success) {
    return {
      kind: "record",
      record: mapAction(parsed.data),
      origin: { location, nativeKey: parsed.data.key },
    };
  }
  const issues = formatIssues(parsed.error, raw);
  return {
    kind: "rejected",
    reason: issues.map((i) => i.text).join("; "),
    origin: { location, nativeKey: keyOf(raw), field: issues[0]?.path ?? null },
    raw,
  };
}

export interface MappedDirectory {
  people: PersonInput[];
  kpis: KpiInput[];
  teams: TeamInput[];
  /** People, teams and KPIs that failed their schema, as quarantine items located in the file. */
  rejected: PageItem[];
}

/** Pure: the directory parts of the file, validated one entry at a time. */
export function mapDirectory(file: RawFile, label: string): MappedDirectory {
  const rejected: PageItem[] = [];
  return {
    people: validateList(file.people, `${label} people`, PersonSchema, rejected),
    kpis: validateList(file.kpis, `${label} kpis`, KpiSchema, rejected),
    teams: validateList(file.teams, `${label} teams`, TeamEntrySchema, rejected),
    rejected,
  };
}

function validateList<S extends z.ZodType>(
  list: readonly unknown[] | undefined,
  where: string,
  schema: S,
  rejected: PageItem[],
): z.output<S>[] {
  const valid: z.output<S>[] = [];
  (list ?? []).forEach((raw, i) => {
    const parsed = schema.safeParse(raw);
    if (parsed.success) {
      valid.push(parsed.data);
      return;
    }
    const issues = formatIssues(parsed.error, raw);
    rejected.push({
      kind: "rejected",
      reason: issues.map((x) => x.text).join("; "),
      // Named, the entry counts as still listed: the sync keeps what is stored under that name.
      origin: { location: `${where}[${i}]`, nativeKey: entryName(raw), field: issues[0]?.path ?? null },
      raw,
    });
  });
  return valid;
}
