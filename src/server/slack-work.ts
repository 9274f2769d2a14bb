import type { AlertSink } from "../alerts/index.js";
import { alertOwed } from "../jobs/alert-work.js";
import type { AppContext } from "../jobs/app-context.js";
import type { JobQueues } from "../jobs/queue/index.js";
import { reconcileStore } from "../jobs/reconcile-work.js";
import { writeBackAction } from "../jobs/writeback-work.js";
import type { SlackWork } from "./slack/slack-deps.js";

/**
 * Distributed mode: a click queues the write-back (its job re-syncs and reconciles) or a debounced reconcile;
 * the workers do the rest, and the click's answer never waits for Jira or Sheets.
 */
export function queuedWork(queues: Pick<JobQueues, "enqueueWriteback" | "enqueueReconcile">): SlackWork {
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
 * edited) run in this process, one at a time, so two clicks never reconcile over each other.
 */
export function inProcessWork(
  ctx: AppContext,
  sinks: readonly AlertSink[],
  log: (line: string) => void,
): SlackWork {
  let tail: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = tail.then(fn, fn);
    // The caller gets the failure through `run`; the chain itself only orders the work.
    tail = run.catch(() => undefined);
    return run;
  };
  return {
    writeBack: ({ actionId, change }) =>
      serial(async () => {
        await writeBackAction(ctx, { actionId, change });
        return "written" as const;
      }),
    reconcile: (reason) =>
      serial(async () => {
        const { diff, loaded } = await reconcileStore(ctx);
        const report = await alertOwed(ctx, sinks, loaded);
        log(
          `reconcile (${reason}): ${diff.opened.length} opened, ${diff.changed.length} changed, ` +
            `${diff.resolved.length} resolved; ${report.delivered} messages sent or edited`,
        );
      }),
  };
}
