import type { Action, Conflict, Kpi } from "../model/index.js";
import { SightlineError, ValidationError } from "../model/index.js";
import { Adjacency } from "./adjacency.js";
import { FLAG_CYCLE, FLAG_KPI_ISSUE, NONE } from "./codes.js";
import { dayOrNone } from "./dates.js";
import { Edges } from "./edges.js";
import { Links } from "./links.js";
import { Nodes } from "./nodes.js";
import { compareConflicts } from "./order.js";
import { type OwnerMatch, OwnerResolver } from "./owner-resolver.js";
import type { RefIssue } from "./ref-resolver.js";
import { orderRegion } from "./region.js";
import { fingerprintOf } from "./rules/conflict-kit.js";
import type { RuleContext } from "./rules/context.js";
import { cycleConflict } from "./rules/cycle-rule.js";
import { nodeConflicts } from "./rules/node-conflicts.js";
import { propagate } from "./schedule.js";
import { hashString, StringSlotTable } from "./string-table.js";
import { growInt32 } from "./typed-grow.js";
import type { ReconcileInput, ReconcileStats } from "./types.js";

/**
 * The reconciler's state: actions indexed to slots, resolved edges in CSR form, schedule results in typed
 * arrays and the conflicts each action owns. `reconcile()` builds one and reads it; the incremental
 * reconciler keeps one and edits it (see apply-change.ts). Internal: not exported from the package.
 */
export class Engine implements RuleContext {
  readonly todayText: string;
  readonly today: number;
  readonly kpiByKey: ReadonlyMap<string, Kpi>;
  readonly admin: string | null;
  readonly forecastUnstarted: boolean;
  readonly input: ReconcileInput;
  readonly resolver: OwnerResolver;
  readonly nodes: Nodes;
  edges: Edges;
  readonly adj = new Adjacency();
  /** Live action id → slot. */
  readonly ids: StringSlotTable;
  /** Native key → live slots (several when instances share a key). */
  readonly nativeKeys: StringSlotTable;
  readonly links: Links;
  /** Conflicts owned by each slot that has any. */
  readonly nodeConf = new Map<number, Conflict[]>();
  /** Cycle fingerprint → its conflict (null when every member is closed) and members. */
  readonly cycles = new Map<string, { conflict: Conflict | null; members: number[] }>();
  readonly cycleOf = new Map<number, string>();
  /** Scratch: slot → local index while a region is ordered, -1 otherwise. */
  local: Int32Array = new Int32Array(0);
  /** Bumped by every edit so that views of an earlier result can refuse to read changed state. */
  version = 0;
  readonly stats: ReconcileStats;
  private readonly kpiOwners = new Map<Kpi, string | null>();

  constructor(input: ReconcileInput) {
    const t0 = performance.now();
    this.input = input;
    this.todayText = input.today;
    this.today = dayOrNone(input.today, "", "today");
    if (this.today === NONE) throw new ValidationError("reconcile input field today", ["today is required"]);
    this.kpiByKey = new Map(input.kpis.map((k) => [k.key, k]));
    this.admin = input.adminFallback ?? null;
    this.forecastUnstarted = input.forecastUnstarted ?? true;
    this.resolver = new OwnerResolver(input.directory);
    this.links = new Links(
      new Set((input.overrides ?? []).map((o) => `${o.dependentId}\n${o.dependencyId}`)),
    );
    const expected = input.actions.length;
    this.nodes = new Nodes(expected);
    this.ids = new StringSlotTable((s) => this.nodes.ids[s]!, expected);
    this.nativeKeys = new StringSlotTable((s) => this.action(s).nativeKey, expected);
    // One pass over the cold, scattered action objects: index them and hash ids, keys and refs; the hash
    // tables are then filled and probed in separate tight passes (see StringSlotTable.bulkAdd/probeAll).
    const idHash = new Int32Array(expected);
    const keyHash = new Int32Array(expected);
    let refs: Int32Array = new Int32Array(Math.max(16, expected * 2));
    let m = 0;
    for (const a of input.actions) {
      if (a.removedAt) continue;
      const slot = this.nodes.add(a, this.resolver.resolve(a.ownerRaw));
      idHash[slot] = hashString(a.id);
      keyHash[slot] = hashString(a.nativeKey);
      this.markKpis(slot, a);
      for (const d of a.dependsOn) {
        if (m === refs.length) refs = growInt32(refs, m * 2);
        refs[m++] = hashString(d.ref);
      }
    }
    const n = this.nodes.n;
    const scratch = new Int32Array(n);
    const dup = this.ids.bulkAdd(idHash, n, true, scratch);
    if (dup >= 0) {
      throw new SightlineError(
        "duplicate_action",
        `action id ${this.nodes.ids[dup]} appears twice in the reconcile input`,
      );
    }
    this.nativeKeys.bulkAdd(keyHash, n, false, scratch);
    this.ids.probeAll(refs, m);
    this.edges = new Edges(m);
    for (let s = 0, k = 0; s < n; s++) {
      this.links.resolveHolder(this, s, false, refs, k);
      k += this.action(s).dependsOn.length;
    }
    this.adj.build(this.nodes.n, this.edges);
    const t1 = performance.now();
    const cycles = this.reschedule(null, this.nodes.n);
    const t2 = performance.now();
    for (let s = 0; s < this.nodes.n; s++) {
      const list = nodeConflicts(this, s);
      if (list !== undefined) this.nodeConf.set(s, list);
    }
    for (const members of cycles) this.addCycle(members);
    this.stats = {
      actions: this.nodes.n,
      edges: this.edges.m,
      buildMs: t1 - t0,
      propagateMs: t2 - t1,
      conflictsMs: performance.now() - t2,
    };
  }

  // --- RuleContext -------------------------------------------------------------------------------

  action(slot: number): Action {
    const a = this.nodes.actions[slot];
    if (a === undefined) throw new SightlineError("internal", `slot ${slot} holds no live action`);
    return a;
  }

  refIssuesOf(slot: number): readonly RefIssue[] | undefined {
    return this.links.issues.get(slot);
  }

  mirrorPartners(slot: number): readonly number[] {
    const all = this.links.partners(slot);
    return all.length === 0 ? all : all.filter((s) => this.nodes.alive(s));
  }

  ownerMatch(slot: number): OwnerMatch {
    return this.resolver.results[this.nodes.owner[slot]!]!;
  }

  personOf(slot: number): string | null {
    return this.resolver.personId(this.ownerMatch(slot).person);
  }

  kpiOwner(kpi: Kpi): string | null {
    let owner = this.kpiOwners.get(kpi);
    if (owner === undefined) {
      owner = this.resolver.personId(this.resolver.results[this.resolver.resolve(kpi.owner)]!.person);
      this.kpiOwners.set(kpi, owner);
    }
    return owner;
  }

  // --- RefIndexView ------------------------------------------------------------------------------

  /** Slot of the live action with this id, -1 when there is none. */
  slotOf(id: string): number {
    return this.ids.first(id);
  }

  urlOf(slot: number): string | null {
    return this.nodes.actions[slot]?.url ?? null;
  }

  // --- building and editing ----------------------------------------------------------------------

  insert(action: Action): number {
    const h = hashString(action.id);
    const slot = this.nodes.add(action, this.resolver.resolve(action.ownerRaw));
    if (!this.ids.addUnique(action.id, slot, h)) {
      throw new SightlineError(
        "duplicate_action",
        `action id ${action.id} appears twice in the reconcile input`,
      );
    }
    this.nativeKeys.add(action.nativeKey, slot);
    this.markKpis(slot, action);
    return slot;
  }

  update(slot: number, action: Action): void {
    const old = this.action(slot);
    if (old.nativeKey !== action.nativeKey) {
      this.nativeKeys.remove(old.nativeKey, slot);
      this.nativeKeys.add(action.nativeKey, slot);
    }
    this.nodes.set(slot, action, this.resolver.resolve(action.ownerRaw));
    this.markKpis(slot, action);
  }

  /** Flags an action whose KPI links need a look (none, or an unknown key) so the rules skip the rest. */
  private markKpis(slot: number, action: Action): void {
    let issue = action.kpis.length === 0;
    for (const key of action.kpis) if (!this.kpiByKey.has(key)) issue = true;
    if (issue) this.nodes.flags[slot]! |= FLAG_KPI_ISSUE;
  }

  kill(slot: number): void {
    const action = this.action(slot);
    this.links.detach(this, slot);
    this.links.forget(slot);
    this.ids.remove(action.id, slot);
    this.nativeKeys.remove(action.nativeKey, slot);
    this.nodes.kill(slot);
  }

  /**
   * Orders a forward-closed region (null: the whole freshly built graph), marks its cycles and
   * propagates dates through the rest.
   */
  reschedule(slots: Int32Array | null, count: number): number[][] {
    const { nodes, edges, adj } = this;
    for (let i = 0; i < count; i++) nodes.flags[slots === null ? i : slots[i]!]! &= ~FLAG_CYCLE;
    if (slots !== null && this.local.length < nodes.cap) this.local = new Int32Array(nodes.cap).fill(-1);
    const { order, cycles } = orderRegion(slots, count, this.local, adj, edges);
    for (const members of cycles) {
      for (const s of members) {
        nodes.flags[s]! |= FLAG_CYCLE;
        nodes.clearSchedule(s);
      }
    }
    for (let i = 0; i < order.length; i++) propagate(nodes, edges, adj, this, order[i]!);
    return cycles;
  }

  addCycle(members: number[]): string {
    const conflict = cycleConflict(this, members);
    const fp =
      conflict?.fingerprint ??
      fingerprintOf("dependency_cycle", members.map((s) => this.nodes.ids[s]!).sort());
    this.cycles.set(fp, { conflict, members });
    for (const s of members) this.cycleOf.set(s, fp);
    return fp;
  }

  dropCycle(fp: string): void {
    const cycle = this.cycles.get(fp);
    if (!cycle) return;
    for (const s of cycle.members) this.cycleOf.delete(s);
    this.cycles.delete(fp);
  }

  /** Every conflict, in `compareConflicts` order. */
  allConflicts(): Conflict[] {
    const out: Conflict[] = [];
    for (const list of this.nodeConf.values()) for (const c of list) out.push(c);
    for (const { conflict } of this.cycles.values()) if (conflict) out.push(conflict);
    return out.sort(compareConflicts);
  }

  liveActions(): Action[] {
    const out: Action[] = [];
    for (let s = 0; s < this.nodes.n; s++) {
      const a = this.nodes.actions[s];
      if (a !== undefined) out.push(a);
    }
    return out;
  }
}
