import { type Action, type Conflict, fromDayNumber, toDayNumber } from "../model/index.js";
import type { DateChange } from "../sync/contract.js";

/**
 * The date change "Replan to <earliest>" writes back. A conflict bound by the start (the reconciler's
 * `facts.bound`) moves the start to the earliest date and the due date by the same number of days, so the
 * work keeps its length; one bound by the finish, or an action checked on its due date (no start), moves
 * the due date alone.
 */
export function replanChange(
  action: Pick<Action, "start" | "due">,
  conflict: Conflict,
  earliest: string,
): DateChange {
  const bound = conflict.type === "schedule" ? conflict.facts.bound : "start";
  if (bound !== "finish" && action.start !== null) {
    const shift = toDayNumber(earliest) - toDayNumber(action.start);
    return action.due === null
      ? { start: earliest }
      : { start: earliest, due: fromDayNumber(toDayNumber(action.due) + shift) };
  }
  return { due: earliest };
}
