import type { App } from "@slack/bolt";
import { escapeMrkdwn } from "../../../../alerts/index.js";
import {
  commitDependency,
  type DateDecision,
  DecisionRefused,
  type NoteDecision,
  replanConflict,
} from "../../../../jobs/conflict-decisions.js";
import { formatHuman } from "../../../../model/index.js";
import type { DateChange } from "../../../../sync/contract.js";
import { markDecided, mention } from "../../replies.js";
import type { SlackHandlerDeps } from "../../slack-deps.js";
import { type ConflictClick, conflictAction, fromValue } from "./conflict-action.js";

const STALE =
  "This button no longer matches the conflict (it changed since the message was sent); use the newest message.";

function describeChange(change: DateChange): string {
  const parts: string[] = [];
  if (change.start) parts.push(`start ${formatHuman(change.start)}`);
  if (change.due) parts.push(`due ${formatHuman(change.due)}`);
  return parts.join(", ");
}

/** Notes the decision in the alert's message (before the reconcile edits it). */
function noteIn(c: ConflictClick, verb: string): NoteDecision {
  return async ({ action, change, outcome }: DateDecision) => {
    const tool = action.source.instance;
    const how = outcome === "written" ? `written back to ${tool}` : `queued for write-back to ${tool}`;
    await markDecided(
      c.client,
      c.click,
      c.conflict.fingerprint,
      `:calendar: ${mention(c.click.userId)} ${verb} ${escapeMrkdwn(action.title)} (${describeChange(change)}): ${how}.`,
    );
  };
}

/** Replan (the dependent's owner moves their action) and Commit (the dependency's owner holds the date). */
export function registerReplan(app: App, deps: SlackHandlerDeps, id: "replan"): void {
  app.action(
    { type: "block_actions", action_id: id },
    conflictAction(deps, fromValue, async (c) => {
      const v = c.value;
      if (v?.a !== "replan" || !v.d || v.id !== c.conflict.actionId) throw new DecisionRefused(STALE);
      await replanConflict(deps, c.conflict, v.d, c.by, noteIn(c, "replanned"));
    }),
  );
}

/** Commit: the dependency's owner takes the needed-by date; it is written back to the dependency. */
export function registerCommit(app: App, deps: SlackHandlerDeps, id: "commit"): void {
  app.action(
    { type: "block_actions", action_id: id },
    conflictAction(deps, fromValue, async (c) => {
      const v = c.value;
      if (v?.a !== "commit" || !v.d || !v.id) throw new DecisionRefused(STALE);
      await commitDependency(deps, c.conflict, v.id, v.d, c.by, noteIn(c, "committed"));
    }),
  );
}
