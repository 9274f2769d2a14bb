import type { Conflict, ConflictDiff } from "../model/index.js";

/** One recorded change of a conflict (the store's outbox row, without its storage details). */
export interface RecordedChange {
  id: number;
  fingerprint: string;
  kind: "opened" | "changed" | "resolved";
  before: Conflict | null;
  after: Conflict;
}

/**
 * The diff still owed to people, from the outbox's pending changes in the order they were recorded. Several
 * changes of one conflict say one thing: its first state heard and its last (opened then changed is news of
 * the last state; opened then cleared before anyone heard is nothing; changed then cleared is the clearing).
 * Pure; `ids` are every row read, to mark announced once the diff's alerts are out.
 */
export function owedDiff(changes: readonly RecordedChange[]): { diff: ConflictDiff; ids: number[] } {
  const byFingerprint = new Map<string, RecordedChange[]>();
  for (const c of [...changes].sort((a, b) => a.id - b.id)) {
    const list = byFingerprint.get(c.fingerprint) ?? [];
    list.push(c);
    byFingerprint.set(c.fingerprint, list);
  }
  const diff: ConflictDiff = { opened: [], changed: [], resolved: [] };
  for (const list of byFingerprint.values()) {
    const first = list[0];
    const last = list.at(-1);
    if (!first || !last) continue;
    if (last.kind === "resolved") {
      if (first.kind !== "opened") diff.resolved.push(last.after);
    } else if (first.kind === "opened" || last.kind === "opened") {
      diff.opened.push(last.after);
    } else {
      diff.changed.push({ before: first.before ?? first.after, after: last.after });
    }
  }
  return { diff, ids: changes.map((c) => c.id) };
}
