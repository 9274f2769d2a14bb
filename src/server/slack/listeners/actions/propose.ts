import type { App } from "@slack/bolt";
import { DecisionRefused } from "../../../../jobs/conflict-decisions.js";
import type { SlackHandlerDeps } from "../../slack-deps.js";
import { proposeDateView } from "../views/propose-date-view.js";
import { conflictAction, fromValue } from "./conflict-action.js";

/** "Propose a new date": opens the modal; its submission (listeners/views) does the write-back. */
export function register(app: App, deps: SlackHandlerDeps, id: "propose"): void {
  app.action(
    { type: "block_actions", action_id: id },
    conflictAction(deps, fromValue, async ({ click, conflict, value, client }) => {
      if (value?.a !== "propose" || !value.id || value.id !== conflict.dependencyId) {
        throw new DecisionRefused("This conflict now concerns another dependency; use the newest message.");
      }
      const dependency = await deps.ctx.store.actions.get(value.id);
      if (!dependency) throw new DecisionRefused(`The action ${value.id} is no longer in Sightline.`);
      if (!click.triggerId)
        throw new DecisionRefused("Slack sent no trigger to open the form with; click again.");
      const dependent = conflict.actionId ? await deps.ctx.store.actions.get(conflict.actionId) : null;
      const neededBy = conflict.type === "schedule" ? conflict.facts.neededBy : null;
      const view = proposeDateView(
        {
          f: conflict.fingerprint,
          id: dependency.id,
          channel: click.message?.channel ?? null,
          ts: click.message?.ts ?? null,
        },
        dependency,
        dependent,
        neededBy,
      );
      // https://docs.slack.dev/reference/methods/views.open (the trigger_id is valid for 3 seconds)
      await client.views.open({ trigger_id: click.triggerId, view });
    }),
  );
}
