import type { App } from "@slack/bolt";
import { escapeMrkdwn } from "../../../../alerts/index.js";
import { type Action, formatHuman } from "../../../../model/index.js";
import type { DateChange } from "../../../../sync/contract.js";
import { replanChange } from "../../replan-change.js";
import { markDecided, mention } from "../../replies.js";
import type { SlackHandlerDeps } from "../../slack-deps.js";
import { ClickRefused, type ConflictClick, conflictAction, fromValue } from "./conflict-action.js";

const STALE =
  "This button no longer matches the conflict (it changed since the message was sent); use the newest message.";

async function actionOrRefuse(deps: SlackHandlerDeps, id: string): Promise<Action> {
  const action = await deps.ctx.store.actions.get(id);
  if (!action || action.removedAt !== null)
    throw new ClickRefused(`The action ${id} is no longer in Sightline.`);
  return action;
}

function describeChange(change: DateChange): string {
  const parts: string[] = [];
  if (change.start) parts.push(`start ${formatHuman(change.start)}`);
  if (change.due) parts.push(`due ${formatHuman(change.due)}`);
  return parts.join(", ");
}

/**
 * Writes the change back to the action's tool, notes the decision in the message, then reconciles when the
 * write is done here (a queued write-back re-syncs and reconciles in its own job).
 */
export async function writeAndNote(
  deps: SlackHandlerDeps,
  c: ConflictClick,
  action: Action,
  change: DateChange,
  reason: string,
  verb: string,
): Promise<void> {
  const outcome = await deps.work.writeBack({ actionId: action.id, change, by: c.by, reason });
  const tool = action.source.instance;
  const how = outcome === "written" ? `written back to ${tool}` : `queued for write-back to ${tool}`;
  await markDecided(
    c.client,
    c.click,
    c.conflict.fingerprint,
    `:calendar: ${mention(c.click.userId)} ${verb} ${escapeMrkdwn(action.title)} (${describeChange(change)}): ${how}.`,
  );
  if (outcome === "written") await deps.work.reconcile(`${reason} of ${action.id} by ${c.by}`);
}

/** Replan (the dependent's owner moves their action) and Commit (the dependency's owner holds the date). */
export function registerReplan(app: App, deps: SlackHandlerDeps, id: "replan"): void {
  app.action(
    { type: "block_actions", action_id: id },
    conflictAction(deps, fromValue, async (c) => {
      const v = c.value;
      if (v?.a !== "replan" || !v.d || v.id !== c.conflict.actionId) throw new ClickRefused(STALE);
      if (c.conflict.earliestDate !== v.d) {
        const now = c.conflict.earliestDate
          ? ` the earliest date is now ${formatHuman(c.conflict.earliestDate)};`
          : "";
        throw new ClickRefused(`The conflict changed since this message:${now} use the newest message.`);
      }
      const action = await actionOrRefuse(deps, v.id);
      await writeAndNote(deps, c, action, replanChange(action, c.conflict, v.d), "replan", "replanned");
    }),
  );
}

/** Commit: the dependency's owner takes the needed-by date; it is written back to the dependency. */
export function registerCommit(app: App, deps: SlackHandlerDeps, id: "commit"): void {
  app.action(
    { type: "block_actions", action_id: id },
    conflictAction(deps, fromValue, async (c) => {
      const v = c.value;
      if (v?.a !== "commit" || !v.d || v.id !== c.conflict.dependencyId) throw new ClickRefused(STALE);
      const dependency = await actionOrRefuse(deps, v.id);
      await writeAndNote(deps, c, dependency, { due: v.d }, "commit", "committed");
    }),
  );
}
