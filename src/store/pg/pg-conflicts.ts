import { and, eq, inArray, isNull, ne } from "drizzle-orm";
import { ConflictStatusSchema } from "../../model/index.js";
import {
  type ApplyConflictsResult,
  planConflictSet,
  runRow,
  toOwedChange,
  toStored,
} from "../conflict-repo.js";
import { StoreError } from "../errors.js";
import { DependencyOverrideSchema } from "../overrides-repo.js";
import type { ConflictRepository } from "../port.js";
import { parseAt } from "../validate.js";
import { byText, lockFor, type PgDb, type Transact } from "./pg-db.js";
import { conflictChanges, conflicts, dependencyOverrides, reconcileRuns } from "./schema.js";

export function createPgConflicts(db: PgDb, tx: Transact): ConflictRepository {
  return {
    /**
     * Same diff as the SQLite adapter. Two reconciles on two machines never interleave: each takes the
     * conflict set's advisory lock first, so the second diffs against what the first stored.
     */
    apply: (detected, now, asOf) =>
      tx(async (tx): Promise<ApplyConflictsResult> => {
        await lockFor(tx, "conflicts");
        const live = new Map(
          (await tx.select().from(conflicts).where(ne(conflicts.status, "resolved"))).map((r) => [
            r.fingerprint,
            r,
          ]),
        );
        const { diff, open, change, gone, announce } = planConflictSet(live, detected, now);
        if (announce.length > 0) await tx.insert(conflictChanges).values(announce);
        for (const { fingerprint, row } of open) {
          await tx
            .insert(conflicts)
            .values({ fingerprint, ...row })
            .onConflictDoUpdate({ target: conflicts.fingerprint, set: row });
        }
        for (const { fingerprint, facts } of change) {
          await tx.update(conflicts).set(facts).where(eq(conflicts.fingerprint, fingerprint));
        }
        if (gone.length > 0) {
          await tx
            .update(conflicts)
            .set({ status: "resolved", resolvedAt: now, snoozedUntil: null })
            .where(inArray(conflicts.fingerprint, gone));
        }
        await tx.update(conflicts).set({ lastSeen: now }).where(ne(conflicts.status, "resolved"));
        const run = runRow(detected, now, asOf);
        await tx.insert(reconcileRuns).values(run).onConflictDoUpdate({ target: reconcileRuns.id, set: run });
        return diff;
      }),

    async lastRun() {
      const [row] = await db.select().from(reconcileRuns).where(eq(reconcileRuns.id, "last"));
      return row === undefined ? null : { asOf: row.asOf, at: row.at, detected: row.detected };
    },

    async owedChanges(limit = 10_000) {
      const rows = await db
        .select()
        .from(conflictChanges)
        .where(isNull(conflictChanges.announcedAt))
        .orderBy(conflictChanges.id)
        .limit(limit);
      return rows.map(toOwedChange);
    },

    async markAnnounced(ids, now) {
      if (ids.length === 0) return;
      await db
        .update(conflictChanges)
        .set({ announcedAt: now })
        .where(inArray(conflictChanges.id, [...ids]));
    },

    async list(opts = {}) {
      const rows = await db
        .select()
        .from(conflicts)
        .where(opts.status === undefined ? undefined : inArray(conflicts.status, [...opts.status]))
        .orderBy(byText(conflicts.fingerprint));
      return rows.map(toStored);
    },

    async states() {
      const rows = await db
        .select({
          fingerprint: conflicts.fingerprint,
          status: conflicts.status,
          snoozedUntil: conflicts.snoozedUntil,
        })
        .from(conflicts);
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

    async get(fingerprint) {
      const [row] = await db.select().from(conflicts).where(eq(conflicts.fingerprint, fingerprint));
      return row ? toStored(row) : null;
    },

    async setStatus(fingerprint, status, opts) {
      if (status === "snoozed" && opts.until === undefined)
        throw new StoreError(
          "snooze_without_until",
          `conflict ${fingerprint}: snoozing needs an "until" time`,
        );
      const res = await db
        .update(conflicts)
        .set({
          status,
          snoozedUntil: status === "snoozed" ? (opts.until ?? null) : null,
          statusBy: opts.by ?? null,
          statusAt: opts.now,
          resolvedAt: status === "resolved" ? opts.now : null,
        })
        .where(eq(conflicts.fingerprint, fingerprint));
      if ((res.rowCount ?? 0) === 0)
        throw new StoreError("conflict_not_found", `no conflict with fingerprint ${fingerprint}`);
    },

    async addOverride(input) {
      const o = parseAt(DependencyOverrideSchema, input, "dependency override");
      await db.insert(dependencyOverrides).values(o).onConflictDoNothing();
    },

    async removeOverride(dependentId, dependencyId) {
      const res = await db
        .delete(dependencyOverrides)
        .where(
          and(
            eq(dependencyOverrides.dependentId, dependentId),
            eq(dependencyOverrides.dependencyId, dependencyId),
          ),
        );
      return (res.rowCount ?? 0) > 0;
    },

    async overrides() {
      return db
        .select()
        .from(dependencyOverrides)
        .orderBy(byText(dependencyOverrides.dependentId), byText(dependencyOverrides.dependencyId));
    },
  };
}
