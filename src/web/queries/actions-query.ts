import { type RefResolution, refLookup, resolveAmong } from "../../reconcile/index.js";
import type { ActionSummary, Store } from "../../store/index.js";
import type { ActionDetail, ActionPage, ActionSearch } from "../api/schemas.js";
import { ConflictBriefSchema, DependencyLinkSchema, DependentLinkSchema } from "../api/schemas.js";
import { personNames } from "./people.js";

/**
 * Search across every tool, answered by the store where the rows are: filters and LIKE on id, title and
 * owner text, ordered by id and cut with LIMIT/OFFSET, so a page never loads 100k actions.
 */
export async function searchActions(store: Store, p: ActionSearch): Promise<ActionPage> {
  const { total, items } = await store.reads.searchActions(p);
  return { total, limit: p.limit, offset: p.offset, items };
}

/** What the reconciler's resolver makes of a ref, given every live action the ref could mean. */
async function resolve(
  store: Store,
  ref: string,
): Promise<{ resolution: RefResolution; actions: ActionSummary[] }> {
  const { ids, keys } = refLookup(ref);
  const found = await store.reads.liveMatching(ids, keys);
  const resolution = resolveAmong(ref, found);
  const named = resolution.kind === "resolved" ? [resolution.id] : resolution.candidates;
  return { resolution, actions: found.filter((a) => named.includes(a.id)) };
}

/**
 * One action with its history, what it depends on and what depends on it. Every ref is resolved by the
 * reconciler's own resolver (hub id, unique native key in any case, Jira browse URL with its host), so the
 * admin shows the edges the conflicts and alerts were computed from; `ignored` marks an admin's override.
 */
export async function actionDetail(store: Store, id: string): Promise<ActionDetail | null> {
  const action = await store.actions.get(id);
  if (!action) return null;
  const overrides = new Set(
    (await store.conflicts.overrides()).map((o) => `${o.dependentId}\n${o.dependencyId}`),
  );
  const dependsOn = [];
  for (const d of action.dependsOn) {
    const { resolution, actions } = await resolve(store, d.ref);
    dependsOn.push(
      DependencyLinkSchema.parse({
        ...d,
        resolution: resolution.kind,
        actions,
        ignored: resolution.kind === "resolved" && overrides.has(`${action.id}\n${resolution.id}`),
        didYouMean: resolution.kind === "dangling" ? await store.reads.titled(d.ref, 3) : [],
      }),
    );
  }

  // The refs that could point here, each resolved once however many holders write it the same way.
  const mentions = await store.reads.refsMentioning(action.nativeKey);
  const byRef = new Map<string, RefResolution>();
  for (const ref of new Set(mentions.map((m) => m.ref)))
    byRef.set(ref, (await resolve(store, ref)).resolution);
  const dependedOnBy = mentions.flatMap(({ action: dependent, ref, type, lagDays }) => {
    const r = byRef.get(ref);
    const mine = r?.kind === "resolved" ? r.id === action.id : (r?.candidates.includes(action.id) ?? false);
    if (!mine || r === undefined) return [];
    return [
      DependentLinkSchema.parse({
        action: dependent,
        ref,
        type,
        lagDays,
        ambiguous: r.kind === "ambiguous",
        ignored: r.kind === "resolved" && overrides.has(`${dependent.id}\n${action.id}`),
      }),
    ];
  });

  const related = (await store.reads.conflictsInvolving(id)).map((c) => ConflictBriefSchema.parse(c));
  // Conflicts are few next to actions: the unresolved ones are read by status and filtered here.
  const caused = (await store.conflicts.list({ status: ["open", "acknowledged", "snoozed"] })).filter(
    (c) => c.rootCauseId === id && c.actionId !== id,
  );
  const causedActions = await store.reads.summaries(caused.flatMap((c) => (c.actionId ? [c.actionId] : [])));
  const names = await personNames(store);
  const causes = caused
    .map((c) => {
      const a = c.actionId ? causedActions.get(c.actionId) : undefined;
      return {
        ...ConflictBriefSchema.parse(c),
        actionId: c.actionId,
        title: a?.title ?? null,
        ownerName: a?.owner ? (names.get(a.owner) ?? a.owner) : null,
      };
    })
    .sort((x, y) => y.valueAtRisk - x.valueAtRisk || (x.fingerprint < y.fingerprint ? -1 : 1));
  return {
    action,
    ownerName: action.owner ? (names.get(action.owner) ?? null) : null,
    history: await store.actions.history(id),
    dependsOn,
    dependedOnBy,
    conflicts: related,
    causes,
  };
}
