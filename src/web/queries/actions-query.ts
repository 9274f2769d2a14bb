import { and, asc, count, eq, isNull, or, type SQL, sql } from "drizzle-orm";
import { DependencyTypeSchema } from "../../model/index.js";
import { parseJiraBrowseUrl } from "../../reconcile/index.js";
import type { Store } from "../../store/index.js";
import { actions, dependencies } from "../../store/schema-actions.js";
import { conflicts } from "../../store/schema-conflicts.js";
import type { ActionDetail, ActionPage, ActionSearch, ActionSummary } from "../api/schemas.js";
import { ConflictBriefSchema, DependencyLinkSchema } from "../api/schemas.js";
import { likePattern, summaryColumns, toSummary } from "./action-rows.js";
import { personNames } from "./people.js";

/**
 * Search across every tool, in SQL: filters and LIKE on id, title and owner text, ordered by the primary key
 * and cut with LIMIT/OFFSET, so a page costs one indexed walk plus a count, never loading 100k actions.
 */
export function searchActions(store: Store, p: ActionSearch): ActionPage {
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
  const total = store.db.select({ n: count() }).from(actions).where(where).get()?.n ?? 0;
  const rows = store.db
    .select(summaryColumns)
    .from(actions)
    .where(where)
    .orderBy(asc(actions.id))
    .limit(p.limit)
    .offset(p.offset)
    .all();
  return { total, limit: p.limit, offset: p.offset, items: rows.map(toSummary) };
}

/** Live actions a ref written in a tool can mean: the hub id, else the native key (as written or upper-cased). */
function candidates(store: Store, ref: string): ActionSummary[] {
  const exact = store.db
    .select(summaryColumns)
    .from(actions)
    .where(and(eq(actions.id, ref), isNull(actions.removedAt)))
    .all();
  if (exact.length > 0) return exact.map(toSummary);
  const key = parseJiraBrowseUrl(ref)?.key ?? ref;
  return store.db
    .select(summaryColumns)
    .from(actions)
    .where(
      and(
        or(eq(actions.nativeKey, key), eq(actions.nativeKey, key.toUpperCase())),
        isNull(actions.removedAt),
      ),
    )
    .orderBy(asc(actions.id))
    .all()
    .map(toSummary);
}

/**
 * One action with its history, what it depends on and what depends on it. Refs are resolved the way the
 * reconciler does (hub id, unique native key, Jira browse URL), here in SQL on demand; the reconciler's own
 * resolution (with the URL's host to tell instances apart) stays the authority for conflicts.
 */
export function actionDetail(store: Store, id: string): ActionDetail | null {
  const action = store.getAction(id);
  if (!action) return null;
  const dependsOn = action.dependsOn.map((d) => {
    const found = candidates(store, d.ref);
    return DependencyLinkSchema.parse({
      ...d,
      resolution: found.length === 1 ? "resolved" : found.length === 0 ? "dangling" : "ambiguous",
      actions: found,
    });
  });

  const keyPattern = `%/browse/${likePattern(action.nativeKey).slice(1)}`;
  const sharedKey =
    (store.db
      .select({ n: count() })
      .from(actions)
      .where(and(eq(actions.nativeKey, action.nativeKey), isNull(actions.removedAt)))
      .get()?.n ?? 0) > 1;
  const dependents = store.db
    .select({
      ...summaryColumns,
      ref: dependencies.ref,
      type: dependencies.type,
      lagDays: dependencies.lagDays,
    })
    .from(dependencies)
    .innerJoin(actions, eq(actions.id, dependencies.actionId))
    .where(
      and(
        isNull(actions.removedAt),
        sql`(${dependencies.ref} = ${action.id} or ${dependencies.ref} = ${action.nativeKey} or ${dependencies.ref} like ${keyPattern} escape '\\')`,
      ),
    )
    .orderBy(asc(actions.id), asc(dependencies.position))
    .all();
  const dependedOnBy = dependents.map(({ ref, type, lagDays, ...row }) => ({
    action: toSummary(row),
    ref,
    type: DependencyTypeSchema.parse(type),
    lagDays,
    ambiguous: ref !== action.id && sharedKey,
  }));

  const related = store.db
    .select({ fingerprint: conflicts.fingerprint, payload: conflicts.payload, status: conflicts.status })
    .from(conflicts)
    .where(
      and(
        sql`${conflicts.status} <> 'resolved'`,
        sql`(${conflicts.actionId} = ${id} or exists (select 1 from json_each(${conflicts.payload}, '$.actionIds') where value = ${id}))`,
      ),
    )
    .all()
    .map((r) => ConflictBriefSchema.parse({ ...JSON.parse(r.payload), status: r.status }));

  return {
    action,
    ownerName: action.owner ? (personNames(store).get(action.owner) ?? null) : null,
    history: store.history(id),
    dependsOn,
    dependedOnBy,
    conflicts: related,
  };
}
