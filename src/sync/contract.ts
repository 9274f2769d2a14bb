import type { ActionRecord, KpiInput, PersonInput, Source, Team, TeamEntryInput } from "../model/index.js";

/**
 * The one contract every connector implements. A connector owns its transport (injected, so the same code
 * runs live or over recorded responses), its raw schema and its pure mapper; the sync engine owns
 * validation, quarantine, persistence, cursors and the mass-deletion guard.
 */
export interface Connector<TCursor = unknown> {
  readonly source: Source;
  /** Cheap configuration/credential check; never writes anything. */
  check(signal?: AbortSignal): Promise<CheckResult>;
  /** Pages from `cursor` (null = from the beginning), each with the cursor to store once it is written. */
  pull(cursor: TCursor | null, signal?: AbortSignal): AsyncIterable<SyncPage<TCursor>>;
  /** Writes new dates back to the tool and returns the item as the tool now holds it. */
  writeBack?(nativeKey: string, change: DateChange, signal?: AbortSignal): Promise<PageItem>;
}

export type CheckResult = { ok: true; detail: string } | { ok: false; detail: string };

export interface DateChange {
  start?: string | null;
  due?: string | null;
}

/** Where a record came from, precisely enough for an admin to find it: file, sheet+row+column, issue key. */
export interface Origin {
  /** Human-readable location, e.g. `fixtures/demo/plan.yaml actions[3]` or `sheet "Plan" row 14`. */
  location: string;
  nativeKey?: string | null;
  column?: string | null;
  field?: string | null;
}

/**
 * One item of a page: a mapped record still to be validated by the engine, or one the connector already
 * rejected (unparseable date, unknown status...). Either way the origin says where it came from.
 */
export type PageItem =
  | { kind: "record"; record: unknown; origin: Origin }
  | { kind: "rejected"; reason: string; origin: Origin; raw?: unknown };

export interface SyncPage<TCursor = unknown> {
  items: PageItem[];
  /** Cursor to persist, in the same transaction as this page's records. */
  cursor: TCursor;
  /** Native keys the tool says are gone (a Jira delete, an issue moved out of the JQL). */
  removedKeys?: string[];
  /** Directory data the tool revealed (assignees, sheet owners), merged into the people table. */
  people?: PersonInput[];
  /** The tool's own catalog (a plan file's `kpis:` and `teams:`), kept under the instance until it stops sending them. */
  kpis?: KpiInput[];
  teams?: TeamEntryInput[];
  /**
   * Set on the last page of a run that listed everything the source holds (a file, a sheet): the engine then
   * soft-deletes what the run did not see, behind the mass-deletion guard.
   */
  snapshotComplete?: boolean;
}

/** A record that failed validation, kept with where it came from and why; shown to the admin. */
export interface QuarantineEntry {
  instance: string;
  location: string;
  nativeKey: string | null;
  column: string | null;
  field: string | null;
  reason: string;
  raw: string | null;
}

export interface PageWriteResult {
  inserted: string[];
  updated: string[];
  unchanged: number;
}

/**
 * What the engine needs from persistence. Implemented by src/store; commitPage must be one transaction:
 * records, quarantine entries, removals (the page's own and a finished snapshot's stale keys), directory data
 * and cursor land together or not at all.
 */
export interface SyncStore {
  readCursor(instance: string): Promise<unknown | null>;
  commitPage(input: {
    source: Source;
    records: ActionRecord[];
    quarantined: QuarantineEntry[];
    removedKeys: string[];
    people: PersonInput[];
    kpis: KpiInput[];
    teams?: Team[];
    /**
     * Set with the last page of a run that listed everything (a finished snapshot): the instance's teams and KPIs
     * not named here are deleted. Names of entries that failed validation are included, so they are not lost.
     */
    catalogComplete?: { kpis: string[]; teams: string[] } | undefined;
    cursor: unknown;
    now: string;
    /** The history events' source for the page's records; the source instance by default (`slack:U1`). */
    origin?: string;
  }): Promise<PageWriteResult & { removed: string[] }>;
  /** Native keys of the instance's actions that are not soft-deleted. */
  activeKeys(instance: string): Promise<string[]>;
  recordRun(run: SyncRunStatus): Promise<void>;
}

export interface SyncRunStatus {
  instance: string;
  kind: string;
  status: "ok" | "paused" | "failed";
  message: string | null;
  startedAt: string;
  finishedAt: string;
  pages: number;
  inserted: number;
  updated: number;
  unchanged: number;
  quarantined: number;
  removed: number;
}

/**
 * A connector error that means "the source looks broken, do not trust it" (a required column renamed, the tab
 * gone): the engine records the run as paused with the error's message instead of failing, keeps every page
 * already written and deletes nothing. The error class sets `pausesSync = true`.
 */
export function pausesSync(error: unknown): error is Error & { pausesSync: true } {
  return error instanceof Error && "pausesSync" in error && error.pausesSync === true;
}
