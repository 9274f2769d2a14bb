import { and, count, desc, eq, inArray } from "drizzle-orm";
import {
  AlertLedgerEntrySchema,
  alertLedgerKey,
  bySentAtThenKey,
  ledgerPatch,
  statusCounts,
  toEntry,
} from "../alert-ledger.js";
import { StoreError } from "../errors.js";
import type { AlertLedgerRepository } from "../port.js";
import { parseAt } from "../validate.js";
import { byText, chunks, inTextArray, type PgDb } from "./pg-db.js";
import { alertLedger } from "./schema.js";

export function createPgAlerts(db: PgDb): AlertLedgerRepository {
  return {
    async has(key) {
      const rows = await db
        .select({ key: alertLedger.key })
        .from(alertLedger)
        .where(eq(alertLedger.key, key));
      return rows.length > 0;
    },

    /**
     * The claim is the INSERT itself: the primary key and the unique (conflict, recipient, change) index decide
     * which of two processes gets it, never a read before the write.
     */
    async record(input) {
      const e = parseAt(AlertLedgerEntrySchema, input, "alert ledger entry");
      const res = await db
        .insert(alertLedger)
        .values({
          ...e,
          key: e.key ?? alertLedgerKey(e.fingerprint, e.recipient, e.changeKey),
          messageRef: e.messageRef === null ? null : JSON.stringify(e.messageRef),
        })
        .onConflictDoNothing();
      return res.rowCount === 1;
    },

    async release(key) {
      const res = await db
        .delete(alertLedger)
        .where(and(eq(alertLedger.key, key), inArray(alertLedger.status, ["pending", "failed"])));
      return res.rowCount === 1;
    },

    async find(fingerprint, recipient) {
      const [row] = await db
        .select()
        .from(alertLedger)
        .where(and(eq(alertLedger.fingerprint, fingerprint), eq(alertLedger.recipient, recipient)))
        .orderBy(desc(alertLedger.sentAt), desc(alertLedger.key))
        .limit(1);
      return row ? toEntry(row) : null;
    },

    async countByStatus() {
      const rows = await db
        .select({ status: alertLedger.status, n: count() })
        .from(alertLedger)
        .groupBy(alertLedger.status);
      return statusCounts(rows);
    },

    async entriesFor(fingerprints) {
      const rows = [];
      for (const part of chunks([...new Set(fingerprints)], 5000)) {
        rows.push(
          ...(await db
            .select()
            .from(alertLedger)
            .where(inTextArray(alertLedger.fingerprint, part))
            .orderBy(byText(alertLedger.sentAt), byText(alertLedger.key))),
        );
      }
      return rows.sort(bySentAtThenKey).map(toEntry);
    },

    async update(key, patch) {
      const res = await db.update(alertLedger).set(ledgerPatch(patch)).where(eq(alertLedger.key, key));
      if ((res.rowCount ?? 0) === 0)
        throw new StoreError("alert_not_found", `no alert ledger entry with key ${key}`);
    },
  };
}
