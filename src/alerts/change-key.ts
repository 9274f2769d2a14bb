import { createHash } from "node:crypto";
import { type Conflict, SeveritySchema, severityRank } from "../model/index.js";
import type { AlertTarget, HeardFacts } from "./intent.js";

/**
 * The facts of a conflict that decide whether its owners hear about it again: severity and days short,
 * nothing else. Dates, value at risk, the message and the path may all change without a new alert; only
 * "worse" (severity rose, or days short grew by `materialDays` or more) re-alerts. Format: `critical/42`, `warning/-`
 * (no days short for that conflict type). Parseable, because the ledger stores it and the next run compares
 * against what the recipient last heard.
 */
export function materialChangeKey(conflict: Pick<Conflict, "severity" | "daysShort">): string {
  return `${conflict.severity}/${conflict.daysShort ?? "-"}`;
}

const RESOLVED_PREFIX = "resolved|";

/** The change key of a "cleared" message keeps what was cleared, so a quiet conflict that comes back at the
 * same size stays quiet. */
export function resolvedChangeKey(heardChangeKey: string): string {
  return isResolvedChangeKey(heardChangeKey) ? heardChangeKey : `${RESOLVED_PREFIX}${heardChangeKey}`;
}

export function isResolvedChangeKey(changeKey: string): boolean {
  return changeKey.startsWith(RESOLVED_PREFIX);
}

const ESCALATED_PREFIX = "escalated|";

/** The change key of an escalation: what the conflict was when it was escalated. */
export function escalatedChangeKey(materialKey: string): string {
  return `${ESCALATED_PREFIX}${materialKey}`;
}

/** The facts a change key records; null for a key this code did not write (then nothing is assumed heard). */
export function parseChangeKey(changeKey: string): HeardFacts | null {
  const body = isResolvedChangeKey(changeKey)
    ? changeKey.slice(RESOLVED_PREFIX.length)
    : changeKey.startsWith(ESCALATED_PREFIX)
      ? changeKey.slice(ESCALATED_PREFIX.length)
      : changeKey;
  const m = /^([a-z]+)\/(-|\d+)$/.exec(body);
  if (!m) return null;
  const severity = SeveritySchema.safeParse(m[1]);
  if (!severity.success) return null;
  return { severity: severity.data, daysShort: m[2] === "-" ? null : Number(m[2]) };
}

/**
 * Material worsening: severity rose, or days short grew by at least `materialDays` (from none to some counts
 * as growing): daily creep of an overdue dependency is not news every day.
 */
export function isWorse(
  now: Pick<Conflict, "severity" | "daysShort">,
  heard: HeardFacts,
  materialDays: number,
): boolean {
  if (severityRank(now.severity) > severityRank(heard.severity)) return true;
  if (now.daysShort === null) return false;
  if (heard.daysShort === null) return now.daysShort > 0;
  return now.daysShort - heard.daysShort >= materialDays;
}

/** The ledger's recipient: the delivery target, so two people routed to one team channel share one message. */
export function recipientKey(target: AlertTarget): string {
  return target.channel === "unrouted" ? "unrouted" : `${target.channel}:${target.to}`;
}

/**
 * Deterministic idempotency key of one message. It chains on the key of the recipient's previous ledger
 * entry, so the same facts heard again after a "cleared" (A → cleared → A) get a fresh key, while a retry or a
 * duplicate plan over the same ledger state gets the same key. Hex with a prefix: BullMQ refuses custom job
 * ids containing `:` and ids that look like integers.
 */
export function intentKey(
  fingerprint: string,
  recipient: string,
  changeKey: string,
  previousKey: string | null,
): string {
  const digest = createHash("sha256")
    .update(JSON.stringify([fingerprint, recipient, changeKey, previousKey]))
    .digest("hex");
  return `al_${digest.slice(0, 40)}`;
}

/** Key of a message that carries several intents (a merged message or a digest). */
export function batchKey(intentKeys: readonly string[]): string {
  if (intentKeys.length === 1 && intentKeys[0] !== undefined) return intentKeys[0];
  const digest = createHash("sha256")
    .update(JSON.stringify([...intentKeys].sort()))
    .digest("hex");
  return `ab_${digest.slice(0, 40)}`;
}
