import { and, count, eq, isNull, lt, sql } from "drizzle-orm";
import type { QuarantineEntry } from "../../sync/contract.js";
import { catalogPage } from "../directory-repo.js";
import type { SyncRepository } from "../port.js";
import { decodeCursor, encodeCursor, RunStatusSchema, toQuarantined } from "../sync-repo.js";
import { parseAt } from "../validate.js";
import { createPgActionWriter } from "./pg-action-writer.js";
import { byText, chunks, inTextArray, lockFor, type PgDb, type PgQuery, type Transact } from "./pg-db.js";
import { upsertPeopleIn, writeCatalogIn } from "./pg-directory.js";
import { actions, quarantine, syncState } from "./schema.js";

async function quarantineIn(q: PgQuery, entries: readonly QuarantineEntry[], now: string): Promise<void> {
  // Re-reading the same bad record refreshes its row (last seen, raw) instead of adding another; one row per
  // (instance, location, reason) in a statement, as ON CONFLICT cannot touch a row twice.
  const unique = new Map(entries.map((e) => [`${e.instance}\u0000${e.location}\u0000${e.reason}`, e]));
  for (const part of chunks([...unique.values()])) {
    await q
      .insert(quarantine)
      .values(
        part.map((e) => ({
          instance: e.instance,
          location: e.location,
          nativeKey: e.nativeKey,
          sourceColumn: e.column,
          field: e.field,
          reason: e.reason,
          raw: e.raw,
          firstSeen: now,
          lastSeen: now,
        })),
      )
      .onConflictDoUpdate({
        target: [quarantine.instance, quarantine.location, quarantine.reason],
        set: {
          nativeKey: sql`excluded.native_key`,
          sourceColumn: sql`excluded.source_column`,
          field: sql`excluded.field`,
          raw: sql`excluded.raw`,
          lastSeen: sql`excluded.last_seen`,
        },
      });
  }
}

export function createPgSync(db: PgDb, tx: Transact): SyncRepository {
  return {
    async readCursor(instance) {
      const [row] = await db
        .select({ cursor: syncState.cursor })
        .from(syncState)
        .where(eq(syncState.instance, instance));
      return row ? decodeCursor(instance, row.cursor) : null;
    },

    /**
     * One transaction, as on SQLite: records, quarantine, removals, people, KPIs and the cursor land together
     * or not at all. Pages of one instance take turns across processes (advisory lock); other instances run
     * beside them.
     */
    commitPage: (input) =>
      tx(async (tx) => {
        const { source, now } = input;
        await lockFor(tx, `sync:${source.instance}`);
        const writer = createPgActionWriter(tx);
        const written = await writer.upsert(source, input.records, now, input.origin ?? source.instance);
        const keys = input.records.map((r) => r.nativeKey);
        for (const part of chunks(keys, 5000)) {
          await tx
            .delete(quarantine)
            .where(and(eq(quarantine.instance, source.instance), inTextArray(quarantine.nativeKey, part)));
        }
        await quarantineIn(tx, input.quarantined, now);
        // After the records: a key both sent and listed as removed in one page ends up removed.
        const removed = await writer.softDelete(source.instance, input.removedKeys, now, source.instance);
        await upsertPeopleIn(tx, input.people);
        await writeCatalogIn(tx, catalogPage(input));
        const cursor = encodeCursor(source.instance, input.cursor);
        await tx
          .insert(syncState)
          .values({ instance: source.instance, kind: source.kind, cursor, cursorAt: now })
          .onConflictDoUpdate({
            target: syncState.instance,
            set: { kind: source.kind, cursor, cursorAt: now },
          });
        return { ...written, removed };
      }),

    async activeKeys(instance) {
      const rows = await db
        .select({ nativeKey: actions.nativeKey })
        .from(actions)
        .where(and(eq(actions.sourceInstance, instance), isNull(actions.removedAt)))
        .orderBy(byText(actions.nativeKey));
      return rows.map((r) => r.nativeKey);
    },

    async recordRun(run) {
      const { instance, ...stats } = run;
      await db
        .insert(syncState)
        .values({ ...run, cursor: null })
        .onConflictDoUpdate({ target: syncState.instance, set: stats });
    },

    async states() {
      const rows = await db.select().from(syncState).orderBy(byText(syncState.instance));
      return rows.map((r) => ({
        ...r,
        cursor: decodeCursor(r.instance, r.cursor),
        status: parseAt(RunStatusSchema, r.status, `sync_state row ${r.instance} status`),
      }));
    },

    async quarantine(instance, opts = {}) {
      const query = db
        .select()
        .from(quarantine)
        .where(instance === undefined ? undefined : eq(quarantine.instance, instance))
        .orderBy(byText(quarantine.instance), byText(quarantine.location), byText(quarantine.reason));
      const rows = opts.limit === undefined ? await query : await query.limit(opts.limit);
      return rows.map(toQuarantined);
    },

    async countQuarantine(instance) {
      const [row] = await db.select({ n: count() }).from(quarantine).where(eq(quarantine.instance, instance));
      return row?.n ?? 0;
    },

    async pruneQuarantine(instance, notSeenSince) {
      const res = await db
        .delete(quarantine)
        .where(and(eq(quarantine.instance, instance), lt(quarantine.lastSeen, notSeenSince)));
      return res.rowCount ?? 0;
    },
  };
}
