import type { App, types } from "@slack/bolt";
import { z } from "zod";
import { conflictsFor, helpFor, mineFor } from "../../overview-query.js";
import type { SlackHandlerDeps } from "../../slack-deps.js";
import { addFromCommand } from "./add-action.js";

/** The fields of a slash command request used here (https://docs.slack.dev/interactivity/implementing-slash-commands). */
const CommandSchema = z.object({ user_id: z.string().min(1), text: z.string().default("") });
/** `add` also needs the request's identity (trigger_id) and where the app lives (team_id, api_app_id). */
const AddCommandSchema = CommandSchema.extend({
  trigger_id: z.string().min(1),
  team_id: z.string().min(1),
  api_app_id: z.string().min(1).optional(),
});

/** The text after `add` when the command is `/sightline add …`, untouched (spacing and quotes matter there). */
export function addCommandText(text: string): string | null {
  const m = /^\s*add(?:\s+|$)/i.exec(text);
  return m ? text.slice(m[0].length) : null;
}

type Respond = (message: {
  response_type: "ephemeral";
  text: string;
  blocks: types.KnownBlock[];
}) => Promise<unknown>;

export interface CommandArgs {
  ack: () => Promise<void>;
  command: unknown;
  respond: Respond & ((message: { response_type: "ephemeral"; text: string }) => Promise<unknown>);
}

/** Which answer a command's text asks for. */
/** The app's one slash command (slack/manifest.yaml declares it). */
export const SLASH_COMMAND = "/sightline";

export function parseCommandText(text: string): { kind: "mine" | "conflicts" | "help"; arg: string | null } {
  const [word = "", ...rest] = text.trim().split(/\s+/);
  const arg = rest.join(" ").trim() || null;
  switch (word.toLowerCase()) {
    case "mine":
    case "":
      return { kind: "mine", arg: null };
    case "conflicts":
      return { kind: "conflicts", arg };
    default:
      return { kind: "help", arg: null };
  }
}

/**
 * `/sightline mine | conflicts [team|kpi] | help`: acked at once (Slack's 3 s), answered through the
 * response_url after the store was read, visible only to the person who asked.
 */
export function register(app: App, deps: SlackHandlerDeps): void {
  app.command(SLASH_COMMAND, async ({ ack, command, respond }: CommandArgs) => {
    await ack();
    const { user_id: userId, text } = CommandSchema.parse(command);
    const addText = addCommandText(text);
    if (addText !== null) {
      const c = AddCommandSchema.parse(command);
      await addFromCommand(
        deps,
        { userId, text: addText, triggerId: c.trigger_id, teamId: c.team_id, apiAppId: c.api_app_id ?? null },
        respond,
      );
      return;
    }
    const { kind, arg } = parseCommandText(text);
    const blocks =
      kind === "mine"
        ? await mineFor(deps, userId)
        : kind === "conflicts"
          ? await conflictsFor(deps, arg)
          : helpFor();
    const summary =
      kind === "mine"
        ? "Your Sightline overview"
        : kind === "conflicts"
          ? "Open conflicts"
          : "Sightline help";
    // https://docs.slack.dev/interactivity/handling-user-interaction#message_responses (the response_url)
    await respond({ response_type: "ephemeral", text: summary, blocks });
  });
}
