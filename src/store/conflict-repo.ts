import { eq, inArray, isNull, ne, sql } from "drizzle-orm";
import { z } from "zod";
import {
  type Conflict,
  type ConflictDiff,
  ConflictSchema,
  type ConflictStatus,
  ConflictStatusSchema,
  conflictSchemaWith,
} from "../model/index.js";
import type { StoreDb } from "./db.js";
import { StoreError } from "./errors.js";
import { conflictChanges, conflicts, reconcileRuns } from "./schema-conflicts.js";
import { stableStringify } from "./stable-json.js";
import { parseAt } from "./validate.js";

/** A conflict as stored: what was last detected plus its lifecycle (who acknowledged or snoozed it, when). */
export const CONFLICT_LIFECYCLE = {
  status: ConflictStatusSchema,
  snoozedUntil: z.string().nullable(),
  statusBy: z.string().nullable(),
  statusAt: z.string().nullable(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  resolvedAt: z.string().nullable(),
};
export const StoredConflictSchema = conflictSchemaWith(CONFLICT_LIFECYCLE);
export type StoredConflict = z.infer<typeof StoredConflictSchema>;

export type ApplyConflictsResult = ConflictDiff & { unchanged: number };

/** The last reconcile that recorded the conflict set: `asOf` is the calendar day its forecasts are from. */
export interface ReconcileRun {
  asOf: string;
  at: string;
  detected: number;
}

/** The row `apply` writes for a run (one row, replaced each time). */
export function runRow(detected: readonly Conflict[], now: string, asOf: string | undefined) {
  return { id: "last", asOf: asOf ?? now.slice(0, 10), at: now, detected: detected.length };
}

type ConflictRow = typeof conflicts.$inferSelect;

/** A conflict stored as JSON (a conflicts row's payload, an outbox row's before/after). */
function conflictJson(text: string, where: string): Conflict {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new StoreError("corrupt_row", `${where}: not JSON`, { cause });
  }
  return parseAt(ConflictSchema, value, where);
}

export function toStored(row: ConflictRow): StoredConflict {
  const where = `conflicts row ${row.fingerprint}`;
  return {
    ...conflictJson(row.payload, `${where} payload`),
    status: parseAt(ConflictStatusSchema, row.status, `${where} status`),
    snoozedUntil: row.snoozedUntil,
    statusBy: row.statusBy,
    statusAt: row.statusAt,
    firstSeen: row.firstSeen,
    lastSeen: row.lastSeen,
    resolvedAt: row.resolvedAt,
  };
}

export function conflictOnly(c: StoredConflict): Conflict {
  const { status, snoozedUntil, statusBy, statusAt, firstSeen, lastSeen, resolvedAt, ...conflict } = c;
  return conflict;
}

/** What a reconcile writes of a detected conflict: its facts and the stable payload they are compared by. */
export function conflictFacts(c: Conflict, now: string) {
  return {
    type: c.type,
    severity: c.severity,
    actionId: c.actionId,
    payload: stableStringify(c),
    lastSeen: now,
  };
}

/** A conflict seen for the first time (or again after it was resolved): open, with no decision on it. */
export function openedRow(facts: ReturnType<typeof conflictFacts>, now: string) {
  return {
    ...facts,
    status: "open",
    snoozedUntil: null,
    statusBy: null,
    statusAt: null,
    firstSeen: now,
    resolvedAt: null,
  };
}

/** What storing one reconcile's conflict set does to the stored one: computed once for both adapters. */
export interface ConflictSetPlan {
  diff: ApplyConflictsResult;
  /** New, or back after being resolved (the resolved row is overwritten). */
  open: { fingerprint: string; row: ReturnType<typeof openedRow> }[];
  /** Still detected, with different facts. */
  change: { fingerprint: string; facts: ReturnType<typeof conflictFacts> }[];
  /** Stored as live, no longer detected: to resolve. */
  gone: string[];
  /** The outbox rows, one per opened, changed or resolved conflict, written in the same transaction. */
  announce: ChangeRow[];
}

export type ChangeRow = Omit<typeof conflictChanges.$inferInsert, "id">;

export const ConflictChangeKindSchema = z.enum(["opened", "changed", "resolved"]);

/** A conflict change whose alerts are still owed (the outbox, oldest first). */
export interface OwedChange {
  id: number;
  fingerprint: string;
  kind: z.infer<typeof ConflictChangeKindSchema>;
  before: Conflict | null;
  after: Conflict;
  recordedAt: string;
}

export function toOwedChange(row: typeof conflictChanges.$inferSelect): OwedChange {
  const where = `conflict_changes row ${row.id}`;
  return {
    id: row.id,
    fingerprint: row.fingerprint,
    kind: parseAt(ConflictChangeKindSchema, row.kind, `${where} kind`),
    before: row.before === null ? null : conflictJson(row.before, `${where} before`),
    after: conflictJson(row.after, `${where} after`),
    recordedAt: row.recordedAt,
  };
}

/**
 * The diff of `detected` against the stored non-resolved rows. The stored payload is the stable serialisation of
 * what was detected, so an unchanged re-detection is recognised by comparing strings; only new and changed
 * conflicts are validated (a reconcile of thousands of standing conflicts must not re-validate every one).
 */
export function planConflictSet(
  live: ReadonlyMap<string, ConflictRow>,
  detected: readonly Conflict[],
  now: string,
): ConflictSetPlan {
  const plan: ConflictSetPlan = {
    diff: { opened: [], changed: [], resolved: [], unchanged: 0 },
    open: [],
    change: [],
    gone: [],
    announce: [],
  };
  const owe = (fingerprint: string, kind: OwedChange["kind"], after: string, before: string | null = null) =>
    plan.announce.push({ fingerprint, kind, before, after, recordedAt: now, announcedAt: null });
  const seen = new Set<string>();
  for (const c of detected) {
    if (seen.has(c.fingerprint)) {
      throw new StoreError("duplicate_fingerprint", `conflict fingerprint ${c.fingerprint} detected twice`);
    }
    seen.add(c.fingerprint);
    const facts = conflictFacts(c, now);
    const before = live.get(c.fingerprint);
    if (before === undefined) {
      parseAt(ConflictSchema, c, `detected conflict ${c.fingerprint}`);
      plan.open.push({ fingerprint: c.fingerprint, row: openedRow(facts, now) });
      plan.diff.opened.push(c);
      owe(c.fingerprint, "opened", facts.payload);
    } else if (before.payload !== facts.payload) {
      parseAt(ConflictSchema, c, `detected conflict ${c.fingerprint}`);
      plan.change.push({ fingerprint: c.fingerprint, facts });
      plan.diff.changed.push({ before: conflictOnly(toStored(before)), after: c });
      owe(c.fingerprint, "changed", facts.payload, before.payload);
    } else {
      plan.diff.unchanged += 1;
    }
  }
  for (const row of live.values()) {
    if (seen.has(row.fingerprint)) continue;
    plan.gone.push(row.fingerprint);
    plan.diff.resolved.push(conflictOnly(toStored(row)));
    owe(row.fingerprint, "resolved", row.payload);
  }
  return plan;
}

export function createConflictRepo(db: StoreDb) {
  const byFingerprint = db
    .select()
    .from(conflicts)
    .where(eq(conflicts.fingerprint, sql.placeholder("fingerprint")))
    .prepare();
  const touchLive = db
    .update(conflicts)
    .set({ lastSeen: sql`${sql.placeholder("now")}` })
    .where(ne(conflicts.status, "resolved"))
    .prepare();
  const resolve = db
    .update(conflicts)
    .set({ status: "resolved", resolvedAt: sql`${sql.placeholder("now")}`, snoozedUntil: null })
    .where(eq(conflicts.fingerprint, sql.placeholder("fingerprint")))
    .prepare();

  return {
    /**
     * Stores one reconcile's complete set of conflicts and says what moved against the stored non-resolved ones:
     * new (or back after being resolved) → opened; same fingerprint with different facts → changed; gone →
     * resolved. Acknowledged and snoozed conflicts keep that status when detected again.
     */
    applyConflicts(detected: readonly Conflict[], now: string, asOf?: string): ApplyConflictsResult {
      return db.$client
        .transaction((): ApplyConflictsResult => {
          const live = new Map<string, ConflictRow>();
          for (const row of db.select().from(conflicts).where(ne(conflicts.status, "resolved")).all()) {
            live.set(row.fingerprint, row);
          }
          const { diff, open, change, gone, announce } = planConflictSet(live, detected, now);
          for (const row of announce) db.insert(conflictChanges).values(row).run();
          for (const { fingerprint, row } of open) {
            db.insert(conflicts)
              .values({ fingerprint, ...row })
              .onConflictDoUpdate({ target: conflicts.fingerprint, set: row })
              .run();
          }
          for (const { fingerprint, facts } of change) {
            db.update(conflicts).set(facts).where(eq(conflicts.fingerprint, fingerprint)).run();
          }
          for (const fingerprint of gone) resolve.run({ fingerprint, now });
          // Every conflict still detected was seen now: one statement instead of one per conflict.
          touchLive.run({ now });
          const run = runRow(detected, now, asOf);
          db.insert(reconcileRuns)
            .values(run)
            .onConflictDoUpdate({ target: reconcileRuns.id, set: run })
            .run();
          return diff;
        })
        .immediate();
    },

    lastRun(): ReconcileRun | null {
      const row = db.select().from(reconcileRuns).where(eq(reconcileRuns.id, "last")).get();
      return row === undefined ? null : { asOf: row.asOf, at: row.at, detected: row.detected };
    },

    /** The outbox: conflict changes whose alerts are owed, oldest first. */
    loadOwedChanges(limit = 10_000): OwedChange[] {
      return db
        .select()
        .from(conflictChanges)
        .where(isNull(conflictChanges.announcedAt))
        .orderBy(conflictChanges.id)
        .limit(limit)
        .all()
        .map(toOwedChange);
    },

    /** Marks outbox rows done: their alerts were delivered, enqueued, or recorded as undeliverable. */
    markAnnounced(ids: readonly number[], now: string): void {
      if (ids.length === 0) return;
      db.update(conflictChanges)
        .set({ announcedAt: now })
        .where(inArray(conflictChanges.id, [...ids]))
        .run();
    },

    /** Status and snooze of every conflict, without reading payloads: what alert planning needs of all. */
    loadConflictStates(): Map<string, { status: ConflictStatus; snoozedUntil: string | null }> {
      const rows = db
        .select({
          fingerprint: conflicts.fingerprint,
          status: conflicts.status,
          snoozedUntil: conflicts.snoozedUntil,
        })
        .from(conflicts)
        .all();
      return new Map(
        rows.map((r) => [
          r.fingerprint,
          {
            status: parseAt(ConflictStatusSchema, r.status, `conflicts row ${r.fingerprint} status`),
            snoozedUntil: r.snoozedUntil,
          },
        ]),
      );
    },

    loadConflicts(opts: { status?: readonly ConflictStatus[] } = {}): StoredConflict[] {
      return db
        .select()
        .from(conflicts)
        .where(opts.status === undefined ? undefined : inArray(conflicts.status, [...opts.status]))
        .orderBy(conflicts.fingerprint)
        .all()
        .map(toStored);
    },

    getConflict(fingerprint: string): StoredConflict | null {
      const row = byFingerprint.get({ fingerprint });
      return row ? toStored(row) : null;
    },

    /** A person's decision from Slack or the admin: acknowledge, snooze until a date/instant, or reopen. */
    setConflictStatus(
      fingerprint: string,
      status: ConflictStatus,
      opts: { until?: string; by?: string; now: string },
    ): void {
      if (status === "snoozed" && opts.until === undefined) {
        throw new StoreError(
          "snooze_without_until",
          `conflict ${fingerprint}: snoozing needs an "until" time`,
        );
      }
      const res = db
        .update(conflicts)
        .set({
          status,
          snoozedUntil: status === "snoozed" ? (opts.until ?? null) : null,
          statusBy: opts.by ?? null,
          statusAt: opts.now,
          resolvedAt: status === "resolved" ? opts.now : null,
        })
        .where(eq(conflicts.fingerprint, fingerprint))
        .run();
      if (res.changes === 0)
        throw new StoreError("conflict_not_found", `no conflict with fingerprint ${fingerprint}`);
    },
  };
}
