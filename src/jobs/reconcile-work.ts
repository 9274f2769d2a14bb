import { type ReconcileResult, reconcile } from "../reconcile/index.js";
import type { ApplyConflictsResult } from "../store/index.js";
import type { AppContext } from "./app-context.js";

export interface ReconcileOutcome {
  today: string;
  result: ReconcileResult;
  /** What changed against the conflicts stored by the previous run (opened, changed, resolved, unchanged). */
  diff: ApplyConflictsResult;
}

/**
 * The `reconcile` job: a full, pure reconcile over everything stored, then the I/O around it: resolved owners
 * and the conflict set written back, the diff against the previous run returned for alert planning.
 */
export function reconcileStore(ctx: AppContext, today: string = ctx.today()): ReconcileOutcome {
  const { store } = ctx;
  const result = reconcile({
    actions: store.loadActions(),
    directory: store.loadDirectory(),
    kpis: store.loadKpis(),
    today,
    overrides: store.loadOverrides(),
  });
  const now = ctx.now();
  store.setOwners([...result.owners].map(([id, o]) => [id, o.personId] as const));
  const diff = store.applyConflicts(result.conflicts, now);
  return { today, result, diff };
}
