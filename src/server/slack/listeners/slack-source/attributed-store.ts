import type { Store } from "../../../../store/index.js";
import type { SyncStore } from "../../../../sync/index.js";

/**
 * The store as the sync engine sees it, with the history of the page's records attributed to the Slack user
 * who wrote them (`slack:U123`) instead of the instance: a Slack-created action's history says who changed
 * it. The records go through `upsertActions` with that origin, then the rest of the page (quarantine,
 * directory, cursor) through `commitPage`, both inside one transaction (better-sqlite3 nests the stores' own
 * transactions as savepoints), so the page still lands whole or not at all. (A quarantine entry of an
 * earlier bad version of the same key is not cleared by a good one here; Slack input is checked before it
 * is written, so the listeners never produce one.)
 */
export function attributedSyncStore(store: Store, origin: string): SyncStore {
  return {
    readCursor: (instance) => store.readCursor(instance),
    activeKeys: (instance) => store.activeKeys(instance),
    softDelete: (instance, keys, now) => store.softDelete(instance, keys, now),
    recordRun: (run) => store.recordRun(run),
    commitPage(input) {
      return store.db.$client.transaction(() => {
        const written = store.upsertActions(input.source, input.records, input.now, origin);
        const rest = store.commitPage({ ...input, records: [] });
        return { ...written, removed: rest.removed };
      })();
    },
  };
}
