import type { Store } from "../../store/index.js";
import type { ConflictItem } from "../api/schemas.js";
import type { TimelineEdge, TimelineRow } from "../svg/timeline.js";

export interface Portfolio {
  rows: (TimelineRow & { id: string })[];
  edges: TimelineEdge[];
  /** Actions on the paths left out to keep the chart readable (the riskiest conflicts' paths come first). */
  omitted: number;
}

/** Enough rows for a screen; a portfolio with more is filtered first (team, KPI, severity). */
export const PORTFOLIO_MAX_ROWS = 24;

/**
 * The actions of the given conflicts along their dependency paths (root cause → … → action in conflict), each
 * once, as rows of one timeline: ordered by how far down a path they sit, then by due date, with the links
 * between consecutive steps. Conflicts come in risk order, so a cut keeps the paths that matter most.
 */
export async function portfolio(
  store: Store,
  conflicts: readonly ConflictItem[],
  maxRows = PORTFOLIO_MAX_ROWS,
): Promise<Portfolio> {
  const depth = new Map<string, number>();
  const earliest = new Map<string, string>();
  const inConflict = new Set<string>();
  const links = new Set<string>();
  const all = new Set<string>();
  for (const c of conflicts) {
    const path = c.path.length > 0 ? c.path : c.actionId ? [c.actionId] : [];
    for (const id of path) all.add(id);
    if (depth.size + path.filter((id) => !depth.has(id)).length > maxRows) continue;
    path.forEach((id, i) => {
      depth.set(id, Math.max(depth.get(id) ?? 0, i));
      if (i > 0) links.add(`${path[i - 1]}\u0000${id}`);
    });
    if (c.actionId) {
      inConflict.add(c.actionId);
      if (c.earliestDate) earliest.set(c.actionId, c.earliestDate);
    }
  }
  const summaries = await store.reads.summaries(depth.keys());
  const roots = new Set(conflicts.map((c) => c.rootCauseId).filter((x) => x !== null));
  const ids = [...depth.keys()].sort(
    (a, b) =>
      depth.get(a)! - depth.get(b)! ||
      (summaries.get(a)?.due ?? "9999").localeCompare(summaries.get(b)?.due ?? "9999") ||
      a.localeCompare(b),
  );
  const index = new Map(ids.map((id, i) => [id, i]));
  const rows = ids.map((id) => {
    const a = summaries.get(id);
    return {
      id,
      label: a?.title ?? id,
      role: inConflict.has(id)
        ? ("action" as const)
        : roots.has(id)
          ? ("root_cause" as const)
          : ("step" as const),
      start: a?.start ?? null,
      due: a?.due ?? null,
      baselineDue: a?.baselineDue ?? null,
      earliest: earliest.get(id) ?? null,
    };
  });
  const edges = [...links].map((l) => {
    const [from, to] = l.split("\u0000") as [string, string];
    return { from: index.get(from)!, to: index.get(to)! };
  });
  return { rows, edges, omitted: all.size - depth.size };
}
