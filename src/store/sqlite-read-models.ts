import { and, asc, count, eq, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { createConflictRepo } from "./conflict-repo.js";
import type { StoreDb } from "./db.js";
import type { ActionSummary, DependentRef, ReadModels } from "./port.js";
import { actions, dependencies } from "./schema-actions.js";
import { conflicts } from "./schema-conflicts.js";
import { likePattern, summaryColumnsOf, toSummary } from "./summary-rows.js";
import type { Synchronous } from "./synchronous.js";

const summaryColumns = summaryColumnsOf(actions);

const StringListSchema = z.array(z.string());
// SQLite limits the number of bound parameters per statement.
const CHUNK = 500;

/** The web admin's and the API's queries, in SQL where the rows are: a page never loads 100k actions. */
export function createSqliteReadModels(db: StoreDb): Synchronous<ReadModels> {
  const stored = createConflictRepo(db);
  return {
    searchActions(p) {
      const conds: SQL[] = [isNull(actions.removedAt)];
      if (p.q !== "") {
        const pat = likePattern(p.q);
        conds.push(
          sql`(${actions.id} like ${pat} escape '\\' or ${actions.title} like ${pat} escape '\\' or ${actions.ownerRaw} like ${pat} escape '\\')`,
        );
      }
      if (p.source) conds.push(eq(actions.sourceInstance, p.source));
      if (p.status) conds.push(eq(actions.status, p.status));
      if (p.team) conds.push(eq(actions.team, p.team));
      if (p.kpi) conds.push(sql`exists (select 1 from json_each(${actions.kpis}) where value = ${p.kpi})`);
      const where = and(...conds);
      const total = db.select({ n: count() }).from(actions).where(where).get()?.n ?? 0;
      const rows = db
        .select(summaryColumns)
        .from(actions)
        .where(where)
        .orderBy(asc(actions.id))
        .limit(p.limit)
        .offset(p.offset)
        .all();
      return { total, items: rows.map(toSummary) };
    },

    titled(title, limit) {
      const wanted = title.trim();
      if (wanted === "") return [];
      return db
        .select(summaryColumns)
        .from(actions)
        .where(and(isNull(actions.removedAt), sql`lower(trim(${actions.title})) = lower(${wanted})`))
        .orderBy(asc(actions.id))
        .limit(limit)
        .all()
        .map(toSummary);
    },

    summaries(ids) {
      const all = [...new Set(ids)];
      const out = new Map<string, ActionSummary>();
      for (let i = 0; i < all.length; i += CHUNK) {
        const rows = db
          .select(summaryColumns)
          .from(actions)
          .where(inArray(actions.id, all.slice(i, i + CHUNK)))
          .all();
        for (const r of rows) out.set(r.id, toSummary(r));
      }
      return out;
    },

    liveMatching(ids, keys) {
      const match =
        keys.length === 0
          ? inArray(actions.id, [...ids])
          : or(inArray(actions.id, [...ids]), inArray(actions.nativeKey, [...keys]));
      const rows = db
        .select(summaryColumns)
        .from(actions)
        .where(and(match, isNull(actions.removedAt)))
        .orderBy(asc(actions.id))
        .all();
      return rows.map(toSummary);
    },

    refsMentioning(text) {
      const rows = db
        .select({
          ...summaryColumns,
          ref: dependencies.ref,
          type: dependencies.type,
          lagDays: dependencies.lagDays,
        })
        .from(dependencies)
        .innerJoin(actions, eq(actions.id, dependencies.actionId))
        .where(and(isNull(actions.removedAt), sql`${dependencies.ref} like ${likePattern(text)} escape '\\'`))
        .orderBy(asc(actions.id), asc(dependencies.position))
        .all();
      return rows.map(
        ({ ref, type, lagDays, ...row }): DependentRef => ({ action: toSummary(row), ref, type, lagDays }),
      );
    },

    conflictsInvolving(actionId) {
      const rows = db
        .select({ fingerprint: conflicts.fingerprint })
        .from(conflicts)
        .where(
          and(
            sql`${conflicts.status} <> 'resolved'`,
            sql`(${conflicts.actionId} = ${actionId} or exists (select 1 from json_each(${conflicts.payload}, '$.actionIds') where value = ${actionId}))`,
          ),
        )
        .orderBy(asc(conflicts.fingerprint))
        .all();
      return rows.flatMap((r) => stored.getConflict(r.fingerprint) ?? []);
    },

    kpisOf(ids) {
      const out = new Map<string, string[]>();
      for (let i = 0; i < ids.length; i += CHUNK) {
        const rows = db
          .select({ id: actions.id, kpis: actions.kpis })
          .from(actions)
          .where(inArray(actions.id, ids.slice(i, i + CHUNK)))
          .all();
        for (const r of rows) out.set(r.id, StringListSchema.parse(JSON.parse(r.kpis)));
      }
      return out;
    },

    kpiServing() {
      // julianday() of two YYYY-MM-DD texts differs by whole days exactly: the slip is computed where the rows
      // are, in one grouped scan, instead of pulling 100k rows into JavaScript.
      const slip = sql<number>`max(0, cast(julianday(${actions.due}) - julianday(${actions.baselineDue}) as integer))`;
      const open = sql`${actions.status} not in ('done', 'cancelled') and ${actions.due} is not null and ${actions.baselineDue} is not null`;
      const rows = db
        .select({
          kpi: sql<string>`j.value`,
          actions: sql<number>`count(*)`,
          slipped: sql<number>`sum(case when ${open} and ${actions.due} > ${actions.baselineDue} then 1 else 0 end)`,
          slipDays: sql<number>`sum(case when ${open} then ${slip} else 0 end)`,
        })
        .from(sql`${actions}, json_each(${actions.kpis}) as j`)
        .where(isNull(actions.removedAt))
        .groupBy(sql`j.value`)
        .all();
      return new Map(
        rows.map((r) => [r.kpi, { actions: r.actions, slipped: r.slipped, slipDays: r.slipDays }]),
      );
    },

    actionCounts() {
      const rows = db
        .select({
          instance: actions.sourceInstance,
          active: sql<number>`sum(case when ${actions.removedAt} is null then 1 else 0 end)`,
          removed: sql<number>`sum(case when ${actions.removedAt} is not null then 1 else 0 end)`,
        })
        .from(actions)
        .groupBy(actions.sourceInstance)
        .all();
      return new Map(rows.map((r) => [r.instance, { active: r.active, removed: r.removed }]));
    },
  };
}
