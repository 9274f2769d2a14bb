import type {
  Action,
  ActionRecord,
  ActionStatus,
  Conflict,
  ConflictStatus,
  Directory,
  HistoryEvent,
  Kpi,
  PersonInput,
  Source,
} from "../model/index.js";
import type { PageWriteResult, SyncStore } from "../sync/contract.js";
import type { AlertLedgerEntry, AlertLedgerEntryInput, AlertStatus, MessageRef } from "./alert-ledger.js";
import type { ApplyConflictsResult, OwedChange, ReconcileRun, StoredConflict } from "./conflict-repo.js";
import type { CatalogPage } from "./directory-repo.js";
import type { DependencyOverride } from "./overrides-repo.js";
import type { QuarantinedRecord, SyncStateEntry } from "./sync-repo.js";

/**
 * The store as the rest of Sightline sees it: one repository per concern, every method async, no connection
 * or query builder in sight. Action writes follow one rule: an action is keyed by (source instance, native
 * key) and its id is `<instance>:<key>`; a record whose content hash is unchanged (and that is not
 * soft-deleted) writes nothing at all; a changed one rewrites the row and adds one history event per changed
 * tracked field (`from`/`to` JSON-encoded, `source` = the instance or the given origin); a new one adds the
 * row and a single `created` event. `baselineDue` is the first non-null due date ever seen. A soft-deleted
 * key that comes back is restored, with a `removedAt` event.
 */
export interface Store {
  readonly actions: ActionRepository;
  readonly directory: DirectoryRepository;
  readonly conflicts: ConflictRepository;
  readonly alerts: AlertLedgerRepository;
  readonly sync: SyncRepository;
  readonly reads: ReadModels;
  readonly risk: RiskHistoryRepository;
  /** Rows this store has inserted, updated or deleted since it was opened: how benchmarks and tests see that
   * an unchanged re-sync writes nothing. */
  rowsWritten(): Promise<number>;
  close(): Promise<void>;
}

/** One group's figures on one recorded day (kind: kpi, objective, businessUnit, team, total). */
export interface RiskRow {
  asOf: string;
  kind: RiskKind;
  key: string;
  valueAtRisk: number;
  days: number;
  conflicts: number;
}

export type RiskKind = "kpi" | "objective" | "businessUnit" | "team" | "total";

/** What was at risk each day a reconcile recorded, for week-on-week change and trend charts. */
export interface RiskHistoryRepository {
  /** Replaces the rows of day `asOf` with `rows`, in one transaction. */
  record(asOf: string, rows: readonly Omit<RiskRow, "asOf">[], now: string): Promise<void>;
  /** Rows with `from` ≤ asOf ≤ `to` (calendar days), by day then kind then key. */
  between(from: string, to: string): Promise<RiskRow[]>;
}

export interface ActionRepository {
  list(opts?: { includeRemoved?: boolean }): Promise<Action[]>;
  get(id: string): Promise<Action | null>;
  history(actionId: string): Promise<HistoryEvent[]>;
  /** `origin` is the history events' source; the source instance by default (`writeback`, `slack:U1`...). */
  upsert(
    source: Source,
    records: readonly ActionRecord[],
    now: string,
    origin?: string,
  ): Promise<PageWriteResult>;
  /** Soft-deletes the instance's given keys outside a sync (a sync removes through `sync.commitPage`). */
  softDelete(instance: string, nativeKeys: string[], now: string): Promise<string[]>;
  /** Resolved owners; returns how many actions changed. */
  setOwners(owners: Iterable<readonly [actionId: string, personId: string | null]>): Promise<number>;
}

export interface DirectoryRepository {
  /** Replaces the people file's people and the config's teams; people and teams a tool delivered stay. */
  replace(dir: Directory): Promise<void>;
  /** With `listed`, that people file stands in for the stored directory rows (read-only commands). */
  load(listed?: Directory): Promise<Directory>;
  upsertPeople(people: readonly PersonInput[]): Promise<void>;
  /** Replaces the config's KPI catalog; KPIs a connector delivered stay until that connector stops sending them. */
  replaceKpis(kpis: readonly Kpi[]): Promise<void>;
  /** Teams and KPIs a connector sent (a sync commits them with its page through `sync.commitPage`). */
  writeCatalog(page: CatalogPage): Promise<void>;
  /** One KPI per key, the config's first; with `catalog` (a config read but not written), it stands in for the config's. */
  loadKpis(catalog?: readonly Kpi[]): Promise<Kpi[]>;
}

export interface ConflictRepository {
  /**
   * Records what a reconcile detected against what is stored: opened, changed, cleared, and the run itself
   * (`asOf`, the day it forecast on; today's date in `now` when not given), in one transaction.
   */
  apply(detected: readonly Conflict[], now: string, asOf?: string): Promise<ApplyConflictsResult>;
  /** The last recorded reconcile: the day its figures are as of, and when it ran. Null before the first. */
  lastRun(): Promise<ReconcileRun | null>;
  list(opts?: { status?: readonly ConflictStatus[] }): Promise<StoredConflict[]>;
  states(): Promise<Map<string, { status: ConflictStatus; snoozedUntil: string | null }>>;
  /** The outbox: changes recorded by `apply` whose alerts are still owed, oldest first. */
  owedChanges(limit?: number): Promise<OwedChange[]>;
  /** Their alerts were delivered, enqueued or recorded as undeliverable. */
  markAnnounced(ids: readonly number[], now: string): Promise<void>;
  get(fingerprint: string): Promise<StoredConflict | null>;
  setStatus(
    fingerprint: string,
    status: ConflictStatus,
    opts: { until?: string; by?: string; now: string },
  ): Promise<void>;
  addOverride(override: DependencyOverride): Promise<void>;
  removeOverride(dependentId: string, dependencyId: string): Promise<boolean>;
  overrides(): Promise<DependencyOverride[]>;
}

/** Which alert went to whom about which change: claim before send, so nothing is sent twice. */
export interface AlertLedgerRepository {
  has(key: string): Promise<boolean>;
  /** Claims the entry; false when its key is already there (another attempt got it first). A unique key decides. */
  record(input: AlertLedgerEntryInput): Promise<boolean>;
  /** Gives up a pending or failed claim so a later attempt can send it again. */
  release(key: string): Promise<boolean>;
  /** The latest message sent to a recipient about a conflict (the one to update when it clears). */
  find(fingerprint: string, recipient: string): Promise<AlertLedgerEntry | null>;
  /** Every entry about these conflicts, oldest first. */
  entriesFor(fingerprints: readonly string[]): Promise<AlertLedgerEntry[]>;
  /** How many entries are in each status (every status present, 0 when none): the metrics' alert intents. */
  countByStatus(): Promise<Record<AlertStatus, number>>;
  update(
    key: string,
    patch: { status?: AlertStatus; messageRef?: MessageRef | null; channel?: string; now: string },
  ): Promise<void>;
}

export interface SyncRepository extends SyncStore {
  states(): Promise<SyncStateEntry[]>;
  quarantine(instance?: string, opts?: { limit?: number }): Promise<QuarantinedRecord[]>;
  countQuarantine(instance: string): Promise<number>;
  pruneQuarantine(instance: string, notSeenSince: string): Promise<number>;
}

/** An action as lists and paths show it: never its JSON lists, so listing stays cheap at 100k actions. */
export interface ActionSummary {
  id: string;
  source: Source;
  nativeKey: string;
  title: string;
  status: ActionStatus;
  ownerRaw: string | null;
  owner: string | null;
  team: string | null;
  businessUnit: string | null;
  start: string | null;
  due: string | null;
  baselineDue: string | null;
  url: string | null;
  removedAt: string | null;
}

export interface ActionSearchFilter {
  q: string;
  source?: string | undefined;
  status?: ActionStatus | undefined;
  team?: string | undefined;
  kpi?: string | undefined;
  limit: number;
  offset: number;
}

/** A stored dependency ref of a live action that may point at a given action. */
export interface DependentRef {
  action: ActionSummary;
  ref: string;
  type: string;
  lagDays: number;
}

/** Queries for the web admin and the JSON API, answered where the rows are. */
export interface ReadModels {
  searchActions(filter: ActionSearchFilter): Promise<{ total: number; items: ActionSummary[] }>;
  /** Summaries by id, removed ones included (a conflict may name an action deleted since). */
  summaries(ids: Iterable<string>): Promise<Map<string, ActionSummary>>;
  /** Live actions whose id is one of `ids` or whose native key is one of `keys`, by id. */
  liveMatching(ids: readonly string[], keys: readonly string[]): Promise<ActionSummary[]>;
  /**
   * Live actions titled `title` (trimmed, ignoring ASCII case), by id, at most `limit`: the "did you mean" of a
   * dependency written as another action's title instead of its key.
   */
  titled(title: string, limit: number): Promise<ActionSummary[]>;
  /**
   * The dependency refs of live actions that contain `text`, ignoring ASCII case: every ref that can resolve to
   * an action contains its native key (its id, its key in any case, a browse URL), so this is the superset the
   * reconciler's resolver then decides on. By holder id, then position.
   */
  refsMentioning(text: string): Promise<DependentRef[]>;
  /** Unresolved conflicts that involve the action. */
  conflictsInvolving(actionId: string): Promise<StoredConflict[]>;
  /** The KPI keys of each action, by id. */
  kpisOf(ids: readonly string[]): Promise<Map<string, string[]>>;
  /** Per KPI: live actions serving it, and how many of the open ones slipped past their first due date, by how much. */
  kpiServing(): Promise<Map<string, { actions: number; slipped: number; slipDays: number }>>;
  /** Active and removed actions per source instance. */
  actionCounts(): Promise<Map<string, { active: number; removed: number }>>;
}
