import { and, asc, count, eq, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { toStored } from "../conflict-repo.js";
import type { ActionSummary, DependentRef, ReadModels } from "../port.js";
import { likePattern, summaryColumnsOf, toSummary } from "../summary-rows.js";
import { byText, chunks, inTextArray, type PgDb } from "./pg-db.js";
import { actions, conflicts, dependencies } from "./schema.js";

const summaryColumns = summaryColumnsOf(actions);

const StringListSchema = z.array(z.string());

/**
 * The web admin's queries on PostgreSQL. SQLite's LIKE ignores ASCII case, so these use ILIKE; JSON lists are
 * text columns read with `::jsonb`; dates are ISO text cast to `date` where a difference in days is needed.
 */
export function createPgReads(db: PgDb): ReadModels {
  return {
    async searchActions(p) {
      const conds: SQL[] = [isNull(actions.removedAt)];
      if (p.q !== "") {
        const pat = likePattern(p.q);
        conds.push(
          sql`(${actions.id} ilike ${pat} escape '\\' or ${actions.title} ilike ${pat} escape '\\' or ${actions.ownerRaw} ilike ${pat} escape '\\')`,
        );
      }
      if (p.source) conds.push(eq(actions.sourceInstance, p.source));
      if (p.status) conds.push(eq(actions.status, p.status));
      if (p.team) conds.push(eq(actions.team, p.team));
      if (p.kpi) conds.push(sql`(${actions.kpis})::jsonb ? ${p.kpi}`);
      const where = and(...conds);
      const [total] = await db.select({ n: count() }).from(actions).where(where);
      const rows = await db
        .select(summaryColumns)
        .from(actions)
        .where(where)
        .orderBy(byText(actions.id))
        .limit(p.limit)
        .offset(p.offset);
      return { total: total?.n ?? 0, items: rows.map(toSummary) };
    },

    async titled(title, limit) {
      const wanted = title.trim();
      if (wanted === "") return [];
      const rows = await db
        .select(summaryColumns)
        .from(actions)
        .where(and(isNull(actions.removedAt), sql`lower(trim(${actions.title})) = lower(${wanted})`))
        .orderBy(byText(actions.id))
        .limit(limit);
      return rows.map(toSummary);
    },

    async summaries(ids) {
      const out = new Map<string, ActionSummary>();
      for (const part of chunks([...new Set(ids)], 5000)) {
        for (const r of await db.select(summaryColumns).from(actions).where(inTextArray(actions.id, part)))
          out.set(r.id, toSummary(r));
      }
      return out;
    },

    async liveMatching(ids, keys) {
      const match =
        keys.length === 0
          ? inArray(actions.id, [...ids])
          : or(inArray(actions.id, [...ids]), inArray(actions.nativeKey, [...keys]));
      const rows = await db
        .select(summaryColumns)
        .from(actions)
        .where(and(match, isNull(actions.removedAt)))
        .orderBy(byText(actions.id));
      return rows.map(toSummary);
    },

    async refsMentioning(text) {
      const rows = await db
        .select({
          ...summaryColumns,
          ref: dependencies.ref,
          type: dependencies.type,
          lagDays: dependencies.lagDays,
        })
        .from(dependencies)
        .innerJoin(actions, eq(actions.id, dependencies.actionId))
        .where(
          and(isNull(actions.removedAt), sql`${dependencies.ref} ilike ${likePattern(text)} escape '\\'`),
        )
        .orderBy(byText(actions.id), asc(dependencies.position));
      return rows.map(
        ({ ref, type, lagDays, ...row }): DependentRef => ({ action: toSummary(row), ref, type, lagDays }),
      );
    },

    async conflictsInvolving(actionId) {
      const rows = await db
        .select()
        .from(conflicts)
        .where(
          and(
            sql`${conflicts.status} <> 'resolved'`,
            sql`(${conflicts.actionId} = ${actionId} or ((${conflicts.payload})::jsonb -> 'actionIds') ? ${actionId})`,
          ),
        )
        .orderBy(byText(conflicts.fingerprint));
      return rows.map(toStored);
    },

    async kpisOf(ids) {
      const out = new Map<string, string[]>();
      for (const part of chunks([...ids], 5000)) {
        const rows = await db
          .select({ id: actions.id, kpis: actions.kpis })
          .from(actions)
          .where(inTextArray(actions.id, part));
        for (const r of rows) out.set(r.id, StringListSchema.parse(JSON.parse(r.kpis)));
      }
      return out;
    },

    async kpiServing() {
      const slip = sql`greatest(0, (${actions.due})::date - (${actions.baselineDue})::date)`;
      const open = sql`${actions.status} not in ('done', 'cancelled') and ${actions.due} is not null and ${actions.baselineDue} is not null`;
      const rows = await db
        .select({
          kpi: sql<string>`j.value`,
          actions: sql<number>`count(*)::int`,
          slipped: sql<number>`sum(case when ${open} and ${actions.due} > ${actions.baselineDue} then 1 else 0 end)::int`,
          slipDays: sql<number>`sum(case when ${open} then ${slip} else 0 end)::int`,
        })
        .from(
          sql`${actions} cross join lateral jsonb_array_elements_text((${actions.kpis})::jsonb) as j(value)`,
        )
        .where(isNull(actions.removedAt))
        .groupBy(sql`j.value`);
      return new Map(
        rows.map((r) => [r.kpi, { actions: r.actions, slipped: r.slipped, slipDays: r.slipDays }]),
      );
    },

    async actionCounts() {
      const rows = await db
        .select({
          instance: actions.sourceInstance,
          active: sql<number>`count(*) filter (where ${actions.removedAt} is null)::int`,
          removed: sql<number>`count(*) filter (where ${actions.removedAt} is not null)::int`,
        })
        .from(actions)
        .groupBy(actions.sourceInstance);
      return new Map(rows.map((r) => [r.instance, { active: r.active, removed: r.removed }]));
    },
  };
}
