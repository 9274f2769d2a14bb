import type { AlertLedgerView, LedgerEntry } from "../alerts/index.js";
import type { AlertLedger } from "../store/index.js";

/**
 * The planner's view of the store's alert ledger. Sinks hand back an opaque string ref; the ledger keeps
 * refs as string records, so the string travels under `ref`.
 */
export function ledgerView(ledger: AlertLedger): AlertLedgerView {
  return {
    has: (key) => ledger.has(key),
    lastFor(fingerprint, recipientKey): LedgerEntry | null {
      const entry = ledger.find(fingerprint, recipientKey);
      if (!entry) return null;
      return { key: entry.key, changeKey: entry.changeKey, messageRef: entry.messageRef?.ref ?? null };
    },
  };
}
