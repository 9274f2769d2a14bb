import type { App, MessageShortcut, webApi } from "@slack/bolt";
import { z } from "zod";
import { prefillFromMessage } from "../../../../../connectors/registry.js";
import type { SlackHandlerDeps } from "../../slack-deps.js";
import { TRACK_CALLBACK_ID, trackActionView } from "../views/track-action-view.js";

/**
 * The fields of a message shortcut payload used here
 * (https://docs.slack.dev/reference/interaction-payloads/shortcuts-interaction-payload, type message_action).
 */
const MessageActionSchema = z.object({
  type: z.literal("message_action"),
  callback_id: z.literal(TRACK_CALLBACK_ID),
  trigger_id: z.string().min(1),
  user: z.object({ id: z.string().min(1) }),
  channel: z.object({ id: z.string().min(1) }),
  message_ts: z.string().min(1).optional(),
  message: z.looseObject({ ts: z.string().min(1), text: z.string().optional(), user: z.string().optional() }),
});

export interface ShortcutArgs {
  ack: () => Promise<void>;
  body: unknown;
  client: webApi.WebClient;
}

/**
 * "Track as action" on a message: acked at once, then the modal opens prefilled from the message (the
 * trigger id is valid for 3 seconds, so nothing slow happens in between: the directory is local).
 */
export function register(app: App, deps: SlackHandlerDeps): void {
  app.shortcut<MessageShortcut>(
    { type: "message_action", callback_id: TRACK_CALLBACK_ID },
    async ({ ack, body, client }: ShortcutArgs) => {
      await ack();
      const s = MessageActionSchema.parse(body);
      const people = (await deps.ctx.store.directory.load()).people;
      const nameOf = (id: string) => people.find((p) => p.slackUserId === id)?.name ?? null;
      const prefill = prefillFromMessage(s.message.text ?? "", deps.ctx.today(), nameOf);
      const initialOwner = prefill.mentions[0] ?? s.message.user ?? s.user.id;
      const view = trackActionView(
        { channel: s.channel.id, ts: s.message_ts ?? s.message.ts },
        prefill,
        initialOwner,
      );
      // https://docs.slack.dev/reference/methods/views.open
      await client.views.open({ trigger_id: s.trigger_id, view });
    },
  );
}
