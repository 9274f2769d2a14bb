import { type HistoryEvent, severityRank } from "../../model/index.js";
import { distinctKpiValue, normalizeName, UNASSIGNED } from "../../reconcile/index.js";
import type { ActionSummary, Store, StoredConflict } from "../../store/index.js";
import type {
  ActionRef,
  AlertRecord,
  ConflictDetail,
  ConflictFilter,
  ConflictItem,
  ConflictPage,
  PathStep,
} from "../api/schemas.js";
import { personNames, recipientNames } from "./people.js";

/** A team's business unit from the directory, for actions that name a team but no unit (as the roll-ups do). */
export async function teamUnits(store: Store): Promise<(team: string) => string | undefined> {
  const units = new Map<string, string>();
  for (const t of (await store.directory.load()).teams) {
    if (t.businessUnit === null) continue;
    units.set(normalizeName(t.name), t.businessUnit);
    for (const a of t.aliases) units.set(normalizeName(a), t.businessUnit);
  }
  return (team) => units.get(normalizeName(team));
}

/** Stored conflicts with the title, teams and business units of the actions they involve. */
export async function enrichConflicts(
  store: Store,
  list: readonly StoredConflict[],
): Promise<ConflictItem[]> {
  const summaries = await store.reads.summaries(
    list.flatMap((c) => [...c.actionIds, ...c.path, c.rootCauseId, c.dependencyId].filter((x) => x !== null)),
  );
  const unitOf = await teamUnits(store);
  const names = await personNames(store);
  const ref = (id: string): ActionRef => {
    const a = summaries.get(id);
    return { id, title: a?.title ?? null, ownerName: a?.owner ? (names.get(a.owner) ?? a.owner) : null };
  };
  return list.map((c) => {
    const teams = new Set<string>();
    const units = new Set<string>();
    for (const id of c.actionIds) {
      const a = summaries.get(id);
      if (!a) continue;
      teams.add(a.team ?? UNASSIGNED);
      units.add(a.businessUnit ?? (a.team ? unitOf(a.team) : undefined) ?? UNASSIGNED);
    }
    const title = c.actionId ? (summaries.get(c.actionId)?.title ?? null) : null;
    const waitingOnId = c.rootCauseId ?? c.dependencyId;
    return {
      ...c,
      title,
      teams: [...teams].sort(),
      businessUnits: [...units].sort(),
      ownerName: c.actionId ? ref(c.actionId).ownerName : null,
      waitingOn: waitingOnId && waitingOnId !== c.actionId ? ref(waitingOnId) : null,
      pathRefs: c.path.map(ref),
    };
  });
}

/** Largest value at risk first, then the more severe, then by fingerprint so pages are stable. */
function byRisk(a: ConflictItem, b: ConflictItem): number {
  return (
    b.valueAtRisk - a.valueAtRisk ||
    severityRank(b.severity) - severityRank(a.severity) ||
    (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0)
  );
}

/**
 * Conflicts of one status, filtered and sorted by value at risk. Conflicts are few next to actions (one per
 * broken action at most), so they are filtered in memory after one indexed read by status.
 */
/** The day the stored figures are as of (the API's `asOf`): the last recorded reconcile's. */
export async function asOfRun(store: Store): Promise<ConflictPage["asOf"]> {
  const run = await store.conflicts.lastRun();
  return run === null ? null : { day: run.asOf, recordedAt: run.at };
}

export async function listConflicts(store: Store, f: ConflictFilter): Promise<ConflictPage> {
  return (await conflictsMatching(store, f)).page;
}

/** The page, and every conflict matching the filters (for the portfolio timeline), in risk order. */
export async function conflictsMatching(
  store: Store,
  f: ConflictFilter,
): Promise<{ page: ConflictPage; matching: ConflictItem[] }> {
  const all = await enrichConflicts(store, await store.conflicts.list({ status: [f.status] }));
  const kpis = await store.directory.loadKpis();
  const facets = {
    teams: [...new Set(all.flatMap((c) => c.teams))].sort(),
    businessUnits: [...new Set(all.flatMap((c) => c.businessUnits))].sort(),
    kpis: kpis.map((k) => ({ key: k.key, name: k.name })),
  };
  const items = all
    .filter(
      (c) =>
        (!f.team || c.teams.includes(f.team)) &&
        (!f.businessUnit || c.businessUnits.includes(f.businessUnit)) &&
        (!f.kpi || c.kpis.includes(f.kpi)) &&
        (!f.type || c.type === f.type) &&
        (!f.severity || c.severity === f.severity),
    )
    .sort(byRisk);
  const page = {
    asOf: await asOfRun(store),
    total: items.length,
    rootCauses: groupByRootCause(items),
    valueAtRisk: distinctKpiValue(items),
    limit: f.limit,
    offset: f.offset,
    items: items.slice(f.offset, f.offset + f.limit),
    facets,
  };
  return { page, matching: items };
}

/** "One slip, N conflicts": the matching conflicts that share a root cause, most at risk first. */
export function groupByRootCause(items: readonly ConflictItem[]): ConflictPage["rootCauses"] {
  const groups = new Map<string, ConflictPage["rootCauses"][number]>();
  const members = new Map<string, ConflictItem[]>();
  for (const c of items) {
    if (!c.rootCauseId) continue;
    const root =
      c.pathRefs.find((r) => r.id === c.rootCauseId) ??
      (c.waitingOn?.id === c.rootCauseId ? c.waitingOn : { id: c.rootCauseId, title: null, ownerName: null });
    const g = groups.get(c.rootCauseId) ?? {
      rootCause: root,
      conflicts: 0,
      valueAtRisk: 0,
      severity: c.severity,
      owners: [],
    };
    g.conflicts++;
    members.set(c.rootCauseId, [...(members.get(c.rootCauseId) ?? []), c]);
    if (severityRank(c.severity) > severityRank(g.severity)) g.severity = c.severity;
    if (c.ownerName && !g.owners.includes(c.ownerName)) g.owners.push(c.ownerName);
    groups.set(c.rootCauseId, g);
  }
  // Each KPI once: seven conflicts behind one slip put its KPIs at risk once.
  return [...groups.entries()]
    .map(([id, g]) => ({
      ...g,
      valueAtRisk: distinctKpiValue(members.get(id) ?? []),
      owners: [...g.owners].sort(),
    }))
    .sort(
      (a, b) =>
        b.valueAtRisk - a.valueAtRisk ||
        b.conflicts - a.conflicts ||
        (a.rootCause.id < b.rootCause.id ? -1 : 1),
    );
}

function step(
  id: string,
  role: PathStep["role"],
  summaries: Map<string, ActionSummary>,
  names: Map<string, string>,
): PathStep {
  const action = summaries.get(id) ?? null;
  const ownerName = action?.owner ? (names.get(action.owner) ?? null) : null;
  return { id, role, action, ownerName };
}

/** One conflict: the path from root cause to the action, the alerts sent about it and what people answered. */
export async function conflictDetail(
  store: Store,
  fingerprint: string,
  today: string,
): Promise<ConflictDetail | null> {
  const stored = await store.conflicts.get(fingerprint);
  if (!stored) return null;
  const [conflict] = await enrichConflicts(store, [stored]);
  const c = conflict!;
  const ids = [...c.path, ...c.actionIds, c.dependencyId, c.rootCauseId].filter((x) => x !== null);
  const summaries = await store.reads.summaries(ids);
  const names = await personNames(store);
  const last = c.path.length - 1;
  const path = c.path.map((id, i) =>
    step(
      id,
      i === last ? "action" : i === 0 ? "root_cause" : i === last - 1 ? "dependency" : "step",
      summaries,
      names,
    ),
  );
  const onPath = new Set(c.path);
  const others = [...new Set([...c.actionIds, c.dependencyId].filter((x) => x !== null))]
    .filter((id) => !onPath.has(id))
    .map((id) => step(id, id === c.actionId ? "action" : "dependency", summaries, names));

  const nameOf = await recipientNames(store);
  const alerts: AlertRecord[] = (await store.alerts.entriesFor([fingerprint])).map((r) => ({
    recipient: r.recipient,
    recipientName: nameOf(r.recipient),
    channel: r.channel,
    changeKey: r.changeKey,
    status: r.status,
    sentAt: r.sentAt,
    updatedAt: r.updatedAt,
  }));

  // What people answered: edits from Slack (source `slack:<user>`) and write-backs (`writeback:<who>`).
  // Per action history is short and indexed by action id: read it whole, keep what people did.
  const answers: HistoryEvent[] = [];
  for (const id of new Set(ids)) {
    const events = await store.actions.history(id);
    answers.push(...events.filter((e) => e.source.startsWith("slack:") || e.source.startsWith("writeback")));
  }
  answers.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return { conflict: c, path, others, alerts, answers, today, asOf: await asOfRun(store) };
}
