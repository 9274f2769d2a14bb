import type { SlackActionRaw } from "../../../../../connectors/registry.js";
import { SlackSourceError, slackWriteConnector } from "../../../../../connectors/registry.js";
import { type Action, actionId, type Source } from "../../../../model/index.js";
import { measureSync } from "../../../../ops/metrics.js";
import type { Store, StoredConflict } from "../../../../store/index.js";
import { runSync } from "../../../../sync/index.js";
import type { SlackHandlerDeps } from "../../slack-deps.js";
import { attributedSyncStore } from "./attributed-store.js";

const LIVE = ["open", "acknowledged", "snoozed"] as const;

export interface SlackWriteOutcome {
  action: Action;
  /** False when the action already existed: a retried submission, answered without writing again. */
  created: boolean;
  /** Hub ids the write changed (empty for a retry or an edit that changed nothing). */
  changedIds: string[];
  /** Live conflicts the action is part of, after the reconcile. */
  conflicts: StoredConflict[];
}

/**
 * One write at a time per store: "does this key exist yet?" and the write that follows must not interleave
 * with the same request's retry arriving while the first is still being written.
 */
const queues = new WeakMap<Store, Promise<unknown>>();
function serial<T>(store: Store, fn: () => Promise<T>): Promise<T> {
  const tail = queues.get(store) ?? Promise.resolve();
  const run = tail.then(fn, fn);
  queues.set(
    store,
    run.catch(() => undefined),
  );
  return run;
}

/** Live conflicts that name the action: as the dependent, the dependency, the root cause or on their path. */
export async function conflictsOf(store: Store, id: string): Promise<StoredConflict[]> {
  return (await store.conflicts.list({ status: LIVE })).filter(
    (c) => c.actionId === id || c.dependencyId === id || c.rootCauseId === id || c.actionIds.includes(id),
  );
}

/**
 * Writes a Slack-created or edited action the way every connector's items are written: as a one-page sync
 * of the `slack` instance (validation, quarantine, history events attributed to `slack:<user>`, changedIds),
 * then reconciles through the runner (`work.reconcile`: in-process, or queued in distributed mode).
 *
 * `create`: a key that already exists is a retry of the same request (the key derives from the view or
 * trigger id) and is answered with the stored action, untouched; `build` (which may call Slack, e.g. for a
 * permalink) runs only when the key is new, inside the same turn of the queue, so a retry that arrives while
 * the first submission is still being written waits and then finds it. `edit`: the key must exist.
 */
export function writeSlackAction(
  deps: SlackHandlerDeps,
  source: Source,
  key: string,
  mode: "create" | "edit",
  build: () => SlackActionRaw | Promise<SlackActionRaw>,
): Promise<SlackWriteOutcome> {
  const { store } = deps.ctx;
  const id = actionId(source.instance, key);
  return serial(store, async () => {
    const before = await store.actions.get(id);
    if (mode === "create" && before) {
      deps.log(`slack: ${id} already exists; a repeated creation request is not written again`);
      return { action: before, created: false, changedIds: [], conflicts: await conflictsOf(store, id) };
    }
    if (mode === "edit" && !before) {
      throw new SlackSourceError("slack_action_not_found", `The action ${id} is no longer in Sightline.`);
    }
    const raw = await build();
    if (raw.key !== key) {
      throw new SlackSourceError("slack_action_invalid", `built ${raw.key} while writing ${key}`);
    }
    const by = `slack:${raw.by}`;
    const report = await measureSync(source.instance, () =>
      runSync(slackWriteConnector(source, [raw]), attributedSyncStore(store, by), { now: deps.ctx.now }),
    );
    if (report.quarantined > 0) {
      const entry = (await store.sync.quarantine(source.instance)).find((q) => q.nativeKey === raw.key);
      throw new SlackSourceError(
        "slack_action_quarantined",
        `Sightline could not store ${id}: ${entry?.reason ?? "the record failed validation"}`,
      );
    }
    if (report.changedIds.length > 0) {
      try {
        await deps.work.reconcile(`slack ${raw.via} ${mode} of ${id} by ${by}`);
      } catch (cause) {
        // The action is stored; saying "could not create" would send the user to create it twice.
        const why = cause instanceof Error ? cause.message : String(cause);
        throw new SlackSourceError(
          "slack_reconcile_failed",
          `${id} is saved, but checking it for conflicts failed (${why}); the next reconcile will include it`,
          { cause },
        );
      }
    }
    const action = await store.actions.get(id);
    if (!action) {
      throw new SlackSourceError("slack_action_not_found", `${id} was written but cannot be read back`);
    }
    return {
      action,
      created: mode === "create",
      changedIds: report.changedIds,
      conflicts: await conflictsOf(store, id),
    };
  });
}
