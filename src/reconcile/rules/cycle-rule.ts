import type { Conflict } from "../../model/index.js";
import { FLAG_CLOSED } from "../codes.js";
import { makeConflict, notifyList } from "./conflict-kit.js";
import type { RuleContext } from "./context.js";

/**
 * `dependency_cycle`, one per strongly connected component (a self-reference is a cycle of one), members
 * sorted by id, actionId null. A loop whose members are all closed is not reported: nothing waits on it.
 * Members are left out of schedule propagation: they get no forecast and push nothing downstream.
 */
export function cycleConflict(ctx: RuleContext, members: readonly number[]): Conflict | null {
  if (members.every((s) => (ctx.nodes.flags[s]! & FLAG_CLOSED) !== 0)) return null;
  const sorted = [...members].sort((x, y) => (ctx.nodes.ids[x]! < ctx.nodes.ids[y]! ? -1 : 1));
  const ids = sorted.map((s) => ctx.nodes.ids[s]!);
  const titles = sorted.map((s) => ctx.action(s).title);
  const message =
    sorted.length === 1
      ? `${titles[0]} depends on itself, so it can never be scheduled. Remove the self-reference.`
      : `${titles.slice(0, -1).join(", ")} and ${titles.at(-1)} depend on each other in a loop, so none ` +
        "of them can be scheduled and their dates are not checked. Break the loop.";
  return makeConflict("dependency_cycle", ids, {
    severity: "warning",
    actionId: null,
    actionIds: ids,
    notify: notifyList(
      ctx,
      sorted.map((s) => ctx.personOf(s)),
    ),
    message,
    facts: { size: ids.length },
  });
}
