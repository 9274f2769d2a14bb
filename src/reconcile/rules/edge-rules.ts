import { FLAG_CLOSED, FLAG_DONE, FLAG_UNDATED } from "../codes.js";
import { makeConflict, notifyList, titleOf } from "./conflict-kit.js";
import type { ConflictSink, RuleContext } from "./context.js";

/**
 * Per resolved dependency of `v` (one conflict per dependency action, however many refs point at it;
 * self-references are left to the cycle rule):
 * - `undated_dependency`: v is not closed and depends on a not-closed action with neither start nor due.
 * - `done_before_dependency`: v is done while a dependency is neither done nor cancelled.
 * - `cancelled_dependency` (info): v is not closed and depends on a cancelled action: it constrains nothing
 *   any more, so either the dependency is no longer needed or the work moved elsewhere.
 */
export function edgeConflicts(ctx: RuleContext, v: number, out: ConflictSink): void {
  const { nodes, edges, adj } = ctx;
  const flags = nodes.flags;
  const closed = (flags[v]! & FLAG_CLOSED) !== 0;
  const done = (flags[v]! & FLAG_DONE) !== 0;
  if (closed && !done) return;
  const k = adj.collectIn(v, edges);
  if (k === 0) return;
  // inBuf stays valid: nothing below collects edges again.
  const buf = adj.inBuf;
  let seen: number[] | undefined;
  for (let j = 0; j < k; j++) {
    const u = edges.src[buf[j]!]!;
    const fu = flags[u]!;
    if (u === v) continue;
    if (!closed && (fu & FLAG_CLOSED) !== 0 && (fu & FLAG_DONE) === 0) {
      if (seen?.includes(u)) continue;
      seen = seen ?? [];
      seen.push(u);
      out.push(cancelledDependency(ctx, v, u));
      continue;
    }
    if ((fu & FLAG_CLOSED) !== 0) continue;
    const undated = !closed && (fu & FLAG_UNDATED) !== 0;
    if (!undated && !done) continue;
    if (seen?.includes(u)) continue;
    seen = seen ?? [];
    seen.push(u);
    const action = ctx.action(v);
    const dep = ctx.action(u);
    if (undated) {
      out.push(
        makeConflict("undated_dependency", [action.id, dep.id], {
          severity: "warning",
          actionId: action.id,
          dependencyId: dep.id,
          notify: notifyList(ctx, [ctx.personOf(v), ctx.personOf(u)]),
          message:
            `${action.title} depends on ${titleOf(ctx, u)}, which has neither a start nor a due date, so ` +
            "nobody can tell whether it will be ready in time.",
          facts: { dependencyStatus: dep.status },
        }),
      );
    }
    if (done) {
      out.push(
        makeConflict("done_before_dependency", [action.id, dep.id], {
          severity: "warning",
          actionId: action.id,
          dependencyId: dep.id,
          notify: notifyList(ctx, [ctx.personOf(v), ctx.personOf(u)]),
          message:
            `${action.title} is marked done, but it depends on ${titleOf(ctx, u)}, which is still ` +
            `${dep.status.replace("_", " ")}. Check whether it was really finished.`,
          facts: { dependencyStatus: dep.status },
        }),
      );
    }
  }
}

function cancelledDependency(ctx: RuleContext, v: number, u: number) {
  const action = ctx.action(v);
  const dep = ctx.action(u);
  return makeConflict("cancelled_dependency", [action.id, dep.id], {
    severity: "info",
    actionId: action.id,
    dependencyId: dep.id,
    notify: notifyList(ctx, [ctx.personOf(v)]),
    message: `${action.title} depends on ${titleOf(ctx, u)}, which was cancelled: is the dependency still needed?`,
    facts: { dependencyStatus: dep.status },
  });
}
