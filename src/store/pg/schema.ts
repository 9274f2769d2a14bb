// The PostgreSQL schema: the same tables and columns as the SQLite one (src/store/schema-*.ts), so both adapters
// share the row codecs. Timestamps and dates stay ISO text, JSON lists stay text: values round-trip byte for byte
// between the two databases (`sightline db copy`), and the reads cast where they need a date or JSON.
import { sql } from "drizzle-orm";
import {
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";

// Plain column types only (text, integer, real): dates are `YYYY-MM-DD` text, instants ISO-8601 text, ids text,
// lists JSON text. A server database can take this schema over without SQLite-specific types.

export const actions = pgTable(
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
export const actionEvents = pgTable(
  "action_events",
  {
    // No AUTOINCREMENT: it costs a sqlite_sequence write per event, and ids are never reused here anyway
    // because events are never deleted (only cascaded away with their action).
    id: serial("id").primaryKey(),
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
export const dependencies = pgTable(
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

export const conflicts = pgTable(
  "conflicts",
  {
    fingerprint: text("fingerprint").primaryKey(),
    type: text("type").notNull(),
    severity: text("severity").notNull(),
    actionId: text("action_id"),
    /** The whole Conflict as JSON, as last detected. */
    payload: text("payload").notNull(),
    status: text("status").notNull(),
    snoozedUntil: text("snoozed_until"),
    statusBy: text("status_by"),
    statusAt: text("status_at"),
    firstSeen: text("first_seen").notNull(),
    lastSeen: text("last_seen").notNull(),
    resolvedAt: text("resolved_at"),
  },
  (t) => [index("conflicts_status_idx").on(t.status), index("conflicts_action_idx").on(t.actionId)],
);

/** "Not a dependency": a person said this edge is wrong; the reconciler ignores it. */
export const dependencyOverrides = pgTable(
  "dependency_overrides",
  {
    dependentId: text("dependent_id").notNull(),
    dependencyId: text("dependency_id").notNull(),
    by: text("by").notNull(),
    at: text("at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.dependentId, t.dependencyId] })],
);

/** One row per (conflict, recipient, change): the unique key makes a retried alert job a no-op. */
/** The last reconcile that recorded a conflict set (see src/store/schema-conflicts.ts). */
export const reconcileRuns = pgTable("reconcile_runs", {
  id: text("id").primaryKey(),
  asOf: text("as_of").notNull(),
  at: text("at").notNull(),
  detected: integer("detected").notNull(),
});

/** What was at risk each recorded day, per group (see src/store/schema-conflicts.ts). */
export const riskHistory = pgTable(
  "risk_history",
  {
    asOf: text("as_of").notNull(),
    kind: text("kind").notNull(),
    key: text("key").notNull(),
    valueAtRisk: doublePrecision("value_at_risk").notNull(),
    days: integer("days").notNull(),
    conflicts: integer("conflicts").notNull(),
    recordedAt: text("recorded_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.asOf, t.kind, t.key] })],
);

/** The outbox of conflict changes (see src/store/schema-conflicts.ts). */
export const conflictChanges = pgTable(
  "conflict_changes",
  {
    id: serial("id").primaryKey(),
    fingerprint: text("fingerprint").notNull(),
    kind: text("kind").notNull(),
    before: text("before"),
    after: text("after").notNull(),
    recordedAt: text("recorded_at").notNull(),
    announcedAt: text("announced_at"),
  },
  (t) => [index("conflict_changes_pending_idx").on(t.announcedAt, t.id)],
);

export const alertLedger = pgTable(
  "alert_ledger",
  {
    key: text("key").primaryKey(),
    fingerprint: text("fingerprint").notNull(),
    recipient: text("recipient").notNull(),
    changeKey: text("change_key").notNull(),
    channel: text("channel").notNull(),
    /** JSON object locating the sent message (Slack channel + ts, e-mail Message-ID) so it can be updated. */
    messageRef: text("message_ref"),
    status: text("status").notNull(),
    sentAt: text("sent_at").notNull(),
    updatedAt: text("updated_at"),
  },
  // Unique whatever key the caller chose; its (fingerprint, recipient) prefix also serves find().
  (t) => [uniqueIndex("alert_ledger_change_uq").on(t.fingerprint, t.recipient, t.changeKey)],
);

export const people = pgTable(
  "people",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    /** JSON array of lower-case addresses. */
    emails: text("emails").notNull(),
    aliases: text("aliases").notNull(),
    jiraAccountId: text("jira_account_id"),
    slackUserId: text("slack_user_id"),
    team: text("team"),
    timeZone: text("time_zone"),
    alertPreference: text("alert_preference").notNull(),
    /** `directory` (from the people file, replaced wholesale) or `discovered` (first revealed by a tool). */
    origin: text("origin").notNull(),
    /**
     * JSON Person: everything tools revealed about this person, merged over time. Kept apart from the columns
     * above so that replacing the directory file does not forget a Jira accountId an incremental sync will
     * not reveal again; the two are merged when the directory is loaded.
     */
    revealed: text("revealed"),
  },
  (t) => [index("people_jira_idx").on(t.jiraAccountId), index("people_slack_idx").on(t.slackUserId)],
);

/** One row per (origin, name), as on SQLite (schema-directory.ts says why). */
export const teams = pgTable(
  "teams",
  {
    origin: text("origin").notNull().default("config"),
    name: text("name").notNull(),
    aliases: text("aliases").notNull(),
    businessUnit: text("business_unit"),
    slackChannel: text("slack_channel"),
    email: text("email"),
  },
  (t) => [primaryKey({ columns: [t.origin, t.name] })],
);

export const kpis = pgTable(
  "kpis",
  {
    origin: text("origin").notNull().default("config"),
    key: text("key").notNull(),
    name: text("name").notNull(),
    objective: text("objective").notNull(),
    owner: text("owner"),
    unit: text("unit"),
    businessUnit: text("business_unit"),
    costOfDelayPerDay: doublePrecision("cost_of_delay_per_day").notNull(),
    currency: text("currency").notNull(),
  },
  (t) => [primaryKey({ columns: [t.origin, t.key] })],
);

/** One row per connector instance: its cursor (committed with each page) and the last run's outcome. */
export const syncState = pgTable("sync_state", {
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
export const quarantine = pgTable(
  "quarantine",
  {
    id: serial("id").primaryKey(),
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
