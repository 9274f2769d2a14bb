import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

// Plain column types only (text, integer, real): dates are `YYYY-MM-DD` text, instants ISO-8601 text, ids text,
// lists JSON text. A server database can take this schema over without SQLite-specific types.

export const actions = sqliteTable(
  "actions",
  {
    /** `<instance>:<nativeKey>`: stable, never a row number. */
    id: text("id").primaryKey(),
    sourceKind: text("source_kind").notNull(),
    sourceInstance: text("source_instance").notNull(),
    nativeKey: text("native_key").notNull(),
    url: text("url"),
    title: text("title").notNull(),
    status: text("status").notNull(),
    ownerRaw: text("owner_raw"),
    /** Resolved person id; written by owner resolution, never by a sync. */
    owner: text("owner"),
    team: text("team"),
    businessUnit: text("business_unit"),
    program: text("program"),
    start: text("start"),
    due: text("due"),
    baselineDue: text("baseline_due"),
    kpis: text("kpis").notNull(),
    dependsOn: text("depends_on").notNull(),
    mirrors: text("mirrors").notNull(),
    sourceUpdatedAt: text("source_updated_at"),
    syncedAt: text("synced_at").notNull(),
    contentHash: text("content_hash").notNull(),
    removedAt: text("removed_at"),
  },
  // Every index costs each of the 100k inserts of a large first sync; add one with the query that needs it.
  (t) => [uniqueIndex("actions_source_key_uq").on(t.sourceInstance, t.nativeKey)],
);

/** Append-only history: one row per changed field (or one `created` row holding the first snapshot). */
export const actionEvents = sqliteTable(
  "action_events",
  {
    // No AUTOINCREMENT: it costs a sqlite_sequence write per event, and ids are never reused here anyway
    // because events are never deleted (only cascaded away with their action).
    id: integer("id").primaryKey(),
    actionId: text("action_id")
      .notNull()
      .references(() => actions.id, { onDelete: "cascade" }),
    field: text("field").notNull(),
    /** JSON-encoded values; `from_value` is NULL on the `created` event. */
    fromValue: text("from_value"),
    toValue: text("to_value"),
    at: text("at").notNull(),
    source: text("source").notNull(),
  },
  (t) => [index("action_events_action_idx").on(t.actionId)],
);

/** Denormalised `dependsOn` edges for SQL queries ("who depends on X"); rewritten when dependsOn changes. */
export const dependencies = sqliteTable(
  "dependencies",
  {
    actionId: text("action_id")
      .notNull()
      .references(() => actions.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    ref: text("ref").notNull(),
    type: text("type").notNull(),
    lagDays: integer("lag_days").notNull().default(sql`0`),
  },
  // No index on `ref`: it is raw tool text (a key, a URL) that only the reconciler can resolve.
  (t) => [primaryKey({ columns: [t.actionId, t.position] })],
);
