import type { AlertBatch, AlertIntent, AlertSink } from "../../alerts/index.js";
import type { AlertLedgerRepository } from "../../store/index.js";
import { ledgerEntry } from "../alert-work.js";
import type { AppContext } from "../app-context.js";

/**
 * The target can never receive these: recorded as `failed` (deliverBatch released the claims when the sink
 * threw), so the catch-up planning of later reconciles does not send them into the same wall again. A material
 * change of the conflict is a new key and tries the target again.
 */
export async function recordFailed(
  ctx: AppContext,
  batch: AlertBatch,
  byKey: ReadonlyMap<string, AlertIntent>,
  sinks: readonly AlertSink[],
): Promise<void> {
  const channel = sinks.find((s) => s.accepts(batch.recipient.target))?.name ?? "none";
  for (const key of batch.keys) {
    const intent = byKey.get(key);
    if (!intent) continue;
    await ctx.store.alerts.record(ledgerEntry(intent, channel, "failed", ctx.now()));
  }
}

/** A dead attempt's post that the vendor has: its keys are recorded `sent` with it, so nothing posts twice. */
export async function alreadyPosted(
  ctx: AppContext,
  batch: AlertBatch,
  intents: readonly AlertIntent[],
  sinks: readonly AlertSink[],
): Promise<boolean> {
  const sink = sinks.find((s) => s.accepts(batch.recipient.target));
  const found = sink?.findSent ? await sink.findSent(batch) : null;
  if (!sink || !found) return false;
  const now = ctx.now();
  for (const intent of intents) {
    await ctx.store.alerts.record(ledgerEntry(intent, sink.name, "pending", now));
    await ctx.store.alerts.update(intent.key, { status: "sent", messageRef: { ref: found.messageRef }, now });
  }
  return true;
}

export async function everyKeyRecorded(
  ledger: AlertLedgerRepository,
  keys: readonly string[],
): Promise<boolean> {
  for (const key of keys) if (!(await ledger.has(key))) return false;
  return true;
}
