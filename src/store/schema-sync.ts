import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** One row per connector instance: its cursor (committed with each page) and the last run's outcome. */
export const syncState = sqliteTable("sync_state", {
  instance: text("instance").primaryKey(),
  kind: text("kind").notNull(),
  /** JSON; NULL = start from the beginning. */
  cursor: text("cursor"),
  cursorAt: text("cursor_at"),
  status: text("status"),
  message: text("message"),
  startedAt: text("started_at"),
  finishedAt: text("finished_at"),
  pages: integer("pages").notNull().default(0),
  inserted: integer("inserted").notNull().default(0),
  updated: integer("updated").notNull().default(0),
  unchanged: integer("unchanged").notNull().default(0),
  quarantined: integer("quarantined").notNull().default(0),
  removed: integer("removed").notNull().default(0),
});

/** Records that failed validation; one row per (instance, location, reason) however often they are re-read. */
export const quarantine = sqliteTable(
  "quarantine",
  {
    id: integer("id").primaryKey(),
    instance: text("instance").notNull(),
    location: text("location").notNull(),
    nativeKey: text("native_key"),
    sourceColumn: text("source_column"),
    field: text("field"),
    reason: text("reason").notNull(),
    raw: text("raw"),
    firstSeen: text("first_seen").notNull(),
    lastSeen: text("last_seen").notNull(),
  },
  (t) => [
    uniqueIndex("quarantine_dedupe_uq").on(t.instance, t.location, t.reason),
    index("quarantine_key_idx").on(t.instance, t.nativeKey),
  ],
);
