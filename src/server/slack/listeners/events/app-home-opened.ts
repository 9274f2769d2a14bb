import type { App, webApi } from "@slack/bolt";
import { z } from "zod";
import type { SlackHandlerDeps } from "../../slack-deps.js";
import { homeView } from "./home-view.js";

/** https://docs.slack.dev/reference/events/app_home_opened */
const AppHomeOpenedSchema = z.object({ user: z.string().min(1), tab: z.string().optional() });

export interface EventArgs {
  event: unknown;
  client: webApi.WebClient;
}

/**
 * The App Home tab shows the same as `/sightline mine`, then the caller's Slack-created actions with Edit
 * buttons; refreshed each time it is opened.
 */
export function register(app: App, deps: SlackHandlerDeps): void {
  app.event("app_home_opened", async ({ event, client }: EventArgs) => {
    const e = AppHomeOpenedSchema.parse(event);
    if (e.tab !== undefined && e.tab !== "home") return;
    // https://docs.slack.dev/reference/methods/views.publish
    await client.views.publish({ user_id: e.user, view: await homeView(deps, e.user) });
  });
}
