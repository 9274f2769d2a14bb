import type { Store } from "../../../../store/index.js";
import type { SyncStore } from "../../../../sync/index.js";

/**
 * The store as the sync engine sees it, with the history of the page's records attributed to the Slack user
 * who wrote them (`slack:U123`) instead of the instance: a Slack-created action's history says who changed
 * it. The store's own `commitPage` takes that origin, so the page still lands whole or not at all in one
 * transaction and nothing here touches a connection.
 */
export function attributedSyncStore(store: Store, origin: string): SyncStore {
  return {
    ...store.sync,
    commitPage: (input) => store.sync.commitPage({ ...input, origin }),
  };
}
