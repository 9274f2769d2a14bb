import { and, eq, isNull, sql } from "drizzle-orm";
import { type ActionRecord, actionId, type Source, type TrackedField } from "../model/index.js";
import type { PageWriteResult } from "../sync/contract.js";
import { type ActionRow, type EncodedRecord, encodeRecord } from "./action-codec.js";
import { prepareActionStatements } from "./action-statements.js";
import type { StoreDb } from "./db.js";
import { StoreError } from "./errors.js";
import { actions } from "./schema-actions.js";

/** Tracked fields held as plain columns, compared value to value. */
export const SCALAR_FIELDS = [
  "url",
  "title",
  "status",
  "ownerRaw",
  "team",
  "businessUnit",
  "program",
  "start",
  "due",
] as const satisfies readonly TrackedField[];
/** Tracked fields held as JSON text, compared on their canonical encoding. */
export const LIST_FIELDS = ["kpis", "dependsOn", "mirrors"] as const satisfies readonly TrackedField[];

const p = sql.placeholder;

interface Known {
  contentHash: string;
  removedAt: string | null;
}

/**
 * When a change happened: the tool's own modification time when it says (the reply that moved a date was
 * sent on 8 Jan even if it was read on 12 Jan), in UTC; the sync time when the tool says nothing, or says
 * something that cannot be right (in the future, or before the version already stored).
 */
export function changedAt(toolTime: string | null, storedToolTime: string | null, now: string): string {
  if (toolTime === null) return now;
  const t = Date.parse(toolTime);
  if (Number.isNaN(t) || t > Date.parse(now)) return now;
  if (storedToolTime !== null && t < Date.parse(storedToolTime)) return now;
  return new Date(t).toISOString();
}

/**
 * The hot path of every sync: statements are prepared once per connection and reused for every row (building
 * a query per row is ~20x slower), and unchanged records are recognised by hash from one lookup per page.
 * Callers provide the transaction.
 */
export function createActionWriter(db: StoreDb) {
  const known = db
    .select({ nativeKey: actions.nativeKey, contentHash: actions.contentHash, removedAt: actions.removedAt })
    .from(actions)
    .where(
      and(
        eq(actions.sourceInstance, p("instance")),
        // One lookup per page instead of one per row: the page's keys travel as one JSON array.
        sql`${actions.nativeKey} in (select value from json_each(${p("keys")}))`,
      ),
    )
    .prepare();
  const fullRow = db
    .select()
    .from(actions)
    .where(eq(actions.id, p("id")))
    .prepare();
  const st = prepareActionStatements(db);
  const markRemoved = db
    .update(actions)
    .set({ removedAt: sql`${p("now")}` })
    .where(
      and(
        eq(actions.sourceInstance, p("instance")),
        eq(actions.nativeKey, p("nativeKey")),
        isNull(actions.removedAt),
      ),
    )
    .returning({ id: actions.id })
    .prepare();

  function writeDeps(id: string, record: ActionRecord): void {
    const deps = record.dependsOn;
    for (let i = 0; i < deps.length; i++) {
      const d = deps[i];
      if (d) st.insertDep(id, i, d.ref, d.type, d.lagDays);
    }
  }

  function insert(source: Source, id: string, e: EncodedRecord, now: string, origin: string): void {
    st.insertAction(id, source, e, now, e.record.due);
    writeDeps(id, e.record);
    // The created event marks when and from where; the row holds the values and later events the changes.
    st.insertEvent(id, "created", null, null, now, origin);
  }

  function update(id: string, e: EncodedRecord, now: string, origin: string): void {
    const before: ActionRow | undefined = fullRow.get({ id });
    if (!before) throw new StoreError("row_vanished", `actions: ${id} vanished between lookup and update`);
    const r = e.record;
    st.updateAction(id, e, now, before.baselineDue ?? r.due);
    const at = changedAt(r.sourceUpdatedAt, before.sourceUpdatedAt, now);
    for (const f of SCALAR_FIELDS) {
      if (before[f] !== r[f])
        st.insertEvent(id, f, JSON.stringify(before[f]), JSON.stringify(r[f]), at, origin);
    }
    for (const f of LIST_FIELDS) {
      if (before[f] !== e[f]) st.insertEvent(id, f, before[f], e[f], at, origin);
    }
    if (before.removedAt !== null)
      st.insertEvent(id, "removedAt", JSON.stringify(before.removedAt), "null", now, origin);
    if (before.dependsOn !== e.dependsOn) {
      st.deleteDeps(id);
      writeDeps(id, r);
    }
  }

  return {
    /** Inserts new keys, updates changed ones (one history event per changed field), skips unchanged ones. */
    upsert(source: Source, records: readonly ActionRecord[], now: string, origin: string): PageWriteResult {
      const result: PageWriteResult = { inserted: [], updated: [], unchanged: 0 };
      if (records.length === 0) return result;
      const keys = JSON.stringify(records.map((r) => r.nativeKey));
      const seen = new Map<string, Known>();
      for (const row of known.all({ instance: source.instance, keys })) seen.set(row.nativeKey, row);
      for (const record of records) {
        const e = encodeRecord(record);
        const id = actionId(source.instance, record.nativeKey);
        const prev = seen.get(record.nativeKey);
        if (prev === undefined) {
          insert(source, id, e, now, origin);
          result.inserted.push(id);
        } else if (prev.contentHash === e.hash && prev.removedAt === null) {
          result.unchanged += 1;
          continue;
        } else {
          update(id, e, now, origin);
          result.updated.push(id);
        }
        // A key repeated later in the same page is then compared with what this row just wrote.
        seen.set(record.nativeKey, { contentHash: e.hash, removedAt: null });
      }
      return result;
    },

    /** Soft-deletes the keys still active and returns their ids; unknown or already removed keys are skipped. */
    softDelete(instance: string, nativeKeys: readonly string[], now: string, origin: string): string[] {
      const removed: string[] = [];
      for (const nativeKey of nativeKeys) {
        const row = markRemoved.get({ instance, nativeKey, now });
        if (!row) continue;
        st.insertEvent(row.id, "removedAt", "null", JSON.stringify(now), now, origin);
        removed.push(row.id);
      }
      return removed;
    },
  };
}

export type ActionWriter = ReturnType<typeof createActionWriter>;
