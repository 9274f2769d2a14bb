import { type Action, formatHuman, SightlineError } from "../model/index.js";
import type { StoredConflict } from "../store/index.js";
import type { DateChange } from "../sync/contract.js";
import type { AppContext } from "./app-context.js";
import type { DecisionWork } from "./decision-work.js";
import { replanChange } from "./replan-change.js";

const DAY_MS = 86_400_000;

/**
 * A decision that cannot be carried out as asked (the conflict moved on, the action left the store); the
 * person who asked is told why, and nothing was changed.
 */
export class DecisionRefused extends SightlineError {
  constructor(message: string) {
    super("decision_refused", message);
  }
}

export interface DecisionDeps {
  ctx: AppContext;
  work: DecisionWork;
}

/** What a date decision did: which action's dates changed, how, and whether the tool already has them. */
export interface DateDecision {
  action: Action;
  change: DateChange;
  outcome: "written" | "queued";
}

/** The conflict if it is still live (open, acknowledged or snoozed); null when it cleared or never existed. */
export async function liveConflict(ctx: AppContext, fingerprint: string): Promise<StoredConflict | null> {
  const c = await ctx.store.conflicts.get(fingerprint);
  return c && c.status !== "resolved" ? c : null;
}

async function liveAction(ctx: AppContext, id: string): Promise<Action> {
  const action = await ctx.store.actions.get(id);
  if (!action || action.removedAt !== null)
    throw new DecisionRefused(`The action ${id} is no longer in Sightline.`);
  return action;
}

/** Acknowledge: kept in the store with who and when; the planner stays quiet until the conflict worsens. */
export async function acknowledgeConflict(
  ctx: AppContext,
  conflict: StoredConflict,
  by: string,
): Promise<void> {
  await ctx.store.conflicts.setStatus(conflict.fingerprint, "acknowledged", { by, now: ctx.now() });
}

/** Snooze: quiet for `days` from now; returns the instant it wakes. */
export async function snoozeConflict(
  ctx: AppContext,
  conflict: StoredConflict,
  days: number,
  by: string,
): Promise<string> {
  const now = ctx.now();
  const until = new Date(Date.parse(now) + days * DAY_MS).toISOString();
  await ctx.store.conflicts.setStatus(conflict.fingerprint, "snoozed", { until, by, now });
  return until;
}

/** Called after the write-back and before the reconcile, so what the reconcile edits (a cleared alert) lands last. */
export type NoteDecision = (decision: DateDecision) => Promise<void>;

/**
 * Writes the change back to the action's tool, lets the caller note it, then reconciles when the write is
 * done here (a queued write-back re-syncs and reconciles in its own job).
 */
async function writeBack(
  deps: DecisionDeps,
  action: Action,
  change: DateChange,
  reason: "replan" | "commit",
  by: string,
  note: NoteDecision | undefined,
): Promise<DateDecision> {
  const outcome = await deps.work.writeBack({ actionId: action.id, change, by, reason });
  const decision = { action, change, outcome };
  await note?.(decision);
  if (outcome === "written") await deps.work.reconcile(`${reason} of ${action.id} by ${by}`);
  return decision;
}

/**
 * Replan: the dependent's owner moves their action to the earliest date the dependencies allow. `earliest`
 * is the date the person was shown; a conflict that moved since is refused rather than replanned to a date
 * nobody saw.
 */
export async function replanConflict(
  deps: DecisionDeps,
  conflict: StoredConflict,
  earliest: string,
  by: string,
  note?: NoteDecision,
): Promise<DateDecision> {
  if (conflict.earliestDate !== earliest) {
    const now = conflict.earliestDate
      ? ` the earliest date is now ${formatHuman(conflict.earliestDate)};`
      : " it no longer has an earliest date;";
    throw new DecisionRefused(`The conflict changed since it was shown:${now} look at it again.`);
  }
  if (!conflict.actionId) throw new DecisionRefused("This conflict has no single action to replan.");
  const action = await liveAction(deps.ctx, conflict.actionId);
  return writeBack(deps, action, replanChange(action, conflict, earliest), "replan", by, note);
}

/**
 * Commit: the dependency's owner takes the needed-by date, written back to the dependency as its due date.
 * `dependencyId` and `date` are what the person was shown.
 */
export async function commitDependency(
  deps: DecisionDeps,
  conflict: StoredConflict,
  dependencyId: string,
  date: string,
  by: string,
  note?: NoteDecision,
): Promise<DateDecision> {
  if (conflict.dependencyId !== dependencyId)
    throw new DecisionRefused("This conflict now concerns another dependency: look at it again.");
  const facts = conflict.type === "schedule" ? conflict.facts : null;
  if (facts && !facts.neededByReachable)
    throw new DecisionRefused(
      "The dependency can no longer make that date (what it waits on finishes later): propose a new date instead.",
    );
  const neededBy = facts?.neededBy ?? null;
  if (neededBy !== date) {
    const now = neededBy ? ` the dependency is now needed by ${formatHuman(neededBy)};` : "";
    throw new DecisionRefused(`The conflict changed since it was shown:${now} look at it again.`);
  }
  const dependency = await liveAction(deps.ctx, dependencyId);
  return writeBack(deps, dependency, { due: date }, "commit", by, note);
}
