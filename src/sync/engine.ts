import { type Connector, pausesSync, type SyncPage, type SyncRunStatus, type SyncStore } from "./contract.js";
import { errorMessage, SyncError, type SyncErrorCode } from "./errors.js";
import {
  checkSnapshot,
  type MassDeletionGuard,
  type MassDeletionGuardOptions,
  MassDeletionGuardOptionsSchema,
} from "./guard.js";
import { type PageBatch, RunMemory, validatePage } from "./page-batch.js";

/** A run's counts so far: the counting half of the run record the store keeps. */
export type SyncProgress = Pick<
  SyncRunStatus,
  "instance" | "pages" | "inserted" | "updated" | "unchanged" | "quarantined" | "removed"
>;

export interface SyncOptions {
  /** ISO-8601 instant used for `syncedAt`, history events and the run record; injectable for tests and the demo. */
  now?: () => string;
  guard?: MassDeletionGuardOptions;
  signal?: AbortSignal;
  /** Called after every page (committed or skipped). */
  onProgress?: (progress: SyncProgress) => void;
}

export interface SyncReport extends SyncProgress {
  kind: string;
  /** Why the run paused instead of soft-deleting (and how to override), or null. */
  paused: string | null;
  /** Hub ids inserted, updated or removed by this run: the input of an incremental reconcile. */
  changedIds: string[];
}

/**
 * Runs one connector instance to the end of its pages.
 *
 * Per page: validate every item (bad ones are quarantined with where and why, duplicates of a key already read
 * in this run too), then commit records, quarantine, directory data and the page's cursor in one store
 * transaction. A page with nothing in it whose cursor equals the stored one is not committed at all, so a
 * source that did not change writes nothing.
 *
 * On the page flagged `snapshotComplete`, active actions the run did not see are soft-deleted, unless the
 * mass-deletion guard pauses the run (see guard.ts). A paused run keeps every page it wrote, deletes nothing,
 * records status `paused` and resets the stored cursor to null, so the next run reads the source again and
 * pauses again until the source is fixed or the admin overrides: a pause cannot be forgotten because the
 * source's version did not change in between. Items that failed validation but whose key is readable count
 * as seen: an item with a bad date still exists and must not be deleted.
 *
 * A failure (the connector throwing, the store throwing, an abort) records a `failed` run and throws a
 * SyncError; the stored cursor is the one of the last committed page, so the next run resumes there.
 */
export async function runSync(
  connector: Connector,
  store: SyncStore,
  opts: SyncOptions = {},
): Promise<SyncReport> {
  const now = opts.now ?? (() => new Date().toISOString());
  const guard = MassDeletionGuardOptionsSchema.parse(opts.guard ?? {});
  const { instance, kind } = connector.source;
  const { signal } = opts;
  const startedAt = now();
  const memory = new RunMemory();
  const changed = new Set<string>();
  const report: SyncReport = {
    instance,
    kind,
    pages: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    quarantined: 0,
    removed: 0,
    paused: null,
    changedIds: [],
  };

  const fail = async (code: SyncErrorCode, cause: unknown, what: string): Promise<SyncError> => {
    const message = `${what} after ${report.pages} page(s) of "${instance}": ${errorMessage(cause)}`;
    try {
      await store.recordRun({
        ...runCounts(report),
        instance,
        kind,
        status: "failed",
        message,
        startedAt,
        finishedAt: now(),
      });
    } catch (recordError) {
      return new SyncError(
        code,
        `${message} (and recording the failed run failed too: ${errorMessage(recordError)})`,
        {
          instance,
          pagesCommitted: report.pages,
          cause: new AggregateError([cause, recordError], message),
        },
      );
    }
    return new SyncError(code, message, { instance, pagesCommitted: report.pages, cause });
  };
  const inStore = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (error) {
      throw await fail("store_failed", error, "the store failed");
    }
  };

  let cursor = await inStore(() => store.readCursor(instance));
  let iterator: AsyncIterator<SyncPage>;
  try {
    iterator = connector.pull(cursor, signal)[Symbol.asyncIterator]();
  } catch (error) {
    throw await fail("connector_failed", error, "the connector failed");
  }
  const stop = async (code: SyncErrorCode, cause: unknown, what: string): Promise<never> => {
    try {
      // Lets the connector release what it holds (open files, HTTP streams); its own error must not hide ours.
      await iterator.return?.();
    } catch (returnError) {
      throw await fail(code, new AggregateError([cause, returnError], errorMessage(cause)), what);
    }
    throw await fail(code, cause, what);
  };

  let snapshotDone = false;
  for (;;) {
    if (signal?.aborted) return stop("sync_aborted", signal.reason, "aborted");
    let next: IteratorResult<SyncPage>;
    try {
      next = await iterator.next();
    } catch (error) {
      if (signal?.aborted) throw await fail("sync_aborted", error, "aborted");
      if (!pausesSync(error)) throw await fail("connector_failed", error, "the connector failed");
      report.paused = error.message;
      break;
    }
    if (next.done) break;
    const page = next.value;
    const batch = validatePage(instance, page, report.pages + 1, memory);
    // A finished snapshot's verdict is taken before its last page is written, so that page, its cursor and the
    // deletions it implies (or the cursor reset of a pause) commit in one transaction: a crash can no longer
    // leave the cursor at the end with stale actions still active and the guard's pause forgotten.
    let verdict: SnapshotVerdict = { pause: null, stale: [] };
    let finishesSnapshot = false;
    if (page.snapshotComplete && !snapshotDone) {
      snapshotDone = true;
      finishesSnapshot = true;
      try {
        verdict = await decideSnapshot(connector, store, memory, report, guard);
      } catch (error) {
        return stop("store_failed", error, "the store failed");
      }
    }
    if (!isNoop(page, batch, cursor) || verdict.stale.length > 0 || verdict.pause !== null) {
      const nextCursor = verdict.pause === null ? page.cursor : null;
      let written: Awaited<ReturnType<SyncStore["commitPage"]>>;
      try {
        written = await store.commitPage({
          source: connector.source,
          records: batch.records,
          quarantined: batch.quarantined,
          removedKeys: [...(page.removedKeys ?? []), ...verdict.stale],
          people: batch.people,
          kpis: batch.kpis,
          teams: batch.teams,
          catalogComplete: finishesSnapshot && verdict.pause === null ? catalogKept(memory) : undefined,
          cursor: nextCursor,
          now: now(),
        });
      } catch (error) {
        return stop("store_failed", error, "the store failed");
      }
      cursor = nextCursor;
      report.inserted += written.inserted.length;
      report.updated += written.updated.length;
      report.unchanged += written.unchanged;
      report.quarantined += batch.quarantined.length;
      report.removed += written.removed.length;
      for (const id of [...written.inserted, ...written.updated, ...written.removed]) changed.add(id);
    }
    report.pages += 1;
    if (verdict.pause !== null) report.paused = verdict.pause;
    opts.onProgress?.({ ...runCounts(report), instance });
  }

  report.changedIds = [...changed];
  await inStore(
    async () =>
      await store.recordRun({
        ...runCounts(report),
        instance,
        kind,
        status: report.paused === null ? "ok" : "paused",
        message: report.paused,
        startedAt,
        finishedAt: now(),
      }),
  );
  return report;
}

/** What a finished snapshot keeps of its instance's catalog: what it sent, and names of actions that failed. */
function catalogKept(memory: RunMemory): { kpis: string[]; teams: string[] } {
  const invalid = [...memory.seenInvalid];
  return {
    kpis: [...memory.catalogSeen.kpis, ...invalid],
    teams: [...memory.catalogSeen.teams, ...invalid],
  };
}

function runCounts(r: SyncReport): Omit<SyncProgress, "instance"> {
  return {
    pages: r.pages,
    inserted: r.inserted,
    updated: r.updated,
    unchanged: r.unchanged,
    quarantined: r.quarantined,
    removed: r.removed,
  };
}

function isNoop(page: SyncPage, batch: PageBatch, storedCursor: unknown): boolean {
  return (
    page.items.length === 0 &&
    (page.removedKeys ?? []).length === 0 &&
    batch.people.length === 0 &&
    batch.kpis.length === 0 &&
    batch.quarantined.length === 0 &&
    JSON.stringify(page.cursor) === JSON.stringify(storedCursor)
  );
}

interface SnapshotVerdict {
  /** The guard's pause message, or null. */
  pause: string | null;
  /** Native keys the snapshot did not list, to soft-delete with its last page (empty on a pause). */
  stale: string[];
}

/**
 * What a complete snapshot implies, decided before its last page is written: the stored active keys it did
 * not list (the last page's own keys are already in `memory`), or the guard's pause.
 */
async function decideSnapshot(
  connector: Connector,
  store: SyncStore,
  memory: RunMemory,
  report: SyncReport,
  guard: MassDeletionGuard,
): Promise<SnapshotVerdict> {
  const { instance } = connector.source;
  const active = await store.activeKeys(instance);
  const stale = active.filter((key) => !memory.hasSeen(key));
  const pause = checkSnapshot(
    {
      instance,
      // Everything inserted by this run's earlier pages is active now but was not before it.
      activeBefore: Math.max(0, active.length - report.inserted),
      stale: stale.length,
      valid: memory.valid,
      failed: memory.failed,
      commonFailedFields: memory.commonFailedFields ?? [],
    },
    guard,
  );
  return pause === null ? { pause: null, stale } : { pause, stale: [] };
}
