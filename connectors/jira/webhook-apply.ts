import type { PersonInput } from "../../src/model/index.js";
import type { CheckResult, Connector, PageItem, SyncPage } from "../../src/sync/contract.js";
import type { JiraConnector } from "./connector.js";
import type { JiraWebhookApply } from "./webhook-event.js";

/**
 * A webhook outcome as a one-page connector, so the server applies it with the sync engine like any page:
 * the same validation, quarantine, history events and `changedIds` for the incremental reconcile. Issues to
 * re-read (link events, issues not stored yet) are fetched first, within the instance's JQL. The stored cursor is handed back unchanged: the next
 * scheduled sync re-reads the issue (a no-op by content hash) instead of skipping anything.
 *
 *   await runSync(jiraWebhookConnector(connector, outcome), store)
 */
export function jiraWebhookConnector(connector: JiraConnector, outcome: JiraWebhookApply): Connector {
  return {
    source: connector.source,
    check(): Promise<CheckResult> {
      return Promise.resolve({ ok: true, detail: `webhook delivery for ${connector.source.instance}` });
    },
    async *pull(cursor: unknown, signal?: AbortSignal): AsyncIterable<SyncPage> {
      const items: PageItem[] = outcome.upsert ? [outcome.upsert] : [];
      const people: PersonInput[] = [...(outcome.people ?? [])];
      if (outcome.refetchKeys?.length) {
        const fetched = await connector.fetchInScope(outcome.refetchKeys, signal);
        items.push(...fetched.items);
        people.push(...fetched.people);
      }
      yield { items, removedKeys: outcome.removedKeys ?? [], people, cursor };
    },
  };
}
