import type {
  Action,
  ActionRecord,
  Conflict,
  ConflictStatus,
  Directory,
  HistoryEvent,
  Kpi,
  KpiInput,
  PersonInput,
  Source,
} from "../model/index.js";
import type { PageWriteResult, SyncStore } from "../sync/contract.js";
import { createActionRepo } from "./action-repo.js";
import { createActionWriter } from "./action-writer.js";
import { type AlertLedger, createAlertLedger } from "./alert-ledger.js";
import { type ApplyConflictsResult, createConflictRepo, type StoredConflict } from "./conflict-repo.js";
import type { StoreDb } from "./db.js";
import { createDirectoryRepo } from "./directory-repo.js";
import { createOverridesRepo, type DependencyOverride } from "./overrides-repo.js";
import { createSyncRepo, type QuarantinedRecord, type SyncStateEntry } from "./sync-repo.js";

/**
 * The persistence of Sightline, on SQLite through drizzle. Action writes follow one rule: an action is keyed by
 * (source instance, native key) and its id is `<instance>:<key>`; a record whose content hash is unchanged (and
 * that is not soft-deleted) writes nothing at all; a changed one rewrites the row and adds one history event
 * per changed tracked field (`from`/`to` JSON-encoded, `source` = the instance or the given origin); a new one
 * adds the row and a single `created` event (from and to null: the row holds the values, later events the
 * changes). `baselineDue` is the first non-null due date ever seen. A soft-deleted key that comes back is
 * restored, with a `removedAt` event.
 */
export interface Store extends SyncStore {
  readonly db: StoreDb;
  close(): void;
  /** Soft-deletes the instance's given keys outside a sync (a sync removes through `commitPage`). */
  softDelete(instance: string, nativeKeys: string[], now: string): string[];

  loadActions(opts?: { includeRemoved?: boolean }): Action[];
  getAction(id: string): Action | null;
  history(actionId: string): HistoryEvent[];
  /** `origin` is the history events' source; the source instance by default (`writeback`, `slack:U1`...). */
  upsertActions(
    source: Source,
    records: readonly ActionRecord[],
    now: string,
    origin?: string,
  ): PageWriteResult;
  /** Resolved owners; returns how many actions changed. */
  setOwners(owners: Iterable<readonly [actionId: string, personId: string | null]>): number;

  replaceDirectory(dir: Directory): void;
  /** With `listed`, that people file stands in for the stored directory rows (read-only commands). */
  loadDirectory(listed?: Directory): Directory;
  upsertPeople(people: readonly PersonInput[]): void;
  replaceKpis(kpis: readonly Kpi[]): void;
  upsertKpis(kpis: readonly KpiInput[]): void;
  loadKpis(): Kpi[];

  applyConflicts(detected: readonly Conflict[], now: string): ApplyConflictsResult;
  loadConflicts(opts?: { status?: readonly ConflictStatus[] }): StoredConflict[];
  loadConflictStates(): Map<string, { status: ConflictStatus; snoozedUntil: string | null }>;
  loadUnannouncedConflicts(): StoredConflict[];
  getConflict(fingerprint: string): StoredConflict | null;
  setConflictStatus(
    fingerprint: string,
    status: ConflictStatus,
    opts: { until?: string; by?: string; now: string },
  ): void;

  addOverride(override: DependencyOverride): void;
  removeOverride(dependentId: string, dependencyId: string): boolean;
  loadOverrides(): DependencyOverride[];

  listQuarantine(instance?: string, opts?: { limit?: number }): QuarantinedRecord[];
  countQuarantine(instance: string): number;
  pruneQuarantine(instance: string, notSeenSince: string): number;
  listSyncState(): SyncStateEntry[];

  readonly alertLedger: AlertLedger;
}

export function createStore(db: StoreDb): Store {
  const writer = createActionWriter(db);
  const actions = createActionRepo(db);
  const directory = createDirectoryRepo(db);
  const conflicts = createConflictRepo(db);
  const overrides = createOverridesRepo(db);
  const sync = createSyncRepo(db);
  const tx = <T>(fn: () => T): T => db.$client.transaction(fn).immediate();

  return {
    db,
    close: () => db.$client.close(),
    ...actions,
    ...directory,
    ...conflicts,
    ...overrides,
    readCursor: sync.readCursor,
    recordRun: sync.recordRun,
    listSyncState: sync.listSyncState,
    listQuarantine: sync.listQuarantine,
    countQuarantine: sync.countQuarantine,
    pruneQuarantine: sync.pruneQuarantine,
    alertLedger: createAlertLedger(db),

    upsertActions: (source, records, now, origin) =>
      tx(() => writer.upsert(source, records, now, origin ?? source.instance)),

    softDelete: (instance, nativeKeys, now) =>
      tx(() => writer.softDelete(instance, nativeKeys, now, instance)),

    commitPage(input) {
      const { source, now } = input;
      // One transaction: if any part throws (a bad person, an unserialisable cursor), nothing of the page lands
      // and the stored cursor still points before it, so the next run re-reads the page.
      return tx(() => {
        const written = writer.upsert(source, input.records, now, input.origin ?? source.instance);
        sync.clearQuarantine(
          source.instance,
          input.records.map((r) => r.nativeKey),
        );
        sync.quarantine(input.quarantined, now);
        // After the records: a key both sent and listed as removed in one page ends up removed.
        const removed = writer.softDelete(source.instance, input.removedKeys, now, source.instance);
        directory.upsertPeople(input.people);
        directory.upsertKpis(input.kpis);
        sync.writeCursor(source.instance, source.kind, input.cursor, now);
        return { ...written, removed };
      });
    },
  };
}
