import { DependencyTypeSchema } from "../../model/index.js";
import { parseJiraBrowseUrl } from "../../reconcile/index.js";
import type { ActionSummary, Store } from "../../store/index.js";
import type { ActionDetail, ActionPage, ActionSearch } from "../api/schemas.js";
import { ConflictBriefSchema, DependencyLinkSchema } from "../api/schemas.js";
import { personNames } from "./people.js";

/**
 * Search across every tool, answered by the store where the rows are: filters and LIKE on id, title and
 * owner text, ordered by id and cut with LIMIT/OFFSET, so a page never loads 100k actions.
 */
export async function searchActions(store: Store, p: ActionSearch): Promise<ActionPage> {
  const { total, items } = await store.reads.searchActions(p);
  return { total, limit: p.limit, offset: p.offset, items };
}

/** Live actions a ref written in a tool can mean: the hub id, else the native key (as written or upper-cased). */
async function candidates(store: Store, ref: string): Promise<ActionSummary[]> {
  const exact = await store.reads.liveByIdOrKey(ref, []);
  if (exact.length > 0) return exact;
  const key = parseJiraBrowseUrl(ref)?.key ?? ref;
  return store.reads.liveByIdOrKey(ref, [...new Set([key, key.toUpperCase()])]);
}

/**
 * One action with its history, what it depends on and what depends on it. Refs are resolved the way the
 * reconciler does (hub id, unique native key, Jira browse URL), on demand; the reconciler's own resolution
 * (with the URL's host to tell instances apart) stays the authority for conflicts.
 */
export async function actionDetail(store: Store, id: string): Promise<ActionDetail | null> {
  const action = await store.actions.get(id);
  if (!action) return null;
  const dependsOn = [];
  for (const d of action.dependsOn) {
    const found = await candidates(store, d.ref);
    dependsOn.push(
      DependencyLinkSchema.parse({
        ...d,
        resolution: found.length === 1 ? "resolved" : found.length === 0 ? "dangling" : "ambiguous",
        actions: found,
      }),
    );
  }

  const sharedKey = (await store.reads.countLiveWithKey(action.nativeKey)) > 1;
  const dependents = await store.reads.dependentsByRef([action.id, action.nativeKey], action.nativeKey);
  const dependedOnBy = dependents.map(({ action: dependent, ref, type, lagDays }) => ({
    action: dependent,
    ref,
    type: DependencyTypeSchema.parse(type),
    lagDays,
    ambiguous: ref !== action.id && sharedKey,
  }));

  const related = (await store.reads.conflictsInvolving(id)).map((c) => ConflictBriefSchema.parse(c));
  return {
    action,
    ownerName: action.owner ? ((await personNames(store)).get(action.owner) ?? null) : null,
    history: await store.actions.history(id),
    dependsOn,
    dependedOnBy,
    conflicts: related,
  };
}
