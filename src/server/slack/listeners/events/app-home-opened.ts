import type { App, webApi } from "@slack/bolt";
import { z } from "zod";
import { mineFor } from "../../overview-query.js";
import type { SlackHandlerDeps } from "../../slack-deps.js";

/** https://docs.slack.dev/reference/events/app_home_opened */
const AppHomeOpenedSchema = z.object({ user: z.string().min(1), tab: z.string().optional() });

export interface EventArgs {
  event: unknown;
  client: webApi.WebClient;
}

/** The App Home tab shows the same as `/sightline mine`, refreshed each time it is opened. */
export function register(app: App, deps: SlackHandlerDeps): void {
  app.event("app_home_opened", async ({ event, client }: EventArgs) => {
    const e = AppHomeOpenedSchema.parse(event);
    if (e.tab !== undefined && e.tab !== "home") return;
    const blocks = await mineFor(deps, e.user);
    // https://docs.slack.dev/reference/methods/views.publish
    await client.views.publish({ user_id: e.user, view: { type: "home", blocks } });
  });
}
