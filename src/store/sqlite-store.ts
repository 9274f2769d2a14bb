import { createActionRepo } from "./action-repo.js";
import { createActionWriter } from "./action-writer.js";
import { createAlertLedger } from "./alert-ledger.js";
import { createConflictRepo } from "./conflict-repo.js";
import type { StoreDb } from "./db.js";
import { catalogPage, createDirectoryRepo } from "./directory-repo.js";
import { createOverridesRepo } from "./overrides-repo.js";
import type {
  ActionRepository,
  AlertLedgerRepository,
  ConflictRepository,
  DirectoryRepository,
  RiskHistoryRepository,
  Store,
  SyncRepository,
} from "./port.js";
import { createRiskHistoryRepo } from "./risk-history-repo.js";
import { createSqliteReadModels } from "./sqlite-read-models.js";
import { createSyncRepo } from "./sync-repo.js";
import { asAsync } from "./synchronous.js";

/** The store on SQLite (better-sqlite3): the embedded default, one file, WAL, one writer at a time. */
export function createSqliteStore(db: StoreDb): Store {
  const writer = createActionWriter(db);
  const actions = createActionRepo(db);
  const directory = createDirectoryRepo(db);
  const conflicts = createConflictRepo(db);
  const overrides = createOverridesRepo(db);
  const sync = createSyncRepo(db);
  const ledger = createAlertLedger(db);
  const risk = createRiskHistoryRepo(db);
  // IMMEDIATE takes the write lock up front: a second writer then waits busy_timeout instead of failing when
  // its deferred read lock cannot be upgraded.
  const tx = <T>(fn: () => T): T => db.$client.transaction(fn).immediate();

  return {
    actions: asAsync<ActionRepository>({
      list: actions.loadActions,
      get: actions.getAction,
      history: actions.history,
      upsert: (source, records, now, origin) =>
        tx(() => writer.upsert(source, records, now, origin ?? source.instance)),
      softDelete: (instance, nativeKeys, now) =>
        tx(() => writer.softDelete(instance, nativeKeys, now, instance)),
      setOwners: actions.setOwners,
    }),
    directory: asAsync<DirectoryRepository>({
      replace: directory.replaceDirectory,
      load: directory.loadDirectory,
      upsertPeople: (people) => tx(() => directory.upsertPeople(people)),
      replaceKpis: directory.replaceKpis,
      writeCatalog: (page) => tx(() => directory.writeCatalog(page)),
      loadKpis: directory.loadKpis,
    }),
    conflicts: asAsync<ConflictRepository>({
      apply: conflicts.applyConflicts,
      lastRun: conflicts.lastRun,
      list: conflicts.loadConflicts,
      states: conflicts.loadConflictStates,
      owedChanges: conflicts.loadOwedChanges,
      markAnnounced: conflicts.markAnnounced,
      get: conflicts.getConflict,
      setStatus: conflicts.setConflictStatus,
      addOverride: overrides.addOverride,
      removeOverride: overrides.removeOverride,
      overrides: overrides.loadOverrides,
    }),
    alerts: asAsync<AlertLedgerRepository>(ledger),
    risk: asAsync<RiskHistoryRepository>({
      record: (asOf, rows, now) => tx(() => risk.record(asOf, rows, now)),
      between: risk.between,
    }),
    sync: asAsync<SyncRepository>({
      readCursor: sync.readCursor,
      activeKeys: actions.activeKeys,
      recordRun: sync.recordRun,
      states: sync.listSyncState,
      quarantine: sync.listQuarantine,
      countQuarantine: sync.countQuarantine,
      pruneQuarantine: sync.pruneQuarantine,
      commitPage(input) {
        const { source, now } = input;
        // One transaction: if any part throws (a bad person, an unserialisable cursor), nothing of the page
        // lands and the stored cursor still points before it, so the next run re-reads the page.
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
          directory.writeCatalog(catalogPage(input));
          sync.writeCursor(source.instance, source.kind, input.cursor, now);
          return { ...written, removed };
        });
      },
    }),
    reads: asAsync(createSqliteReadModels(db)),
    // https://www.sqlite.org/c3ref/total_changes.html: per connection, counts every row written.
    rowsWritten: async () => (db.$client.prepare("select total_changes() as n").get() as { n: number }).n,
    close: async () => {
      if (db.$client.open) db.$client.close();
    },
  };
}
