import type { AlertSink } from "../alerts/index.js";
import type { DateChange } from "../sync/contract.js";
import { alertOwed } from "./alert-work.js";
import type { AppContext } from "./app-context.js";
import type { JobQueues } from "./queue/index.js";
import { reconcileStore } from "./reconcile-work.js";
import { writeBackAction } from "./writeback-work.js";

export interface DecisionWriteBack {
  /** Hub id of the action whose dates change in its tool. */
  actionId: string;
  change: DateChange;
  /** Who asked: `slack:<user id>` or `web:<admin>`; kept in the action's history. */
  by: string;
  /** Why, for the history and the logs: `replan`, `commit`, `propose`. */
  reason: string;
}

/**
 * What a decision (a Slack click, a web form) may set off beyond the store. Injected so the server runs with
 * either runner: the queue producers (distributed mode) or in-process work (embedded default); tests pass fakes.
 */
export interface DecisionWork {
  /**
   * Writes a date change back to the action's tool. `written`: done, and the store holds the new dates (the
   * caller then calls `reconcile`); `queued`: a write-back job will do it, then re-sync and reconcile.
   */
  writeBack(request: DecisionWriteBack): Promise<"written" | "queued">;
  /** Reconciles (and alerts on the result) after Sightline itself changed something: an override, a write-back. */
  reconcile(reason: string): Promise<void>;
}

/**
 * Distributed mode: a decision queues the write-back (its job re-syncs and reconciles) or a debounced
 * reconcile; the workers do the rest, and the answer never waits for Jira or Sheets.
 */
export function queuedWork(queues: Pick<JobQueues, "enqueueWriteback" | "enqueueReconcile">): DecisionWork {
  return {
    async writeBack({ actionId, change, by }) {
      await queues.enqueueWriteback({ actionId, change, requestedBy: by });
      return "queued";
    },
    async reconcile(reason) {
      await queues.enqueueReconcile(reason);
    },
  };
}

/**
 * The embedded default: the write-back and the reconcile (with its alerts: a cleared conflict's messages are
 * edited) run in this process, one at a time, so two decisions never reconcile over each other. `sinks` null:
 * reconcile without alerting (the web app alone, with no delivery configured around it).
 */
export function inProcessWork(
  ctx: AppContext,
  sinks: readonly AlertSink[] | null,
  log: (line: string) => void,
): DecisionWork {
  let tail: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = tail.then(fn, fn);
    // The caller gets the failure through `run`; the chain itself only orders the work.
    tail = run.catch(() => undefined);
    return run;
  };
  return {
    writeBack: ({ actionId, change, by }) =>
      serial(async () => {
        await writeBackAction(ctx, { actionId, change, requestedBy: by });
        return "written" as const;
      }),
    reconcile: (reason) =>
      serial(async () => {
        const { diff, loaded } = await reconcileStore(ctx);
        const report = sinks ? await alertOwed(ctx, sinks, loaded) : null;
        log(
          `reconcile (${reason}): ${diff.opened.length} opened, ${diff.changed.length} changed, ` +
            `${diff.resolved.length} resolved; ${report ? `${report.delivered} messages sent or edited` : "no alert sinks"}`,
        );
      }),
  };
}
