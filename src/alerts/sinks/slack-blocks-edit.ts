import type { types } from "@slack/bolt";
import { z } from "zod";
import { ValidationError } from "../../model/index.js";
import { blockIdMatches, parseConflictBlockId } from "../slack-action-value.js";

/** A block as Slack hands it back (in a block_actions payload or conversations.history): type and block_id. */
export type AnyBlock = types.KnownBlock | types.Block;

const BlockSchema = z.looseObject({ type: z.string().min(1), block_id: z.string().optional() });
const BlocksSchema = z.array(BlockSchema);

/** Blocks of a message read back from Slack; `where` says which message, for the error. */
export function parseBlocks(raw: unknown, where: string): types.Block[] {
  const parsed = BlocksSchema.safeParse(raw ?? []);
  if (!parsed.success) {
    throw new ValidationError(
      where,
      parsed.error.issues.map((i) => `blocks.${i.path.join(".")}: ${i.message}`),
    );
  }
  return parsed.data;
}

/** True when any block of the message belongs to the conflict. */
export function holdsConflict(blocks: readonly { block_id?: string }[], fingerprint: string): boolean {
  return blocks.some((b) => blockIdMatches(b.block_id, fingerprint));
}

/**
 * Replaces every block of one conflict inside a message (possibly merged with others) by `replacement`,
 * placed where the conflict's first block was; null when the message holds no block of that conflict.
 */
export function replaceConflictParts<B extends { block_id?: string }>(
  existing: readonly B[],
  fingerprint: string,
  replacement: readonly B[],
): B[] | null {
  const first = existing.findIndex((b) => blockIdMatches(b.block_id, fingerprint));
  if (first < 0) return null;
  const rest = existing.slice(first).filter((b) => !blockIdMatches(b.block_id, fingerprint));
  return [...existing.slice(0, first), ...replacement, ...rest];
}

/**
 * Records a decision inside a conflict's part of a message: its buttons go (the decision is made, a second
 * click would only confuse) and its note says what happened. Other conflicts in the same message are left
 * exactly as they were. Null when the message holds no block of that conflict.
 */
export function markConflictDecided(
  existing: readonly AnyBlock[],
  fingerprint: string,
  note: string,
): AnyBlock[] | null {
  if (!holdsConflict(existing, fingerprint)) return null;
  const out: AnyBlock[] = [];
  let noted = false;
  /** Just after the conflict's last block seen so far: where a missing note goes. */
  let insertAt = 0;
  for (const block of existing) {
    const mine = blockIdMatches(block.block_id, fingerprint);
    const part = mine && block.block_id ? parseConflictBlockId(block.block_id)?.part : undefined;
    if (part === "actions") {
      insertAt = out.length;
      continue;
    }
    if (part === "note" && block.block_id) {
      out.push(noteBlock(block.block_id, note));
      noted = true;
    } else {
      out.push(block);
    }
    if (mine) insertAt = out.length;
  }
  // No note block to rewrite (an older message layout): add one after the conflict's last block.
  if (!noted) out.splice(insertAt, 0, noteBlock(undefined, note));
  return out;
}

function noteBlock(blockId: string | undefined, note: string): types.ContextBlock {
  return {
    type: "context",
    ...(blockId ? { block_id: blockId } : {}),
    elements: [{ type: "mrkdwn", text: note }],
  };
}
