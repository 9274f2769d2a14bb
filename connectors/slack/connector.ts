import { type ActionRecord, type Source, ValidationError } from "../../src/model/index.js";
import type { CheckResult, Connector, DateChange, PageItem, SyncPage } from "../../src/sync/contract.js";
import { SlackSourceError } from "./errors.js";
import { toPageItem } from "./map.js";

export interface SlackConnectorOptions {
  instance: string;
  keyPrefix: string;
  /**
   * The stored action by native key. Given, the connector can "write back" (Replan from an alert): the store
   * is the tool of a Slack-created action, so the new dates are applied to the stored record and handed back.
   */
  current?: (nativeKey: string) => Promise<ActionRecord | null>;
  now?: () => string;
}

export interface SlackConnector extends Connector<null> {
  readonly keyPrefix: string;
}

/**
 * The `slack` connector as the scheduler and `sightline sync --connector slack` see it. Slack keeps no list
 * of the actions people created there: they exist only in Sightline's store, written by the Slack listeners
 * through `slackWriteConnector`. So a pull reads nothing, and never claims a complete snapshot: a regular
 * sync is a no-op that cannot soft-delete what only the store holds.
 */
export function createSlackConnector(options: SlackConnectorOptions): SlackConnector {
  const source: Source = { kind: "slack", instance: options.instance };
  const now = options.now ?? (() => new Date().toISOString());
  const connector: SlackConnector = {
    source,
    keyPrefix: options.keyPrefix,
    check(): Promise<CheckResult> {
      return Promise.resolve({
        ok: true,
        detail: `${options.instance}: actions created in Slack (keys ${options.keyPrefix}-…) live in Sightline's store; a sync has nothing to read`,
      });
    },
    // No page at all: the engine commits nothing, moves no cursor and soft-deletes nothing.
    async *pull(): AsyncIterable<SyncPage<null>> {},
  };
  const current = options.current;
  if (!current) return connector;
  return {
    ...connector,
    async writeBack(nativeKey: string, change: DateChange): Promise<PageItem> {
      const record = await current(nativeKey);
      if (!record) {
        throw new SlackSourceError(
          "slack_action_not_found",
          `no Slack-created action ${options.instance}:${nativeKey} in the store`,
        );
      }
      const next: ActionRecord = {
        ...record,
        ...(change.start !== undefined ? { start: change.start } : {}),
        ...(change.due !== undefined ? { due: change.due } : {}),
        sourceUpdatedAt: now(),
      };
      return {
        kind: "record",
        record: next,
        origin: { location: `Slack-created action ${options.instance}:${nativeKey} (write-back)`, nativeKey },
      };
    },
  };
}

/**
 * The write path of the Slack listeners: the created or edited actions as one page of a sync of the
 * instance, so validation, quarantine, history events and `changedIds` are the sync engine's, exactly as
 * for a Jira webhook. The stored cursor is handed back unchanged and no snapshot is claimed.
 *
 *   await runSync(slackWriteConnector(source, [raw]), store)
 */
export function slackWriteConnector(source: Source, raws: readonly unknown[]): Connector {
  if (source.kind !== "slack") {
    throw new ValidationError(`connector ${source.instance}`, [`kind: expected slack, got ${source.kind}`]);
  }
  return {
    source,
    check(): Promise<CheckResult> {
      return Promise.resolve({ ok: true, detail: `Slack listener write to ${source.instance}` });
    },
    async *pull(cursor: unknown): AsyncIterable<SyncPage> {
      yield { items: raws.map(toPageItem), cursor };
    },
  };
}
