import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { z } from "zod";
import { SLACK_BOT_SCOPES } from "../../../src/alerts/sinks/slack-errors.js";
import { SLASH_COMMAND } from "../../../src/server/slack/listeners/commands/sightline-command.js";
import { TRACK_CALLBACK_ID } from "../../../src/server/slack/listeners/views/track-action-view.js";

const ROOT = join(import.meta.dirname, "../../..");

// The parts of Slack's manifest schema the app relies on (https://docs.slack.dev/reference/app-manifest).
const ManifestSchema = z.object({
  display_information: z.object({ name: z.string().min(1).max(35), description: z.string().max(140) }),
  features: z.object({
    app_home: z.object({ home_tab_enabled: z.boolean() }),
    bot_user: z.object({ display_name: z.string().min(1).max(80) }),
    slash_commands: z.array(
      z.object({ command: z.string(), url: z.url(), description: z.string().max(2000) }),
    ),
    shortcuts: z.array(
      z.object({
        name: z.string(),
        type: z.enum(["message", "global"]),
        callback_id: z.string(),
        description: z.string(),
      }),
    ),
  }),
  oauth_config: z.object({ scopes: z.object({ bot: z.array(z.string()) }) }),
  settings: z.object({
    event_subscriptions: z.object({ request_url: z.url(), bot_events: z.array(z.string()) }),
    interactivity: z.object({ is_enabled: z.literal(true), request_url: z.url() }),
    socket_mode_enabled: z.literal(false),
  }),
});

const manifest = ManifestSchema.parse(parse(readFileSync(join(ROOT, "slack/manifest.yaml"), "utf8")));

describe("the checked-in Slack app manifest", () => {
  it("asks for exactly the scopes the code needs, and the README lists them", () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...SLACK_BOT_SCOPES].sort());
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    for (const scope of SLACK_BOT_SCOPES) expect(readme).toContain(`\`${scope}\``);
    expect(readme).toContain("slack/manifest.yaml");
  });

  it("declares the handlers serve registers, all on serve's one Slack endpoint", () => {
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual([SLASH_COMMAND]);
    expect(manifest.features.shortcuts.map((s) => [s.type, s.callback_id])).toEqual([
      ["message", TRACK_CALLBACK_ID],
    ]);
    expect(manifest.settings.event_subscriptions.bot_events).toContain("app_home_opened");
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    const urls = [
      ...manifest.features.slash_commands.map((c) => c.url),
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
    ];
    for (const url of urls) expect(new URL(url).pathname).toBe("/slack/events");
  });
});
