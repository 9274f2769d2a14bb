import { and, asc, count, eq, lt, sql } from "drizzle-orm";
import { z } from "zod";
import type { QuarantineEntry, SyncRunStatus } from "../sync/contract.js";
import type { StoreDb } from "./db.js";
import { StoreError } from "./errors.js";
import { quarantine, syncState } from "./schema-sync.js";
import { parseAt } from "./validate.js";

export const RunStatusSchema = z.enum(["ok", "paused", "failed"]).nullable();

/** An instance's stored sync state: its cursor and its last run (nullable fields: no run recorded yet). */
export interface SyncStateEntry
  extends Pick<
    SyncRunStatus,
    | "instance"
    | "kind"
    | "message"
    | "pages"
    | "inserted"
    | "updated"
    | "unchanged"
    | "quarantined"
    | "removed"
  > {
  cursor: unknown;
  cursorAt: string | null;
  status: SyncRunStatus["status"] | null;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface QuarantinedRecord extends QuarantineEntry {
  firstSeen: string;
  lastSeen: string;
}

export function encodeCursor(instance: string, cursor: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(cursor);
  } catch (cause) {
    throw new StoreError("cursor_unserialisable", `sync cursor of ${instance} cannot be stored as JSON`, {
      cause,
    });
  }
  if (text === undefined) {
    throw new StoreError(
      "cursor_unserialisable",
      `sync cursor of ${instance} is ${String(cursor)}, not JSON`,
    );
  }
  return text;
}

export function decodeCursor(instance: string, text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new StoreError("corrupt_row", `sync_state row ${instance}: cursor is not JSON`, { cause });
  }
}

/** A quarantine row as the port lists it (the column that held the bad value is `column`). */
export function toQuarantined(r: typeof quarantine.$inferSelect): QuarantinedRecord {
  return {
    instance: r.instance,
    location: r.location,
    nativeKey: r.nativeKey,
    column: r.sourceColumn,
    field: r.field,
    reason: r.reason,
    raw: r.raw,
    firstSeen: r.firstSeen,
    lastSeen: r.lastSeen,
  };
}

export function createSyncRepo(db: StoreDb) {
  const p = sql.placeholder;
  const cursorOf = db
    .select({ cursor: syncState.cursor })
    .from(syncState)
    .where(eq(syncState.instance, p("instance")))
    .prepare();
  const saveCursor = db
    .insert(syncState)
    .values({ instance: p("instance"), kind: p("kind"), cursor: p("cursor"), cursorAt: p("now") })
    .onConflictDoUpdate({
      target: syncState.instance,
      set: { kind: sql`excluded.kind`, cursor: sql`excluded.cursor`, cursorAt: sql`excluded.cursor_at` },
    })
    .prepare();
  const upsertQuarantine = db
    .insert(quarantine)
    .values({
      instance: p("instance"),
      location: p("location"),
      nativeKey: p("nativeKey"),
      sourceColumn: p("sourceColumn"),
      field: p("field"),
      reason: p("reason"),
      raw: p("raw"),
      firstSeen: p("now"),
      lastSeen: p("now"),
    })
    .onConflictDoUpdate({
      target: [quarantine.instance, quarantine.location, quarantine.reason],
      set: {
        nativeKey: sql`excluded.native_key`,
        sourceColumn: sql`excluded.source_column`,
        field: sql`excluded.field`,
        raw: sql`excluded.raw`,
        lastSeen: sql`excluded.last_seen`,
      },
    })
    .prepare();
  const clearKeys = db
    .delete(quarantine)
    .where(
      and(
        eq(quarantine.instance, p("instance")),
        sql`${quarantine.nativeKey} in (select value from json_each(${p("keys")}))`,
      ),
    )
    .prepare();

  return {
    readCursor(instance: string): unknown | null {
      const row = cursorOf.get({ instance });
      return row ? decodeCursor(instance, row.cursor) : null;
    },

    writeCursor(instance: string, kind: string, cursor: unknown, now: string): void {
      saveCursor.run({ instance, kind, cursor: encodeCursor(instance, cursor), now });
    },

    recordRun(run: SyncRunStatus): void {
      const { instance, ...stats } = run;
      db.insert(syncState)
        .values({ ...run, cursor: null })
        .onConflictDoUpdate({ target: syncState.instance, set: stats })
        .run();
    },

    listSyncState(): SyncStateEntry[] {
      return db
        .select()
        .from(syncState)
        .orderBy(syncState.instance)
        .all()
        .map((r) => ({
          ...r,
          cursor: decodeCursor(r.instance, r.cursor),
          status: parseAt(RunStatusSchema, r.status, `sync_state row ${r.instance} status`),
        }));
    },

    /** Re-reading the same bad record refreshes its row (last seen, raw) instead of adding another. */
    quarantine(entries: readonly QuarantineEntry[], now: string): void {
      for (const e of entries) {
        upsertQuarantine.run({
          instance: e.instance,
          location: e.location,
          nativeKey: e.nativeKey,
          sourceColumn: e.column,
          field: e.field,
          reason: e.reason,
          raw: e.raw,
          now,
        });
      }
    },

    /** A key that synced cleanly is no longer a problem: its quarantine rows go. */
    clearQuarantine(instance: string, nativeKeys: readonly string[]): void {
      if (nativeKeys.length > 0) clearKeys.run({ instance, keys: JSON.stringify(nativeKeys) });
    },

    /**
     * After a run that re-read everything (snapshotComplete), entries it did not see again are stale: the row
     * was fixed in a way that changed its location or reason, or deleted. Returns how many went.
     */
    pruneQuarantine(instance: string, notSeenSince: string): number {
      return db
        .delete(quarantine)
        .where(and(eq(quarantine.instance, instance), lt(quarantine.lastSeen, notSeenSince)))
        .run().changes;
    },

    countQuarantine(instance: string): number {
      return (
        db.select({ n: count() }).from(quarantine).where(eq(quarantine.instance, instance)).get()?.n ?? 0
      );
    },

    /** Ordered by instance, location and reason; `limit` keeps a page of a large quarantine cheap. */
    listQuarantine(instance?: string, opts: { limit?: number } = {}): QuarantinedRecord[] {
      const query = db
        .select()
        .from(quarantine)
        .where(instance === undefined ? undefined : eq(quarantine.instance, instance))
        .orderBy(asc(quarantine.instance), asc(quarantine.location), asc(quarantine.reason));
      const rows = opts.limit === undefined ? query.all() : query.limit(opts.limit).all();
      return rows.map(toQuarantined);
    },
  };
}
