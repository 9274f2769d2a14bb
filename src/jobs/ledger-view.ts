import type { AlertLedgerView, LedgerEntry } from "../alerts/index.js";
import type { AlertLedgerRepository } from "../store/index.js";

/**
 * The planner's view of the store's alert ledger, read up front for the conflicts being planned so planning
 * stays a pure function. Sinks hand back an opaque string ref; the ledger keeps refs as string records, so
 * the string travels under `ref`.
 */
export async function loadLedgerView(
  ledger: AlertLedgerRepository,
  fingerprints: readonly string[],
): Promise<AlertLedgerView> {
  const entries = await ledger.entriesFor(fingerprints);
  const keys = new Set(entries.map((e) => e.key));
  const last = new Map<string, LedgerEntry>();
  // Oldest first: the last write per (conflict, recipient) is the latest message.
  for (const e of entries) {
    last.set(`${e.fingerprint}\u0000${e.recipient}`, {
      key: e.key,
      changeKey: e.changeKey,
      messageRef: e.messageRef?.ref ?? null,
    });
  }
  return {
    has: (key) => keys.has(key),
    lastFor: (fingerprint, recipientKey) => last.get(`${fingerprint}\u0000${recipientKey}`) ?? null,
  };
}
