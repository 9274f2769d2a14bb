import { createHash } from "node:crypto";

/** Crockford's base32: no I, L, O or U, so a key read aloud or retyped from a screenshot stays unambiguous. */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/** 8 characters = 40 bits: a collision among even a million Slack-created actions is about one in two thousand. */
const LENGTH = 8;

/**
 * The native key of a Slack-created action, derived from what identifies the request that created it (the
 * modal's view id, the slash command's trigger id). A retried submission derives the same key, so the store
 * sees the same action again instead of a second one: no sequence counter, no separate idempotency table.
 */
export function slackNativeKey(prefix: string, requestIdentity: string): string {
  const digest = createHash("sha256").update(requestIdentity).digest();
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of digest) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < LENGTH) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    if (out.length === LENGTH) break;
    value &= (1 << bits) - 1;
  }
  return `${prefix}-${out}`;
}
