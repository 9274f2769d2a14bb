import { type Conflict, type ConflictDiff, severityRank } from "../model/index.js";

/** Severity (critical first), value at risk (largest first), then fingerprint: total and deterministic. */
export function compareConflicts(a: Conflict, b: Conflict): number {
  const sev = severityRank(b.severity) - severityRank(a.severity);
  if (sev !== 0) return sev;
  if (a.valueAtRisk !== b.valueAtRisk) return b.valueAtRisk - a.valueAtRisk;
  return a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function sameFact(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && sameList(a, b);
  return a === b;
}

/** Facts are flat: scalars and lists of strings (src/model/conflict-facts.ts). */
function sameFacts(a: object, b: object): boolean {
  const left = Object.entries(a);
  if (left.length !== Object.keys(b).length) return false;
  return left.every(([k, v]) => k in b && sameFact(v ?? null, Reflect.get(b, k) ?? null));
}

/** True when every field of the two conflicts is equal (facts compared key by key). */
export function sameConflict(a: Conflict, b: Conflict): boolean {
  if (
    a.fingerprint !== b.fingerprint ||
    a.type !== b.type ||
    a.severity !== b.severity ||
    a.actionId !== b.actionId ||
    a.dependencyId !== b.dependencyId ||
    a.rootCauseId !== b.rootCauseId ||
    a.plannedDate !== b.plannedDate ||
    a.earliestDate !== b.earliestDate ||
    a.daysShort !== b.daysShort ||
    a.valueAtRisk !== b.valueAtRisk ||
    a.message !== b.message ||
    !sameList(a.actionIds, b.actionIds) ||
    !sameList(a.path, b.path) ||
    !sameList(a.kpis, b.kpis) ||
    !sameList(a.notify, b.notify)
  ) {
    return false;
  }
  return sameFacts(a.facts, b.facts);
}

/** Diff of two keyed sets; every list comes back in `compareConflicts` order (changed by its `after`). */
export function diffKeyed(
  before: ReadonlyMap<string, Conflict>,
  after: ReadonlyMap<string, Conflict>,
): ConflictDiff {
  const opened: Conflict[] = [];
  const resolved: Conflict[] = [];
  const changed: { before: Conflict; after: Conflict }[] = [];
  for (const [fp, b] of before) {
    const a = after.get(fp);
    if (a === undefined) resolved.push(b);
    else if (!sameConflict(b, a)) changed.push({ before: b, after: a });
  }
  for (const [fp, a] of after) if (!before.has(fp)) opened.push(a);
  opened.sort(compareConflicts);
  resolved.sort(compareConflicts);
  changed.sort((x, y) => compareConflicts(x.after, y.after));
  return { opened, changed, resolved };
}

function keyed(list: readonly Conflict[]): Map<string, Conflict> {
  const map = new Map<string, Conflict>();
  for (const c of list) map.set(c.fingerprint, c);
  return map;
}

/** What changed between two conflict sets, by fingerprint; `changed` when any field differs. */
export function diffConflicts(before: readonly Conflict[], after: readonly Conflict[]): ConflictDiff {
  return diffKeyed(keyed(before), keyed(after));
}
