import {
  type ActionRecord,
  type KpiInput,
  KpiSchema,
  type PersonInput,
  PersonSchema,
  type Team,
  TeamEntrySchema,
} from "../model/index.js";
import type { QuarantineEntry, SyncPage } from "./contract.js";
import { intersectFields } from "./guard.js";
import { duplicateEntry, rawText, validateItem } from "./validate-item.js";
import { formatIssues } from "./zod-issues.js";

/** What the engine remembers across the pages of one run. */
export class RunMemory {
  /** Native key → where it was first read in this run, to name it when a duplicate shows up. */
  readonly firstSeenAt = new Map<string, string>();
  /** Keys of items that failed validation but still exist in the source: they must not be soft-deleted. */
  readonly seenInvalid = new Set<string>();
  valid = 0;
  failed = 0;
  commonFailedFields: string[] | null = null;
  /** KPI keys and team names the run's pages sent, valid or not (a complete snapshot keeps exactly these). */
  readonly catalogSeen = { kpis: new Set<string>(), teams: new Set<string>() };

  hasSeen(key: string): boolean {
    return this.firstSeenAt.has(key) || this.seenInvalid.has(key);
  }
}

export interface PageBatch {
  records: ActionRecord[];
  quarantined: QuarantineEntry[];
  people: PersonInput[];
  kpis: KpiInput[];
  teams: Team[];
}

/**
 * Validates one page: canonical records go through, everything else becomes a quarantine entry saying where
 * and why. Directory data (people, KPIs) is validated too, so one bad person cannot fail a whole page.
 */
export function validatePage(
  instance: string,
  page: SyncPage,
  pageNumber: number,
  memory: RunMemory,
): PageBatch {
  const batch: PageBatch = { records: [], quarantined: [], people: [], kpis: [], teams: [] };
  for (const item of page.items) {
    const result = validateItem(instance, item);
    if (!result.ok) {
      batch.quarantined.push(result.entry);
      if (result.entry.nativeKey) memory.seenInvalid.add(result.entry.nativeKey);
      memory.failed += 1;
      memory.commonFailedFields = intersectFields(memory.commonFailedFields, result.fields);
      continue;
    }
    const { record, origin } = result;
    const first = memory.firstSeenAt.get(record.nativeKey);
    if (first !== undefined) {
      batch.quarantined.push(duplicateEntry(instance, record, origin, first));
      continue;
    }
    memory.firstSeenAt.set(record.nativeKey, origin.location);
    memory.valid += 1;
    batch.records.push(record);
  }
  (page.people ?? []).forEach((raw, i) => {
    const parsed = PersonSchema.safeParse(raw);
    if (parsed.success) batch.people.push(parsed.data);
    else
      batch.quarantined.push(directoryEntry(instance, `page ${pageNumber} people[${i}]`, raw, parsed.error));
  });
  (page.kpis ?? []).forEach((raw, i) => {
    const key = nameIn(raw, "key");
    if (key !== null) memory.catalogSeen.kpis.add(key);
    const parsed = KpiSchema.safeParse(raw);
    if (parsed.success) batch.kpis.push(parsed.data);
    else batch.quarantined.push(directoryEntry(instance, `page ${pageNumber} kpis[${i}]`, raw, parsed.error));
  });
  (page.teams ?? []).forEach((raw, i) => {
    const name = typeof raw === "string" ? raw.trim() : nameIn(raw, "name");
    if (name !== null) memory.catalogSeen.teams.add(name);
    const parsed = TeamEntrySchema.safeParse(raw);
    if (parsed.success) batch.teams.push(parsed.data);
    else
      batch.quarantined.push(directoryEntry(instance, `page ${pageNumber} teams[${i}]`, raw, parsed.error));
  });
  return batch;
}

function nameIn(raw: unknown, field: string): string | null {
  const value: unknown = raw !== null && typeof raw === "object" ? Reflect.get(raw, field) : null;
  return typeof value === "string" ? value.trim() : null;
}

function directoryEntry(
  instance: string,
  location: string,
  raw: unknown,
  error: Parameters<typeof formatIssues>[0],
): QuarantineEntry {
  const issues = formatIssues(error, raw);
  const id =
    raw !== null && typeof raw === "object" ? (Reflect.get(raw, "id") ?? Reflect.get(raw, "key")) : null;
  return {
    instance,
    location,
    nativeKey: typeof id === "string" ? id : null,
    column: null,
    field: issues[0]?.path ?? null,
    reason: issues.map((i) => i.text).join("; "),
    raw: rawText(raw),
  };
}
