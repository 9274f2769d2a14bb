import type { ConnectorConfig } from "../config/index.js";
import { type ActionRecord, SightlineError } from "../model/index.js";
import type { Connector, DateChange } from "../sync/index.js";
import { validateItem } from "../sync/validate-item.js";
import type { AppContext } from "./app-context.js";
import { createConnector } from "./connector-factory.js";
import { findConnector } from "./sync-work.js";

export class WriteBackError extends SightlineError {}

export class ActionNotFoundError extends WriteBackError {
  constructor(actionId: string) {
    super("action_not_found", `no action "${actionId}" in the store (has its connector been synced?)`);
  }
}

export class WriteBackUnsupportedError extends WriteBackError {
  constructor(actionId: string, instance: string, kind: string) {
    super(
      "writeback_unsupported",
      `action "${actionId}": connector "${instance}" (kind ${kind}) cannot write dates back to its tool`,
    );
  }
}

/** The tool took the change but what it handed back is not a valid action: nothing is stored. */
export class WriteBackRejectedError extends WriteBackError {
  constructor(actionId: string, location: string, reason: string) {
    super(
      "writeback_rejected",
      `action "${actionId}": the tool's re-read record at ${location} is invalid: ${reason}`,
    );
  }
}

export interface WriteBackRequest {
  actionId: string;
  change: DateChange;
  /** Who asked (`slack:<user id>`, `web:<admin>`): the history's source becomes `writeback:<who>`. */
  requestedBy?: string;
}

export interface WriteBackDeps {
  /** Builds the instance's connector; createConnector by default (tests hand in one that writes back). */
  connect?: (config: ConnectorConfig) => Promise<Connector>;
  signal?: AbortSignal;
}

export interface WriteBackOutcome {
  actionId: string;
  /** Hub ids the stored re-read changed (empty when the tool already held these dates): reconcile them. */
  changedIds: string[];
  record: ActionRecord;
}

/**
 * The `writeback` work, for both runners: writes the new dates to the action's own tool, then stores the item
 * as the tool now holds it (not as we asked: the tool may round, refuse a field, or have moved on), with
 * history events attributed to `writeback:<who asked>` (plain `writeback` when nobody is named). The caller reconciles afterwards.
 */
export async function writeBackAction(
  ctx: AppContext,
  request: WriteBackRequest,
  deps: WriteBackDeps = {},
): Promise<WriteBackOutcome> {
  const { actionId, change, requestedBy } = request;
  const action = await ctx.store.actions.get(actionId);
  if (!action) throw new ActionNotFoundError(actionId);
  const config = findConnector(ctx, action.source.instance);
  const connector = await (
    deps.connect ??
    ((c) =>
      createConnector(c, ctx.config, ctx.env, {
        fullScan: false,
        current: (key) => ctx.store.actions.get(`${c.id}:${key}`),
      }))
  )(config);
  if (!connector.writeBack) throw new WriteBackUnsupportedError(actionId, config.id, config.kind);
  const item = await connector.writeBack(action.nativeKey, change, deps.signal);
  const checked = validateItem(action.source.instance, item);
  if (!checked.ok) throw new WriteBackRejectedError(actionId, checked.entry.location, checked.entry.reason);
  if (checked.record.nativeKey !== action.nativeKey) {
    throw new WriteBackRejectedError(
      actionId,
      checked.origin.location,
      `the tool answered for "${checked.record.nativeKey}", not "${action.nativeKey}"`,
    );
  }
  const origin = requestedBy ? `writeback:${requestedBy}` : "writeback";
  const written = await ctx.store.actions.upsert(connector.source, [checked.record], ctx.now(), origin);
  return { actionId, changedIds: [...written.inserted, ...written.updated], record: checked.record };
}
