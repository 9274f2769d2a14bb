import { z } from "zod";
import {
  decodeActionValue,
  fingerprintDigest,
  parseConflictBlockId,
  type SlackActionValue,
} from "../../alerts/index.js";
import { type AnyBlock, parseBlocks } from "../../alerts/sinks/slack-blocks-edit.js";
import { ValidationError } from "../../model/index.js";
import type { SlackHandlerDeps } from "./slack-deps.js";

/**
 * The parts of a block_actions payload the handlers use
 * (https://docs.slack.dev/reference/interaction-payloads/block_actions-payload).
 */
const BlockActionsSchema = z.object({
  type: z.literal("block_actions"),
  user: z.object({ id: z.string().min(1) }),
  trigger_id: z.string().optional(),
  container: z
    .looseObject({ channel_id: z.string().optional(), message_ts: z.string().optional() })
    .optional(),
  channel: z.looseObject({ id: z.string() }).optional(),
  message: z
    .looseObject({ ts: z.string(), text: z.string().optional(), blocks: z.unknown().optional() })
    .optional(),
  actions: z
    .array(
      z.looseObject({
        action_id: z.string(),
        block_id: z.string().optional(),
        value: z.string().optional(),
        selected_option: z.object({ value: z.string() }).nullish(),
      }),
    )
    .min(1),
});

export interface Click {
  userId: string;
  triggerId: string | null;
  /** The message the button sits in; null for a click outside a message (App Home). */
  message: { channel: string; ts: string; text: string | null; blocks: AnyBlock[] } | null;
  /** Where an ephemeral answer can go. */
  channelId: string | null;
  actionId: string;
  blockId: string | null;
  value: string | null;
  selected: string | null;
}

export function parseClick(body: unknown): Click {
  const parsed = BlockActionsSchema.safeParse(body);
  if (!parsed.success) {
    throw new ValidationError(
      "Slack block_actions payload",
      parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`),
    );
  }
  const b = parsed.data;
  const action = b.actions[0]!;
  const channelId = b.container?.channel_id ?? b.channel?.id ?? null;
  const ts = b.container?.message_ts ?? b.message?.ts ?? null;
  return {
    userId: b.user.id,
    triggerId: b.trigger_id ?? null,
    message:
      channelId && ts && b.message
        ? {
            channel: channelId,
            ts,
            text: b.message.text ?? null,
            blocks: parseBlocks(b.message.blocks, `Slack message ${channelId}/${ts}`),
          }
        : null,
    channelId,
    actionId: action.action_id,
    blockId: action.block_id ?? null,
    value: action.value ?? null,
    selected: action.selected_option?.value ?? null,
  };
}

/** A button's value; null when it is not one of ours (then the click is refused, not guessed at). */
export function clickValue(click: Click): SlackActionValue | null {
  if (!click.value) return null;
  try {
    return decodeActionValue(click.value);
  } catch (error) {
    if (error instanceof ValidationError) return null;
    throw error;
  }
}

/** The conflict a select menu is about, named by its block_id (`sl_actions|<fingerprint or #digest>`). */
export async function fingerprintFromBlock(
  deps: SlackHandlerDeps,
  blockId: string | null,
): Promise<string | null> {
  const ref = blockId ? parseConflictBlockId(blockId) : null;
  if (!ref) return null;
  if ("fingerprint" in ref) return ref.fingerprint;
  const match = (await deps.ctx.store.conflicts.list()).find(
    (c) => fingerprintDigest(c.fingerprint) === ref.digest,
  );
  return match?.fingerprint ?? null;
}
