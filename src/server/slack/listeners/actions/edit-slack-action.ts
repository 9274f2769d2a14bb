import type { App, webApi } from "@slack/bolt";
import { parseClick } from "../../click.js";
import { personForSlackUser } from "../../identity.js";
import { tellUser } from "../../replies.js";
import type { SlackHandlerDeps } from "../../slack-deps.js";
import { mayEdit } from "../slack-source/created-by.js";
import { EDIT_ACTION_ID, editSlackActionView } from "../views/edit-slack-action-view.js";

export interface EditClickArgs {
  ack: () => Promise<void>;
  body: unknown;
  client: webApi.WebClient;
}

/** The App Home's Edit button on a Slack-created action: opens the edit form for its creator or owner. */
export function register(app: App, deps: SlackHandlerDeps): void {
  app.action(
    { type: "block_actions", action_id: EDIT_ACTION_ID },
    async ({ ack, body, client }: EditClickArgs) => {
      await ack();
      const click = parseClick(body);
      const { store } = deps.ctx;
      const action = click.value ? await store.actions.get(click.value) : null;
      const refuse = (text: string) => tellUser(client, click, text);
      if (!action) return refuse(`The action ${click.value ?? "(none)"} is no longer in Sightline.`);
      const me = await personForSlackUser(deps, click.userId);
      if (!(await mayEdit(store, action, click.userId, me))) {
        return refuse(`Only the person who created ${action.id} in Slack, or its owner, can change it here.`);
      }
      if (!click.triggerId) return refuse("Slack sent no trigger to open the form with; click again.");
      const owner = action.owner
        ? (await store.directory.load()).people.find((p) => p.id === action.owner)
        : undefined;
      // https://docs.slack.dev/reference/methods/views.open (the trigger_id is valid for 3 seconds)
      await client.views.open({
        trigger_id: click.triggerId,
        view: editSlackActionView(action, owner?.slackUserId ?? null),
      });
    },
  );
}
