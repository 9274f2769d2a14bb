import { intentKey } from "../../alerts/change-key.js";
import { type AlertBatch, type AlertIntent, type AlertTarget, recipientKey } from "../../alerts/index.js";
import type { AlertsConfig } from "../../config/index.js";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Where what nobody else can receive goes, in order: the admin channel, then the admin e-mail. */
export function adminTargets(alerts: Pick<AlertsConfig, "adminChannel" | "adminEmail">): AlertTarget[] {
  const out: AlertTarget[] = [];
  const channel = alerts.adminChannel;
  if (channel) {
    out.push(
      EMAIL.test(channel) ? { channel: "email", to: channel } : { channel: "slack-channel", to: channel },
    );
  }
  if (alerts.adminEmail) out.push({ channel: "email", to: alerts.adminEmail });
  return [...new Map(out.map((t) => [recipientKey(t), t])).values()];
}

/**
 * The next admin target after a permanent delivery failure to `failed`: an owner's DM falls back to the admin
 * channel, the admin channel to the admin e-mail, the last one to nothing (the job then fails for operators to
 * see, and the loop ends).
 */
export function fallbackTarget(
  failed: string,
  alerts: Pick<AlertsConfig, "adminChannel" | "adminEmail">,
): AlertTarget | null {
  const targets = adminTargets(alerts);
  const at = targets.findIndex((t) => recipientKey(t) === failed);
  return targets[at + 1] ?? null;
}

/**
 * Re-plans what a failed batch said for the fallback target. Each intent gets a fresh key chained on the
 * failed one (intentKey), so the fallback is itself idempotent: a retried fallback step re-derives the same
 * keys and the queue and ledger send it once. The admin hears it in the `fallback` role, as a new message, and
 * only the conflicts' current states (a digest's superseded states are not repeated).
 */
export function readdress(batch: AlertBatch, target: AlertTarget): AlertIntent[] {
  const key = recipientKey(target);
  return batch.intents.map((intent) => ({
    ...intent,
    key: intentKey(intent.conflict.fingerprint, key, intent.changeKey, intent.key),
    recipientKey: key,
    recipient: { personId: null, name: null, personIds: intent.recipient.personIds, target, timeZone: null },
    role: "fallback" as const,
    updateMessageRef: null,
    deliverAfter: null,
    digest: false,
  }));
}
