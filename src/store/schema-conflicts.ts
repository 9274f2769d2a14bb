import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const conflicts = sqliteTable(
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

/**
 * The last reconcile that recorded a conflict set: the calendar day it forecast on and when, so every figure
 * read from the stored conflicts can say the date it is as of. One row (id "last"), replaced by each run.
 */
export const reconcileRuns = sqliteTable("reconcile_runs", {
  id: text("id").primaryKey(),
  asOf: text("as_of").notNull(),
  at: text("at").notNull(),
  detected: integer("detected").notNull(),
});

/**
 * The outbox of conflict changes: every opened, changed or cleared conflict, written in the transaction that
 * records it, until its alerts are delivered (embedded) or enqueued (distributed). A process that dies in
 * between leaves the row pending, and the next delivery plans it again; the ledger keeps that to one message.
 */
export const conflictChanges = sqliteTable(
  "conflict_changes",
  {
    id: integer("id").primaryKey(),
    fingerprint: text("fingerprint").notNull(),
    /** opened | changed | resolved */
    kind: text("kind").notNull(),
    /** The conflict as stored before (changed), as JSON. */
    before: text("before"),
    /** The conflict as detected (opened, changed) or as last stored (resolved), as JSON. */
    after: text("after").notNull(),
    recordedAt: text("recorded_at").notNull(),
    announcedAt: text("announced_at"),
  },
  (t) => [index("conflict_changes_pending_idx").on(t.announcedAt, t.id)],
);

/** "Not a dependency": a person said this edge is wrong; the reconciler ignores it. */
export const dependencyOverrides = sqliteTable(
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
export const alertLedger = sqliteTable(
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

/**
 * What was at risk each day a reconcile recorded: one row per (as-of day, group kind, key) with the roll-up's
 * figures (kind: kpi, objective, businessUnit, team, total). The weekly report reads it for "change since last
 * week" and its 12-week charts; a later run on the same day replaces that day's rows.
 */
export const riskHistory = sqliteTable(
  "risk_history",
  {
    asOf: text("as_of").notNull(),
    kind: text("kind").notNull(),
    key: text("key").notNull(),
    valueAtRisk: real("value_at_risk").notNull(),
    days: integer("days").notNull(),
    conflicts: integer("conflicts").notNull(),
    recordedAt: text("recorded_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.asOf, t.kind, t.key] })],
);
