import type { Conflict } from "../../model/index.js";
import { FLAG_CLOSED } from "../codes.js";
import { makeConflict, notifyList } from "./conflict-kit.js";
import type { RuleContext } from "./context.js";

/**
 * `invalid_dates` for a not-closed action whose tool says it starts after it is due. The schedule treats it
 * as a milestone on its due date (nodes.ts), so nothing downstream is pushed by the impossible span; its owner
 * is asked to fix one of the two dates.
 */
export function invalidDatesConflict(ctx: RuleContext, v: number): Conflict | null {
  if ((ctx.nodes.flags[v]! & FLAG_CLOSED) !== 0) return null;
  const action = ctx.action(v);
  if (action.start === null || action.due === null || action.start <= action.due) return null;
  return makeConflict("invalid_dates", [action.id], {
    severity: "warning",
    actionId: action.id,
    notify: notifyList(ctx, [ctx.personOf(v)]),
    message:
      `${action.title} starts on ${action.start}, after its due date ${action.due}. It is planned as due on ` +
      `${action.due} until one of the dates is fixed in ${action.source.instance}.`,
    facts: { start: action.start, due: action.due },
  });
}
