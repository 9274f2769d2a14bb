import type { Action, Conflict, Kpi } from "../model/index.js";
import { SightlineError, ValidationError } from "../model/index.js";
import { Adjacency } from "./adjacency.js";
import { depCode, FLAG_CYCLE, NONE } from "./codes.js";
import { dayOrNone } from "./dates.js";
import { Edges } from "./edges.js";
import { Nodes } from "./nodes.js";
import { compareConflicts } from "./order.js";
import { type OwnerMatch, OwnerResolver } from "./owner-resolver.js";
import { lookupKeys, type RefIssue, type RefMiss, resolveRef } from "./ref-resolver.js";
import { orderRegion } from "./region.js";
import { fingerprintOf } from "./rules/conflict-kit.js";
import type { RuleContext } from "./rules/context.js";
import { cycleConflict } from "./rules/cycle-rule.js";
import { nodeConflicts } from "./rules/node-conflicts.js";
import { propagate } from "./schedule.js";
import { hashString, StringSlotTable } from "./string-table.js";
import type { ReconcileInput, ReconcileStats } from "./types.js";

const NO_PARTNERS: readonly number[] = [];

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
  readonly input: ReconcileInput;
  readonly resolver: OwnerResolver;
  readonly nodes: Nodes;
  edges: Edges;
  readonly adj = new Adjacency();
  /** Live action id → slot. */
  readonly ids: StringSlotTable;
  /** Native key → live slots (several when instances share a key). */
  readonly nativeKeys: StringSlotTable;
  readonly refIssues: (RefIssue[] | undefined)[] = [];
  /**
   * Lookup key → actions holding a ref that an action appearing or vanishing under that key would
   * resolve differently: dangling and ambiguous refs, and mirror refs that matched their own holder.
   */
  readonly unresolved = new Map<string, Set<number>>();
  /** The keys each holder is registered under in `unresolved`. */
  readonly watchKeys: (string[] | undefined)[] = [];
  readonly mirrorOut: (number[] | undefined)[] = [];
  readonly mirrorIn = new Map<number, Set<number>>();
  readonly nodeConf: (Conflict[] | undefined)[] = [];
  /** Cycle fingerprint → its conflict (null when every member is closed) and members. */
  readonly cycles = new Map<string, { conflict: Conflict | null; members: number[] }>();
  readonly cycleOf = new Map<number, string>();
  /** Scratch: slot → local index while a region is ordered, -1 otherwise. */
  local: Int32Array = new Int32Array(0);
  /** Bumped by every edit so that views of an earlier result can refuse to read changed state. */
  version = 0;
  readonly stats: ReconcileStats;
  private readonly overrides: ReadonlySet<string>;
  private readonly kpiOwners = new Map<Kpi, string | null>();
  private readonly miss: RefMiss = { kind: "dangling", candidates: [] };

  constructor(input: ReconcileInput) {
    const t0 = performance.now();
    this.input = input;
    this.todayText = input.today;
    this.today = dayOrNone(input.today, "", "today");
    if (this.today === NONE) throw new ValidationError("reconcile input field today", ["today is required"]);
    this.kpiByKey = new Map(input.kpis.map((k) => [k.key, k]));
    this.admin = input.adminFallback ?? null;
    this.resolver = new OwnerResolver(input.directory);
    this.overrides = new Set((input.overrides ?? []).map((o) => `${o.dependentId}\n${o.dependencyId}`));
    let live = 0;
    let refs = 0;
    for (const a of input.actions) {
      if (a.removedAt) continue;
      live++;
      refs += a.dependsOn.length;
    }
    this.nodes = new Nodes(live);
    this.ids = new StringSlotTable((s) => this.nodes.ids[s]!, live);
    this.nativeKeys = new StringSlotTable((s) => this.action(s).nativeKey, live);
    this.edges = new Edges(refs);
    for (const a of input.actions) if (!a.removedAt) this.insert(a);
    for (let s = 0; s < this.nodes.n; s++) this.resolveHolder(s, false);
    this.adj.build(this.nodes.n, this.edges);
    const t1 = performance.now();
    const all = new Int32Array(this.nodes.n);
    for (let s = 0; s < all.length; s++) all[s] = s;
    const cycles = this.reschedule(all, all.length);
    const t2 = performance.now();
    for (let s = 0; s < this.nodes.n; s++) this.nodeConf[s] = nodeConflicts(this, s);
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
    return this.refIssues[slot];
  }

  mirrorPartners(slot: number): readonly number[] {
    const out = this.mirrorOut[slot];
    const inc = this.mirrorIn.get(slot);
    if (out === undefined && inc === undefined) return NO_PARTNERS;
    const all = new Set<number>([...(out ?? []), ...(inc ?? [])]);
    return [...all].filter((s) => this.nodes.alive(s));
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
    if (this.ids.first(action.id, h) >= 0) {
      throw new SightlineError(
        "duplicate_action",
        `action id ${action.id} appears twice in the reconcile input`,
      );
    }
    const slot = this.nodes.add(action, this.resolver.resolve(action.ownerRaw));
    this.ids.add(action.id, slot, h);
    this.nativeKeys.add(action.nativeKey, slot);
    if (this.local.length < this.nodes.cap) {
      const grown = new Int32Array(this.nodes.cap).fill(-1);
      grown.set(this.local);
      this.local = grown;
    }
    return slot;
  }

  update(slot: number, action: Action): void {
    const old = this.action(slot);
    if (old.nativeKey !== action.nativeKey) {
      this.nativeKeys.remove(old.nativeKey, slot);
      this.nativeKeys.add(action.nativeKey, slot);
    }
    this.nodes.set(slot, action, this.resolver.resolve(action.ownerRaw));
  }

  kill(slot: number): void {
    const action = this.action(slot);
    this.detach(slot);
    this.ids.remove(action.id, slot);
    this.nativeKeys.remove(action.nativeKey, slot);
    this.mirrorIn.delete(slot);
    this.nodes.kill(slot);
  }

  /**
   * Resolves the action's dependsOn and mirrors refs into edges, mirror links and ref issues. With
   * `incremental`, its previous edges and links are dropped first and new edges go to overflow lists.
   */
  resolveHolder(h: number, incremental: boolean): void {
    if (incremental) this.detach(h);
    const action = this.action(h);
    let issues: RefIssue[] | undefined;
    let watch: string[] | undefined;
    const deps = action.dependsOn;
    for (let pos = 0; pos < deps.length; pos++) {
      const dep = deps[pos]!;
      const u = resolveRef(this, dep.ref, this.miss);
      if (u < 0) {
        issues = issues ?? [];
        issues.push(this.issue("dependsOn", dep.ref));
        continue;
      }
      if (this.overrides.size > 0 && this.overrides.has(`${action.id}\n${this.nodes.ids[u]}`)) continue;
      const e = this.edges.add(u, h, depCode(dep.type), dep.lagDays, pos);
      if (incremental) this.adj.addEdge(e, u, h);
    }
    for (const ref of action.mirrors) {
      const u = resolveRef(this, ref, this.miss);
      if (u < 0) {
        issues = issues ?? [];
        issues.push(this.issue("mirrors", ref));
      } else if (u !== h) {
        this.link(h, u);
      } else {
        // Matched itself (its own native key): another action taking that key would make it ambiguous.
        watch = [...(watch ?? []), ...lookupKeys(ref)];
      }
    }
    if (issues !== undefined) {
      this.refIssues[h] = issues;
      for (const issue of issues) watch = [...(watch ?? []), ...issue.keys];
    }
    if (watch === undefined) return;
    this.watchKeys[h] = watch;
    for (const key of watch) {
      const set = this.unresolved.get(key);
      if (set) set.add(h);
      else this.unresolved.set(key, new Set([h]));
    }
  }

  private issue(relation: RefIssue["relation"], ref: string): RefIssue {
    const ids = this.miss.candidates.map((s) => this.nodes.ids[s]!).sort();
    return { relation, ref, kind: this.miss.kind, candidates: ids, keys: lookupKeys(ref) };
  }

  private link(h: number, u: number): void {
    const out = this.mirrorOut[h];
    if (out?.includes(u)) return;
    if (out) out.push(u);
    else this.mirrorOut[h] = [u];
    const inc = this.mirrorIn.get(u);
    if (inc) inc.add(h);
    else this.mirrorIn.set(u, new Set([h]));
  }

  /** Drops everything the action's own refs produced: its incoming edges, mirror links and ref issues. */
  private detach(h: number): void {
    const k = this.adj.collectIn(h, this.edges);
    for (let j = 0; j < k; j++) this.edges.kill(this.adj.inBuf[j]!);
    this.adj.dropIncomingExtras(h);
    for (const key of this.watchKeys[h] ?? []) {
      const set = this.unresolved.get(key);
      set?.delete(h);
      if (set?.size === 0) this.unresolved.delete(key);
    }
    this.watchKeys[h] = undefined;
    this.refIssues[h] = undefined;
    for (const u of this.mirrorOut[h] ?? []) {
      const inc = this.mirrorIn.get(u);
      inc?.delete(h);
      if (inc?.size === 0) this.mirrorIn.delete(u);
    }
    this.mirrorOut[h] = undefined;
  }

  /** Orders a forward-closed region, marks its cycles and propagates dates through the rest. */
  reschedule(slots: Int32Array, count: number): number[][] {
    const { nodes, edges, adj } = this;
    for (let i = 0; i < count; i++) nodes.flags[slots[i]!]! &= ~FLAG_CYCLE;
    const { order, cycles } = orderRegion(slots, count, this.local, adj, edges);
    for (const members of cycles) {
      for (const s of members) {
        nodes.flags[s]! |= FLAG_CYCLE;
        nodes.clearSchedule(s);
      }
    }
    for (let i = 0; i < order.length; i++) propagate(nodes, edges, adj, this.today, order[i]!);
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
    for (let s = 0; s < this.nodes.n; s++) {
      const list = this.nodeConf[s];
      if (list !== undefined) for (const c of list) out.push(c);
    }
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
