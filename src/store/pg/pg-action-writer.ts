import { and, eq, isNull, sql } from "drizzle-orm";
import { type ActionRecord, actionId, type Source } from "../../model/index.js";
import type { PageWriteResult } from "../../sync/contract.js";
import { type ActionRow, type EncodedRecord, encodeRecord } from "../action-codec.js";
import { changedAt, LIST_FIELDS, SCALAR_FIELDS } from "../action-writer.js";
import { chunks, insertColumns, inTextArray, type PgQuery } from "./pg-db.js";
import { type actionEvents, actions, dependencies } from "./schema.js";

type EventRow = typeof actionEvents.$inferInsert;
type DepRow = typeof dependencies.$inferInsert;

function recordColumns(e: EncodedRecord, syncedAt: string, baselineDue: string | null) {
  const r = e.record;
  return {
    url: r.url,
    title: r.title,
    status: r.status,
    ownerRaw: r.ownerRaw,
    team: r.team,
    businessUnit: r.businessUnit,
    program: r.program,
    start: r.start,
    due: r.due,
    kpis: e.kpis,
    dependsOn: e.dependsOn,
    mirrors: e.mirrors,
    sourceUpdatedAt: r.sourceUpdatedAt,
    contentHash: e.hash,
    syncedAt,
    baselineDue,
  };
}

function depRows(id: string, record: ActionRecord): DepRow[] {
  return record.dependsOn.map((d, position) => ({
    actionId: id,
    position,
    ref: d.ref,
    type: d.type,
    lagDays: d.lagDays,
  }));
}

type ActionInsert = typeof actions.$inferInsert;

/** The columns a new action row is written with, as (column, type, field of the insert row). */
const ACTION_COLUMNS: readonly (readonly [string, "text" | "int4", keyof ActionInsert])[] = [
  ["id", "text", "id"],
  ["source_kind", "text", "sourceKind"],
  ["source_instance", "text", "sourceInstance"],
  ["native_key", "text", "nativeKey"],
  ["url", "text", "url"],
  ["title", "text", "title"],
  ["status", "text", "status"],
  ["owner_raw", "text", "ownerRaw"],
  ["team", "text", "team"],
  ["business_unit", "text", "businessUnit"],
  ["program", "text", "program"],
  ["start", "text", "start"],
  ["due", "text", "due"],
  ["baseline_due", "text", "baselineDue"],
  ["kpis", "text", "kpis"],
  ["depends_on", "text", "dependsOn"],
  ["mirrors", "text", "mirrors"],
  ["source_updated_at", "text", "sourceUpdatedAt"],
  ["synced_at", "text", "syncedAt"],
  ["content_hash", "text", "contentHash"],
];
const DEP_COLUMNS = [
  ["action_id", "text"],
  ["position", "int4"],
  ["ref", "text"],
  ["type", "text"],
  ["lag_days", "int4"],
] as const;
const EVENT_COLUMNS = [
  ["action_id", "text"],
  ["field", "text"],
  ["from_value", "text"],
  ["to_value", "text"],
  ["at", "text"],
  ["source", "text"],
] as const;

/** Events in the order given: unnest keeps the arrays' order, and the serial id follows it. */
function insertEvents(q: PgQuery, events: readonly EventRow[]): Promise<void> {
  return insertColumns(
    q,
    "action_events",
    EVENT_COLUMNS,
    events.map((e) => [e.actionId, e.field, e.fromValue, e.toValue, e.at, e.source]),
  );
}

/**
 * The same write rule as the SQLite writer (src/store/action-writer.ts), batched for a server database: one
 * read of the page's stored rows, then multi-row INSERTs for new actions, their events and edges, so a page
 * costs a handful of round trips instead of one per row. Callers provide the transaction.
 */
export function createPgActionWriter(q: PgQuery) {
  async function storedRows(instance: string, keys: readonly string[]): Promise<Map<string, ActionRow>> {
    const out = new Map<string, ActionRow>();
    for (const part of chunks([...new Set(keys)], 5000)) {
      const rows = await q
        .select()
        .from(actions)
        .where(and(eq(actions.sourceInstance, instance), inTextArray(actions.nativeKey, part)));
      for (const row of rows) out.set(row.nativeKey, row);
    }
    return out;
  }

  return {
    async upsert(
      source: Source,
      records: readonly ActionRecord[],
      now: string,
      origin: string,
    ): Promise<PageWriteResult> {
      const result: PageWriteResult = { inserted: [], updated: [], unchanged: 0 };
      if (records.length === 0) return result;
      const stored = await storedRows(
        source.instance,
        records.map((r) => r.nativeKey),
      );
      const newRows = new Map<string, typeof actions.$inferInsert>();
      const events: EventRow[] = [];
      // Edges to write, by action: new actions and those whose dependsOn changed (the old edges go first).
      const deps = new Map<string, DepRow[]>();
      const rewriteDeps: string[] = [];
      for (const record of records) {
        const e = encodeRecord(record);
        const id = actionId(source.instance, record.nativeKey);
        const before = stored.get(record.nativeKey);
        const pending = newRows.get(id);
        if (before === undefined) {
          newRows.set(id, {
            id,
            sourceKind: source.kind,
            sourceInstance: source.instance,
            nativeKey: record.nativeKey,
            ...recordColumns(e, now, record.due),
          });
          deps.set(id, depRows(id, record));
          // The created event marks when and from where; the row holds the values and later events the changes.
          events.push({
            actionId: id,
            field: "created",
            fromValue: null,
            toValue: null,
            at: now,
            source: origin,
          });
          result.inserted.push(id);
        } else if (before.contentHash === e.hash && before.removedAt === null) {
          result.unchanged += 1;
          continue;
        } else {
          const columns = recordColumns(e, now, before.baselineDue ?? record.due);
          // A key repeated in its own page: a row still to be inserted takes the later version instead.
          if (pending) newRows.set(id, { ...pending, ...columns });
          else
            await q
              .update(actions)
              .set({ ...columns, removedAt: null })
              .where(eq(actions.id, id));
          const at = changedAt(record.sourceUpdatedAt, before.sourceUpdatedAt, now);
          const event = (field: string, fromValue: string | null, toValue: string | null, when = at) =>
            events.push({ actionId: id, field, fromValue, toValue, at: when, source: origin });
          for (const f of SCALAR_FIELDS) {
            if (before[f] !== record[f]) event(f, JSON.stringify(before[f]), JSON.stringify(record[f]));
          }
          for (const f of LIST_FIELDS) if (before[f] !== e[f]) event(f, before[f], e[f]);
          if (before.removedAt !== null) event("removedAt", JSON.stringify(before.removedAt), "null", now);
          if (before.dependsOn !== e.dependsOn) {
            if (!pending && !deps.has(id)) rewriteDeps.push(id);
            deps.set(id, depRows(id, record));
          }
          if (!result.updated.includes(id)) result.updated.push(id);
        }
        // A key repeated later in the same page is then compared with what this row just wrote.
        stored.set(record.nativeKey, {
          id,
          sourceKind: source.kind,
          sourceInstance: source.instance,
          nativeKey: record.nativeKey,
          owner: before?.owner ?? null,
          ...recordColumns(e, now, before?.baselineDue ?? record.due),
          removedAt: null,
        });
      }
      await insertColumns(
        q,
        "actions",
        ACTION_COLUMNS,
        [...newRows.values()].map((r) => ACTION_COLUMNS.map(([, , key]) => r[key])),
      );
      for (const part of chunks(rewriteDeps))
        await q.delete(dependencies).where(inTextArray(dependencies.actionId, part));
      await insertColumns(
        q,
        "dependencies",
        DEP_COLUMNS,
        [...deps.values()].flat().map((d) => [d.actionId, d.position, d.ref, d.type, d.lagDays]),
      );
      await insertEvents(q, events);
      return result;
    },

    /** Soft-deletes the keys still active and returns their ids; unknown or already removed keys are skipped. */
    async softDelete(
      instance: string,
      nativeKeys: readonly string[],
      now: string,
      origin: string,
    ): Promise<string[]> {
      const removed: string[] = [];
      for (const part of chunks([...new Set(nativeKeys)], 5000)) {
        const rows = await q
          .update(actions)
          .set({ removedAt: sql`${now}` })
          .where(
            and(
              eq(actions.sourceInstance, instance),
              inTextArray(actions.nativeKey, part),
              isNull(actions.removedAt),
            ),
          )
          .returning({ id: actions.id });
        removed.push(...rows.map((r) => r.id));
      }
      // In the order the keys were given, as the SQLite writer returns them.
      const order = new Map(nativeKeys.map((k, i) => [actionId(instance, k), i]));
      removed.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
      const events = removed.map((id) => ({
        actionId: id,
        field: "removedAt",
        fromValue: "null",
        toValue: JSON.stringify(now),
        at: now,
        source: origin,
      }));
      await insertEvents(q, events);
      return removed;
    },
  };
}
