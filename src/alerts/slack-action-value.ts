import { createHash } from "node:crypto";
import { z } from "zod";
import { CalendarDateSchema, SightlineError, ValidationError } from "../model/index.js";

/** The action_ids of the alert message's interactive elements; the Slack listeners register these. */
export const SLACK_ACTION_IDS = ["ack", "replan", "snooze", "not_dependency", "commit", "propose"] as const;
export type SlackActionId = (typeof SLACK_ACTION_IDS)[number];

/**
 * What a button carries back in the block_actions payload: compact JSON (Slack caps a button value at 2000
 * characters). `f` is the conflict fingerprint, `d` a date the click asks for, `id` the action to change and
 * `dep` the dependency it concerns. The handler must still check the conflict is current before acting.
 */
export const SlackActionValueSchema = z.object({
  v: z.literal(1),
  a: z.enum(SLACK_ACTION_IDS),
  f: z.string().min(1),
  d: CalendarDateSchema.optional(),
  id: z.string().min(1).optional(),
  dep: z.string().min(1).optional(),
});
export type SlackActionValue = z.infer<typeof SlackActionValueSchema>;

export const MAX_BUTTON_VALUE = 2000;

export function encodeActionValue(value: Omit<SlackActionValue, "v">): string {
  const text = JSON.stringify({ v: 1, ...value });
  if (text.length > MAX_BUTTON_VALUE) {
    throw new SightlineError(
      "slack_value_too_long",
      `button value for "${value.a}" on conflict ${value.f} is ${text.length} characters; Slack allows ${MAX_BUTTON_VALUE}`,
    );
  }
  return text;
}

export function decodeActionValue(text: string): SlackActionValue {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (cause) {
    throw new ValidationError("slack action value", [`not JSON: ${text.slice(0, 80)}`], { cause });
  }
  const parsed = SlackActionValueSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ValidationError(
      "slack action value",
      parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`),
    );
  }
  return parsed.data;
}

/** Snooze menu choices; an option value is capped at 75 characters, so it carries only the days. */
export const SNOOZE_DAYS = [1, 3, 7] as const;

export function parseSnoozeOption(value: string): number {
  const days = Number(value);
  if (!SNOOZE_DAYS.some((d) => d === days)) {
    throw new ValidationError("slack snooze option", [
      `expected one of ${SNOOZE_DAYS.join(", ")}, got "${value}"`,
    ]);
  }
  return days;
}

const BLOCK_ID_MAX = 255;

/**
 * block_id of one part of a conflict's message: `sl_<part>|<fingerprint>`, or `sl_<part>|#<sha256>` when the
 * fingerprint would not fit Slack's 255 characters. It tells a select menu's handler which conflict it is
 * about, and lets a merged message's part for one conflict be found and replaced.
 */
export function conflictBlockId(part: string, fingerprint: string): string {
  const plain = `sl_${part}|${fingerprint}`;
  if (plain.length <= BLOCK_ID_MAX) return plain;
  return `sl_${part}|#${fingerprintDigest(fingerprint)}`;
}

export function fingerprintDigest(fingerprint: string): string {
  return createHash("sha256").update(fingerprint).digest("hex");
}

export type BlockConflictRef = { part: string; fingerprint: string } | { part: string; digest: string };

export function parseConflictBlockId(blockId: string): BlockConflictRef | null {
  const m = /^sl_([a-z_]+)\|(.+)$/s.exec(blockId);
  if (!m?.[1] || !m[2]) return null;
  const ref = m[2];
  return /^#[0-9a-f]{64}$/.test(ref)
    ? { part: m[1], digest: ref.slice(1) }
    : { part: m[1], fingerprint: ref };
}

export function blockIdMatches(blockId: string | undefined, fingerprint: string): boolean {
  if (!blockId) return false;
  const ref = parseConflictBlockId(blockId);
  if (!ref) return false;
  return "fingerprint" in ref
    ? ref.fingerprint === fingerprint
    : ref.digest === fingerprintDigest(fingerprint);
}
