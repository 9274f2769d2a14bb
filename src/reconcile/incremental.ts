import type { ConflictDiff } from "../model/index.js";
import { applyChange } from "./apply-change.js";
import { Engine } from "./engine.js";
import { diffConflicts } from "./order.js";
import type { ActionChange, ReconcileInput, ReconcileResult } from "./types.js";
import { buildResult } from "./views.js";

/**
 * Keeps a reconciled state and applies edits to it. `apply` recomputes only what the changed actions can
 * reach (their forward closure, the holders of refs they may now satisfy or break, their mirror
 * partners) and returns the conflict diff; the result equals a fresh `reconcile()` of the same actions.
 * A new `today` moves every overdue forecast, so it rebuilds everything.
 */
export class IncrementalReconciler {
  private engine: Engine;

  constructor(input: ReconcileInput) {
    this.engine = new Engine(input);
  }

  result(): ReconcileResult {
    return buildResult(this.engine);
  }

  /**
   * The diff's conflicts carry no kpiImpact (and their value at risk is the local one): a KPI's delay
   * depends on the whole plan; result() has the figures.
   */
  apply(change: ActionChange): ConflictDiff {
    const g = this.engine;
    if (change.today !== undefined && change.today !== g.todayText) {
      const before = g.allConflicts();
      const byId = new Map(g.liveActions().map((a) => [a.id, a]));
      for (const a of change.upserted ?? []) byId.set(a.id, a);
      for (const id of change.removedIds ?? []) byId.delete(id);
      const next = new Engine({ ...g.input, actions: [...byId.values()], today: change.today });
      g.version++;
      this.engine = next;
      return diffConflicts(before, next.allConflicts());
    }
    return applyChange(g, change.upserted ?? [], change.removedIds ?? []);
  }
}
