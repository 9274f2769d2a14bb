import type { webApi } from "@slack/bolt";
import { markConflictDecided } from "../../alerts/sinks/slack-blocks-edit.js";
import type { Click } from "./click.js";

type Client = webApi.WebClient;

/**
 * A message only the clicking user sees: an ephemeral one in the channel of the click, or a DM when the
 * click came from a surface without a channel (App Home).
 */
export async function tellUser(client: Client, click: Pick<Click, "channelId" | "userId">, text: string) {
  if (click.channelId) {
    // https://docs.slack.dev/reference/methods/chat.postEphemeral
    await client.chat.postEphemeral({ channel: click.channelId, user: click.userId, text });
    return;
  }
  // https://docs.slack.dev/reference/methods/chat.postMessage
  await client.chat.postMessage({ channel: click.userId, text });
}

/**
 * Records a decision in the message the click came from: the conflict's buttons go and its note says who
 * decided what. Other conflicts merged into the same message keep their buttons.
 */
export async function markDecided(client: Client, click: Click, fingerprint: string, note: string) {
  const m = click.message;
  if (!m) return;
  const blocks = markConflictDecided(m.blocks, fingerprint, note);
  if (!blocks) return;
  // https://docs.slack.dev/reference/methods/chat.update
  await client.chat.update({ channel: m.channel, ts: m.ts, text: m.text ?? note, blocks });
}

/** Slack mention of a user: renders as their name for everyone in the conversation. */
export function mention(userId: string): string {
  return `<@${userId}>`;
}
