import { addWorkingHours, workingHoursBetween } from "../alerts/working-hours.js";
import type { Conflict } from "../model/index.js";
import { conflictOnly } from "../store/conflict-repo.js";
import type { AppContext } from "./app-context.js";
import { workingCalendarOf } from "./working-calendar.js";

/**
 * Open schedule conflicts nobody has answered within alerts.escalateAfterHours working hours of being first
 * seen. An answer is an acknowledgement or snooze (the conflict's statusBy), or a date written back for its
 * action or its dependency since then (a replan, a commit, a proposal: history from `slack:` or `writeback`).
 * Each comes with the working hours it has waited, measured on the organisation's calendar.
 */
export async function dueEscalations(
  ctx: AppContext,
): Promise<{ conflict: Conflict; workingHours: number }[]> {
  const cal = workingCalendarOf(ctx.config);
  const after = ctx.config.alerts.escalateAfterHours;
  const now = Date.parse(ctx.now());
  const out: { conflict: Conflict; workingHours: number }[] = [];
  for (const c of await ctx.store.conflicts.list({ status: ["open"] })) {
    if (c.type !== "schedule" || c.statusBy !== null) continue;
    const due = addWorkingHours(c.firstSeen, after, cal);
    if (due === null || Date.parse(due) > now) continue;
    if (await answeredSince(ctx, [c.actionId, c.dependencyId], c.firstSeen)) continue;
    out.push({
      conflict: conflictOnly(c),
      workingHours: Math.floor(workingHoursBetween(c.firstSeen, ctx.now(), cal)),
    });
  }
  return out;
}

async function answeredSince(ctx: AppContext, ids: (string | null)[], since: string): Promise<boolean> {
  for (const id of ids) {
    if (!id) continue;
    const events = await ctx.store.actions.history(id);
    if (
      events.some((e) => e.at >= since && (e.source.startsWith("slack:") || e.source.startsWith("writeback")))
    )
      return true;
  }
  return false;
}
