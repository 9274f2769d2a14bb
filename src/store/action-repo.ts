import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Action, HistoryEvent } from "../model/index.js";
import { rowToAction } from "./action-codec.js";
import type { StoreDb } from "./db.js";
import { actionEvents, actions } from "./schema-actions.js";

/** Reads of actions and their history, and the owner column that owner resolution writes. */
export function createActionRepo(db: StoreDb) {
  const p = sql.placeholder;
  const byId = db
    .select()
    .from(actions)
    .where(eq(actions.id, p("id")))
    .prepare();
  const setOwner = db
    .update(actions)
    .set({ owner: sql`${p("owner")}` })
    // `is not` compares NULLs too, so re-resolving to the same person writes nothing.
    .where(and(eq(actions.id, p("id")), sql`${actions.owner} is not ${p("owner")}`))
    .prepare();

  return {
    loadActions(opts: { includeRemoved?: boolean } = {}): Action[] {
      return db
        .select()
        .from(actions)
        .where(opts.includeRemoved ? undefined : isNull(actions.removedAt))
        .orderBy(actions.id)
        .all()
        .map(rowToAction);
    },

    getAction(id: string): Action | null {
      const row = byId.get({ id });
      return row ? rowToAction(row) : null;
    },

    /** Oldest first, in the order the changes were written. */
    history(actionId: string): HistoryEvent[] {
      return db
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
        .orderBy(asc(actionEvents.id))
        .all();
    },

    activeKeys(instance: string): string[] {
      return db
        .select({ nativeKey: actions.nativeKey })
        .from(actions)
        .where(and(eq(actions.sourceInstance, instance), isNull(actions.removedAt)))
        .orderBy(actions.nativeKey)
        .all()
        .map((r) => r.nativeKey);
    },

    /** Returns how many rows changed: owners already resolved to the same person are not rewritten. */
    setOwners(owners: Iterable<readonly [actionId: string, personId: string | null]>): number {
      let changed = 0;
      db.$client
        .transaction(() => {
          for (const [id, owner] of owners) changed += setOwner.run({ id, owner }).changes;
        })
        .immediate();
      return changed;
    },
  };
}
