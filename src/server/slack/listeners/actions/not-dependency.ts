import type { App } from "@slack/bolt";
import { escapeMrkdwn } from "../../../../alerts/index.js";
import { DecisionRefused } from "../../../../jobs/conflict-decisions.js";
import { markDecided, mention } from "../../replies.js";
import type { SlackHandlerDeps } from "../../slack-deps.js";
import { conflictAction, fromValue } from "./conflict-action.js";

/** "Not a dependency": an override removes the edge for everyone, then a reconcile clears what it caused. */
export function register(app: App, deps: SlackHandlerDeps, id: "not_dependency"): void {
  app.action(
    { type: "block_actions", action_id: id },
    conflictAction(deps, fromValue, async ({ click, conflict, value, client, by }) => {
      if (value?.a !== "not_dependency" || !value.id || !value.dep) {
        throw new DecisionRefused("This button does not name the link to remove.");
      }
      if (value.id !== conflict.actionId || value.dep !== conflict.dependencyId) {
        throw new DecisionRefused("This conflict now concerns another link; use the newest message.");
      }
      const { store } = deps.ctx;
      await store.conflicts.addOverride({
        dependentId: value.id,
        dependencyId: value.dep,
        by,
        at: deps.ctx.now(),
      });
      const title = async (id: string) => escapeMrkdwn((await store.actions.get(id))?.title ?? id);
      const [dependent, dependency] = [await title(value.id), await title(value.dep)];
      await markDecided(
        client,
        click,
        conflict.fingerprint,
        `:scissors: ${mention(click.userId)} said ${dependent} does not depend on ${dependency}: Sightline ignores that link from now on.`,
      );
      await deps.work.reconcile(`override ${value.dep} -> ${value.id} by ${by}`);
    }),
  );
}
