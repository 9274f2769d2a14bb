import type BetterSqlite3 from "better-sqlite3";
import type { Source } from "../model/index.js";
import type { EncodedRecord } from "./action-codec.js";
import type { StoreDb } from "./db.js";

type Statement = BetterSqlite3.Statement<unknown[]>;

/**
 * The per-row write statements of a sync, as raw better-sqlite3 statements with positional parameters
 * (https://github.com/WiseLibs/better-sqlite3/blob/master/docs/api.md#binding-parameters). At 100k rows,
 * drizzle's prepared queries (which re-resolve every placeholder on every run) cost about a third of the upsert
 * time, binding by name another tenth, and an intermediate object per row shows up as garbage collection; so
 * values go straight from the encoded record to `run()`. Column names are those of schema-actions.ts; the
 * store's round-trip tests fail if the two ever disagree.
 */
export interface ActionStatements {
  insertAction(
    id: string,
    source: Source,
    e: EncodedRecord,
    syncedAt: string,
    baselineDue: string | null,
  ): void;
  updateAction(id: string, e: EncodedRecord, syncedAt: string, baselineDue: string | null): void;
  insertEvent(
    actionId: string,
    field: string,
    fromValue: string | null,
    toValue: string | null,
    at: string,
    source: string,
  ): void;
  deleteDeps(actionId: string): void;
  insertDep(actionId: string, position: number, ref: string, type: string, lagDays: number): void;
}

/** The order the `run()` calls below pass values in. */
const RECORD_COLUMNS = [
  "url",
  "title",
  "status",
  "owner_raw",
  "team",
  "business_unit",
  "program",
  "start",
  "due",
  "kpis",
  "depends_on",
  "mirrors",
  "source_updated_at",
  "content_hash",
  "synced_at",
  "baseline_due",
] as const;

/** Runs `stmt` with the RECORD_COLUMNS values of `e` first, in that order, then `tail`. */
function runWithRecord(
  stmt: Statement,
  e: EncodedRecord,
  syncedAt: string,
  baselineDue: string | null,
  ...tail: string[]
): void {
  const r = e.record;
  stmt.run(
    r.url,
    r.title,
    r.status,
    r.ownerRaw,
    r.team,
    r.businessUnit,
    r.program,
    r.start,
    r.due,
    e.kpis,
    e.dependsOn,
    e.mirrors,
    r.sourceUpdatedAt,
    e.hash,
    syncedAt,
    baselineDue,
    ...tail,
  );
}

export function prepareActionStatements(db: StoreDb): ActionStatements {
  const c = db.$client;
  const marks = RECORD_COLUMNS.map(() => "?").join(", ");
  const insertAction = c.prepare(
    `insert into actions (${RECORD_COLUMNS.join(", ")}, id, source_kind, source_instance, native_key) ` +
      `values (${marks}, ?, ?, ?, ?)`,
  );
  const updateAction = c.prepare(
    `update actions set ${RECORD_COLUMNS.map((col) => `${col} = ?`).join(", ")}, removed_at = null where id = ?`,
  );
  const insertEvent = c.prepare(
    "insert into action_events (action_id, field, from_value, to_value, at, source) values (?, ?, ?, ?, ?, ?)",
  );
  const deleteDeps = c.prepare("delete from dependencies where action_id = ?");
  const insertDep = c.prepare(
    "insert into dependencies (action_id, position, ref, type, lag_days) values (?, ?, ?, ?, ?)",
  );
  return {
    insertAction(id, source, e, syncedAt, baselineDue) {
      runWithRecord(
        insertAction,
        e,
        syncedAt,
        baselineDue,
        id,
        source.kind,
        source.instance,
        e.record.nativeKey,
      );
    },
    updateAction(id, e, syncedAt, baselineDue) {
      runWithRecord(updateAction, e, syncedAt, baselineDue, id);
    },
    insertEvent(actionId, field, fromValue, toValue, at, source) {
      insertEvent.run(actionId, field, fromValue, toValue, at, source);
    },
    deleteDeps(actionId) {
      deleteDeps.run(actionId);
    },
    insertDep(actionId, position, ref, type, lagDays) {
      insertDep.run(actionId, position, ref, type, lagDays);
    },
  };
}
