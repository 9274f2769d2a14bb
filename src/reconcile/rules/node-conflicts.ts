import type { Conflict } from "../../model/index.js";
import type { ConflictSink, RuleContext } from "./context.js";
import { invalidDatesConflict } from "./date-rule.js";
import { edgeConflicts } from "./edge-rules.js";
import { kpiConflicts } from "./kpi-rules.js";
import { mirrorConflicts } from "./mirror-rule.js";
import { ownerConflict } from "./owner-rule.js";
import { refConflicts } from "./ref-rules.js";
import { scheduleConflict } from "./schedule-rule.js";

/** Collects one action's conflicts; allocates a list only once there is something to hold. */
class LazySink implements ConflictSink {
  list: Conflict[] | undefined;
  push(c: Conflict): void {
    if (this.list === undefined) this.list = [c];
    else this.list.push(c);
  }
}

const sink = new LazySink();

/**
 * Every conflict owned by one action. The owner is the unit of incremental recomputation, so each rule
 * must depend only on the action, its upstream (dependencies, binding path) and its mirror partners.
 * Most of a million actions have no conflict, so the no-conflict path allocates nothing.
 */
export function nodeConflicts(ctx: RuleContext, v: number): Conflict[] | undefined {
  sink.list = undefined;
  const schedule = scheduleConflict(ctx, v);
  if (schedule) sink.push(schedule);
  const vacuum = ownerConflict(ctx, v);
  if (vacuum) sink.push(vacuum);
  const dates = invalidDatesConflict(ctx, v);
  if (dates) sink.push(dates);
  refConflicts(ctx, v, sink);
  kpiConflicts(ctx, v, sink);
  edgeConflicts(ctx, v, sink);
  mirrorConflicts(ctx, v, sink);
  const list = sink.list;
  sink.list = undefined;
  return list;
}
