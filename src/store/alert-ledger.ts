import { and, count, desc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { StoreDb } from "./db.js";
import { StoreError } from "./errors.js";
import { alertLedger } from "./schema-conflicts.js";
import { parseAt } from "./validate.js";

export const AlertStatusSchema = z.enum(["pending", "sent", "failed", "updated"]);
export type AlertStatus = z.infer<typeof AlertStatusSchema>;

/** Grouped counts as a full record: a status no entry has counts 0 (a gauge that disappears reads as "unknown"). */
export function statusCounts(
  rows: readonly { status: string; n: number | string }[],
): Record<AlertStatus, number> {
  const out: Record<AlertStatus, number> = { pending: 0, sent: 0, failed: 0, updated: 0 };
  for (const r of rows) {
    const status = parseAt(AlertStatusSchema, r.status, "alert ledger status");
    out[status] = Number(r.n);
  }
  return out;
}

/** Where the sent message lives, to update it later: `{ channel, ts }` for Slack, `{ messageId }` for e-mail. */
export const MessageRefSchema = z.record(z.string(), z.string());
export type MessageRef = z.infer<typeof MessageRefSchema>;

export const AlertLedgerEntrySchema = z.object({
  /** The idempotency key the caller uses with `has()`; `alertLedgerKey(fingerprint, recipient, changeKey)` if absent. */
  key: z.string().min(1).optional(),
  fingerprint: z.string().min(1),
  recipient: z.string().min(1),
  /** What about the conflict this message announces: `opened`, `changed:<days short>/<severity>`, `resolved`. */
  changeKey: z.string().min(1),
  channel: z.string().min(1),
  messageRef: MessageRefSchema.nullable().default(null),
  status: AlertStatusSchema,
  sentAt: z.string(),
});
export type AlertLedgerEntryInput = z.input<typeof AlertLedgerEntrySchema>;
export type AlertLedgerEntry = Omit<z.infer<typeof AlertLedgerEntrySchema>, "key"> & {
  key: string;
  updatedAt: string | null;
};

/** The ledger's unique key: one message per (conflict, recipient, change), however often a job is retried. */
export function alertLedgerKey(fingerprint: string, recipient: string, changeKey: string): string {
  return JSON.stringify([fingerprint, recipient, changeKey]);
}

type Row = typeof alertLedger.$inferSelect;

export function toEntry(r: Row): AlertLedgerEntry {
  const where = `alert_ledger row ${r.key}`;
  let ref: unknown = null;
  if (r.messageRef !== null) {
    try {
      ref = JSON.parse(r.messageRef);
    } catch (cause) {
      throw new StoreError("corrupt_row", `${where}: message_ref is not JSON`, { cause });
    }
  }
  return {
    ...r,
    messageRef: parseAt(MessageRefSchema.nullable(), ref, `${where} message_ref`),
    status: parseAt(AlertStatusSchema, r.status, `${where} status`),
  };
}

export type LedgerPatch = {
  status?: AlertStatus;
  messageRef?: MessageRef | null;
  channel?: string;
  now: string;
};

/** The columns an update of a ledger entry sets (undefined leaves a column as it is). */
export function ledgerPatch(patch: LedgerPatch) {
  return {
    status: patch.status,
    channel: patch.channel,
    messageRef:
      patch.messageRef === undefined
        ? undefined
        : patch.messageRef === null
          ? null
          : JSON.stringify(patch.messageRef),
    updatedAt: patch.now,
  };
}

export function createAlertLedger(db: StoreDb) {
  const hasKey = db
    .select({ key: alertLedger.key })
    .from(alertLedger)
    .where(eq(alertLedger.key, sql.placeholder("key")))
    .prepare();

  return {
    has(key: string): boolean {
      return hasKey.get({ key }) !== undefined;
    },

    /**
     * Claims the entry; false when its key or its (conflict, recipient, change) is already there (another attempt
     * got it first), so nothing is sent twice.
     */
    record(input: AlertLedgerEntryInput): boolean {
      const e = parseAt(AlertLedgerEntrySchema, input, "alert ledger entry");
      const res = db
        .insert(alertLedger)
        .values({
          ...e,
          key: e.key ?? alertLedgerKey(e.fingerprint, e.recipient, e.changeKey),
          messageRef: e.messageRef === null ? null : JSON.stringify(e.messageRef),
        })
        .onConflictDoNothing()
        .run();
      return res.changes === 1;
    },

    /**
     * Gives up a claim whose delivery failed, so a later attempt can claim and send it again. Only pending or
     * failed entries are released: a sent message stays recorded.
     */
    release(key: string): boolean {
      const res = db
        .delete(alertLedger)
        .where(and(eq(alertLedger.key, key), inArray(alertLedger.status, ["pending", "failed"])))
        .run();
      return res.changes === 1;
    },

    /** The latest message sent to a recipient about a conflict (the one to update when it clears). */
    find(fingerprint: string, recipient: string): AlertLedgerEntry | null {
      const row = db
        .select()
        .from(alertLedger)
        .where(and(eq(alertLedger.fingerprint, fingerprint), eq(alertLedger.recipient, recipient)))
        .orderBy(desc(alertLedger.sentAt), desc(alertLedger.key))
        .limit(1)
        .get();
      return row ? toEntry(row) : null;
    },

    countByStatus(): Record<AlertStatus, number> {
      const rows = db
        .select({ status: alertLedger.status, n: count() })
        .from(alertLedger)
        .groupBy(alertLedger.status)
        .all();
      return statusCounts(rows);
    },

    entriesFor(fingerprints: readonly string[]): AlertLedgerEntry[] {
      const all = [...new Set(fingerprints)];
      const rows: Row[] = [];
      // Chunked: SQLite limits the number of bound parameters per statement.
      for (let i = 0; i < all.length; i += 500) {
        rows.push(
          ...db
            .select()
            .from(alertLedger)
            .where(inArray(alertLedger.fingerprint, all.slice(i, i + 500)))
            .all(),
        );
      }
      return rows.sort(bySentAtThenKey).map(toEntry);
    },

    update(key: string, patch: LedgerPatch): void {
      const res = db.update(alertLedger).set(ledgerPatch(patch)).where(eq(alertLedger.key, key)).run();
      if (res.changes === 0) throw new StoreError("alert_not_found", `no alert ledger entry with key ${key}`);
    },
  };
}

/** Oldest first, ties by key: the order ledger entries are read in on both adapters. */
export function bySentAtThenKey(
  a: { sentAt: string; key: string },
  b: { sentAt: string; key: string },
): number {
  return a.sentAt < b.sentAt ? -1 : a.sentAt > b.sentAt ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}
