import { type ActionRecord, actionId, type KpiInput, type PersonInput } from "../../../../src/model/index.js";
import type {
  PageWriteResult,
  QuarantineEntry,
  SyncRunStatus,
  SyncStore,
} from "../../../../src/sync/contract.js";

interface StoredAction {
  instance: string;
  record: ActionRecord;
  hash: string;
  syncedAt: string;
  removedAt: string | null;
}

type CommitInput = Parameters<SyncStore["commitPage"]>[0];

/**
 * An in-memory SyncStore that keeps the contract's promises: a page lands whole or not at all, an unchanged
 * record (same content) writes nothing, ids are hub ids, soft-deleted actions come back when seen again.
 * `failCommit` injects a store failure before anything of that page is applied.
 */
export class MemorySyncStore implements SyncStore {
  readonly actions = new Map<string, StoredAction>();
  readonly quarantine: QuarantineEntry[] = [];
  readonly people = new Map<string, PersonInput>();
  readonly kpis = new Map<string, KpiInput>();
  readonly runs: SyncRunStatus[] = [];
  readonly commits: CommitInput[] = [];
  private readonly cursors = new Map<string, string>();
  failCommit: ((commitNumber: number, input: CommitInput) => boolean) | null = null;
  private attempts = 0;

  async readCursor(instance: string): Promise<unknown | null> {
    const text = this.cursors.get(instance);
    return text === undefined ? null : JSON.parse(text);
  }

  async commitPage(input: CommitInput): Promise<PageWriteResult & { removed: string[] }> {
    this.attempts += 1;
    if (this.failCommit?.(this.attempts, input)) throw new Error(`disk full (commit ${this.attempts})`);
    const { instance } = input.source;
    const result: PageWriteResult & { removed: string[] } = {
      inserted: [],
      updated: [],
      unchanged: 0,
      removed: [],
    };
    for (const record of input.records) {
      const id = actionId(instance, record.nativeKey);
      const hash = JSON.stringify(record);
      const before = this.actions.get(id);
      if (before && before.hash === hash && before.removedAt === null) {
        result.unchanged += 1;
        continue;
      }
      (before ? result.updated : result.inserted).push(id);
      this.actions.set(id, { instance, record, hash, syncedAt: input.now, removedAt: null });
    }
    result.removed = this.softDelete(instance, input.removedKeys, input.now);
    this.quarantine.push(...input.quarantined);
    for (const p of input.people) if (typeof p.id === "string") this.people.set(p.id, p);
    for (const k of input.kpis) if (typeof k.key === "string") this.kpis.set(k.key, k);
    this.cursors.set(instance, JSON.stringify(input.cursor));
    this.commits.push(input);
    return result;
  }

  async activeKeys(instance: string): Promise<string[]> {
    return [...this.actions.values()]
      .filter((a) => a.instance === instance && a.removedAt === null)
      .map((a) => a.record.nativeKey);
  }

  private softDelete(instance: string, nativeKeys: string[], now: string): string[] {
    const removed: string[] = [];
    for (const key of nativeKeys) {
      const id = actionId(instance, key);
      const stored = this.actions.get(id);
      if (stored && stored.removedAt === null) {
        stored.removedAt = now;
        removed.push(id);
      }
    }
    return removed;
  }

  async recordRun(run: SyncRunStatus): Promise<void> {
    this.runs.push(run);
  }

  /** Active records of an instance by native key, for assertions. */
  active(instance: string): Map<string, ActionRecord> {
    const out = new Map<string, ActionRecord>();
    for (const a of this.actions.values()) {
      if (a.instance === instance && a.removedAt === null) out.set(a.record.nativeKey, a.record);
    }
    return out;
  }
}
