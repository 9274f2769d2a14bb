import { asc, eq, isNull, sql } from "drizzle-orm";
import { rowToAction } from "../action-codec.js";
import type { ActionRepository } from "../port.js";
import { createPgActionWriter } from "./pg-action-writer.js";
import { byText, chunks, lockFor, type PgDb, type Transact } from "./pg-db.js";
import { actionEvents, actions } from "./schema.js";

export function createPgActions(db: PgDb, tx: Transact): ActionRepository {
  return {
    async list(opts = {}) {
      const rows = await db
        .select()
        .from(actions)
        .where(opts.includeRemoved ? undefined : isNull(actions.removedAt))
        .orderBy(byText(actions.id));
      return rows.map(rowToAction);
    },

    async get(id) {
      const [row] = await db.select().from(actions).where(eq(actions.id, id));
      return row ? rowToAction(row) : null;
    },

    /** Oldest first, in the order the changes were written. */
    history: (actionId) =>
      db
        .select({
          actionId: actionEvents.actionId,
          field: actionEvents.field,
          from: actionEvents.fromValue,
          to: actionEvents.toValue,
          at: actionEvents.at,
          source: actionEvents.source,
        })
        .from(actionEvents)
        .where(eq(actionEvents.actionId, actionId))
        .orderBy(asc(actionEvents.id)),

    upsert: (source, records, now, origin) =>
      tx(async (tx) => {
        await lockFor(tx, `sync:${source.instance}`);
        return createPgActionWriter(tx).upsert(source, records, now, origin ?? source.instance);
      }),

    softDelete: (instance, nativeKeys, now) =>
      tx(async (tx) => {
        await lockFor(tx, `sync:${instance}`);
        return createPgActionWriter(tx).softDelete(instance, nativeKeys, now, instance);
      }),

    /**
     * Returns how many rows changed: owners already resolved to the same person are not rewritten. One UPDATE
     * … FROM (VALUES …) per thousand actions, so a first reconcile of 100k actions is a hundred round trips.
     */
    setOwners: (owners) =>
      tx(async (tx) => {
        let changed = 0;
        for (const part of chunks([...owners])) {
          const values = sql.join(
            part.map(([id, owner]) => sql`(${id}::text, ${owner}::text)`),
            sql`, `,
          );
          const res = await tx.execute(
            sql`update ${actions} set owner = v.owner from (values ${values}) as v(id, owner) where ${actions.id} = v.id and ${actions.owner} is distinct from v.owner`,
          );
          changed += res.rowCount ?? 0;
        }
        return changed;
      }),
  };
}
