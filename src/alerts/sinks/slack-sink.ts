import { webApi } from "@slack/bolt";
import { z } from "zod";
import type { AlertTarget } from "../intent.js";
import type { AlertBatch } from "../merge.js";
import { conflictBlocks } from "../render-blocks.js";
import type { AlertSink, RenderedAlert } from "../sink.js";
import { parseConflictBlockId } from "../slack-action-value.js";
import { type AnyBlock, parseBlocks, replaceConflictParts } from "./slack-blocks-edit.js";
import { SlackSinkError, toSlackSinkError } from "./slack-errors.js";
import type { SlackPeople } from "./slack-people.js";

/** Where a posted message lives: what chat.update needs (the channel id Slack answered, not a #name). */
export const SlackMessageRefSchema = z.object({ channel: z.string().min(1), ts: z.string().min(1) });
export type SlackMessageRef = z.infer<typeof SlackMessageRefSchema>;

export function parseSlackMessageRef(messageRef: string): SlackMessageRef | null {
  let raw: unknown;
  try {
    raw = JSON.parse(messageRef);
  } catch {
    // Not JSON: a ref another sink wrote (an e-mail Message-ID); the caller reports it as foreign.
    return null;
  }
  const parsed = SlackMessageRefSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/**
 * A Web API client for alert delivery. Its own retries are off and rate-limited calls are rejected at once:
 * a 429 must reach the job runner as `retryAfterSeconds` (a queue rate limit), not stall a worker in a loop.
 */
export function createSlackWebClient(opts: { token: string; apiUrl: string }): webApi.WebClient {
  return new webApi.WebClient(opts.token, {
    slackApiUrl: opts.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  });
}

export interface SlackSinkOptions {
  client: webApi.WebClient;
  /** When set, targets that are only an e-mail address are DM'd after users.lookupByEmail finds them. */
  people?: SlackPeople | null;
}

const HistoryMessagesSchema = z.array(
  z.looseObject({
    ts: z.string(),
    text: z.string().optional(),
    blocks: z.unknown().optional(),
    metadata: z
      .looseObject({ event_type: z.string(), event_payload: z.looseObject({}).optional() })
      .optional(),
  }),
);

/**
 * Every alert carries its batch key as message metadata, so a retry can ask Slack whether the post of an
 * attempt that died already went out. https://docs.slack.dev/messaging/message-metadata
 */
const METADATA_EVENT = "sightline_alert";

/**
 * Delivers alerts as Slack messages: a DM to a person's user id, a post in a team or admin channel, and (with
 * `people`) a DM to someone the directory knows only by e-mail. Every failure is a SlackSinkError saying
 * whether to wait (`retryAfterSeconds`), retry, or fall back (`unrecoverable`, e.g. users_not_found).
 */
export function createSlackSink(opts: SlackSinkOptions): AlertSink {
  const { client } = opts;
  const people = opts.people ?? null;

  async function channelFor(target: AlertTarget): Promise<string> {
    switch (target.channel) {
      case "slack-dm":
      case "slack-channel":
        // A user id as channel posts in the app's DM with that user; the answer names the D… channel.
        return target.to;
      case "email": {
        const id = people ? await people.idForEmail(target.to) : null;
        if (!id) {
          throw new SlackSinkError("users_not_found", `no Slack user has the e-mail ${target.to}`, {
            unrecoverable: true,
          });
        }
        return id;
      }
      case "unrouted":
        throw new SlackSinkError("no_target", "an unrouted alert has no Slack target", {
          unrecoverable: true,
        });
    }
  }

  async function readMessage(
    ref: SlackMessageRef,
  ): Promise<{ text: string | null; blocks: AnyBlock[] } | null> {
    try {
      // https://docs.slack.dev/reference/methods/conversations.history (one message: latest = oldest = ts)
      const res = await client.conversations.history({
        channel: ref.channel,
        latest: ref.ts,
        oldest: ref.ts,
        inclusive: true,
        limit: 1,
      });
      const messages = HistoryMessagesSchema.parse(res.messages ?? []);
      const found = messages.find((m) => m.ts === ref.ts);
      if (!found) return null;
      return {
        text: found.text ?? null,
        blocks: parseBlocks(found.blocks, `Slack message ${ref.channel}/${ref.ts}`),
      };
    } catch (error) {
      throw toSlackSinkError(error, `conversations.history ${ref.channel}/${ref.ts}`);
    }
  }

  /**
   * The blocks after the edit. A message that also carries other conflicts (a merged alert) keeps them and
   * only this batch's conflicts are replaced; a message about this batch alone is replaced whole.
   */
  function editedMessage(
    existing: { text: string | null; blocks: AnyBlock[] } | null,
    batch: AlertBatch,
    rendered: RenderedAlert,
  ): { text: string; blocks: AnyBlock[] } {
    const whole = { text: rendered.slack.text, blocks: rendered.slack.blocks };
    if (!existing) return whole;
    const mine = new Set(batch.intents.map((i) => i.conflict.fingerprint));
    const others = existing.blocks.some((b) => {
      const ref = b.block_id ? parseConflictBlockId(b.block_id) : null;
      return ref !== null && "fingerprint" in ref && !mine.has(ref.fingerprint);
    });
    if (!others) return whole;
    let blocks: AnyBlock[] = existing.blocks;
    for (const intent of batch.intents) {
      blocks =
        replaceConflictParts<AnyBlock>(blocks, intent.conflict.fingerprint, conflictBlocks(intent)) ?? blocks;
    }
    return { text: existing.text ?? rendered.slack.text, blocks };
  }

  return {
    name: "slack",
    accepts: (target) =>
      target.channel === "slack-dm" ||
      target.channel === "slack-channel" ||
      (target.channel === "email" && people !== null),

    async deliver(batch: AlertBatch, rendered: RenderedAlert) {
      const channel = await channelFor(batch.recipient.target);
      try {
        // https://docs.slack.dev/reference/methods/chat.postMessage
        const res = await client.chat.postMessage({
          channel,
          text: rendered.slack.text,
          blocks: rendered.slack.blocks,
          unfurl_links: false,
          unfurl_media: false,
          metadata: { event_type: METADATA_EVENT, event_payload: { batch: batch.key } },
        });
        if (!res.channel || !res.ts) {
          throw new SlackSinkError(
            "bad_response",
            `chat.postMessage to ${channel}: no channel/ts in the answer`,
          );
        }
        return { messageRef: JSON.stringify({ channel: res.channel, ts: res.ts }) };
      } catch (error) {
        throw toSlackSinkError(error, `chat.postMessage to ${channel}`);
      }
    },

    async findSent(batch: AlertBatch) {
      const target = batch.recipient.target;
      // A #name cannot be read back by name; a post there after a crash is sent again (the one case left).
      if (target.channel !== "slack-dm" && !(target.channel === "slack-channel" && /^[CG]/.test(target.to))) {
        return null;
      }
      try {
        // https://docs.slack.dev/reference/methods/conversations.open (a user id gives the DM's D… id)
        const channel =
          target.channel === "slack-dm"
            ? ((await client.conversations.open({ users: target.to })).channel?.id ?? null)
            : target.to;
        if (!channel) return null;
        // https://docs.slack.dev/reference/methods/conversations.history (recent messages, with metadata)
        const res = await client.conversations.history({ channel, limit: 50, include_all_metadata: true });
        const found = HistoryMessagesSchema.parse(res.messages ?? []).find(
          (m) => m.metadata?.event_type === METADATA_EVENT && m.metadata.event_payload?.batch === batch.key,
        );
        return found ? { messageRef: JSON.stringify({ channel, ts: found.ts }) } : null;
      } catch (error) {
        throw toSlackSinkError(error, `conversations.history for ${target.to}`);
      }
    },

    async update(batch: AlertBatch, messageRef: string, rendered: RenderedAlert) {
      const ref = parseSlackMessageRef(messageRef);
      if (!ref) {
        throw new SlackSinkError(
          "foreign_message_ref",
          `not a Slack message ref: ${messageRef.slice(0, 120)}`,
          {
            unrecoverable: true,
          },
        );
      }
      const { text, blocks } = editedMessage(await readMessage(ref), batch, rendered);
      try {
        // https://docs.slack.dev/reference/methods/chat.update
        await client.chat.update({ channel: ref.channel, ts: ref.ts, text, blocks });
      } catch (error) {
        throw toSlackSinkError(error, `chat.update ${ref.channel}/${ref.ts}`);
      }
      return { messageRef };
    },
  };
}
