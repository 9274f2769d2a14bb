import { type Action, ValidationError } from "../model/index.js";
import type { Adjacency } from "./adjacency.js";
import { depCode } from "./codes.js";
import type { Edges } from "./edges.js";
import type { Nodes } from "./nodes.js";
import { lookupKeys, type RefIndexView, type RefIssue, type RefMiss, resolveRef } from "./ref-resolver.js";

/** What resolving refs needs of the engine: named here so that links and the engine do not import each other. */
export interface LinkGraph extends RefIndexView {
  action(slot: number): Action;
  readonly nodes: Nodes;
  readonly edges: Edges;
  readonly adj: Adjacency;
}

const NONE: readonly number[] = [];
/** The model's bound on lagDays; edges store lags in 16 bits. */
const MAX_LAG = 3650;

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

function removeFrom<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  set?.delete(value);
  if (set?.size === 0) map.delete(key);
}

/**
 * What each action's refs resolved to besides dependency edges: ref issues (dangling, ambiguous),
 * mirror links, and the lookup keys to watch so that an edit re-resolves exactly the holders it can
 * affect. Sparse maps keyed by slot: a few per thousand actions have any of these.
 */
export class Links {
  readonly issues = new Map<number, RefIssue[]>();
  /**
   * Lookup key → holders of a ref that an action appearing or vanishing under that key would resolve
   * differently: dangling and ambiguous refs, and mirror refs that matched their own holder.
   */
  readonly watchers = new Map<string, Set<number>>();
  private readonly watchKeys = new Map<number, string[]>();
  private readonly mirrorOut = new Map<number, number[]>();
  readonly mirrorIn = new Map<number, Set<number>>();
  private readonly miss: RefMiss = { kind: "dangling", candidates: [] };

  constructor(private readonly overrides: ReadonlySet<string>) {}

  /**
   * Resolves the action's dependsOn and mirrors refs into edges, mirror links and issues. With
   * `incremental`, its previous ones are dropped first and new edges go to the overflow lists.
   * `candidates[base + pos]` may hold a slot whose id hash equals ref `pos`'s (from a bulk probe).
   */
  resolveHolder(g: LinkGraph, h: number, incremental: boolean, candidates?: Int32Array, base = 0): void {
    if (incremental) this.detach(g, h);
    const action = g.action(h);
    let issues: RefIssue[] | undefined;
    let watch: string[] | undefined;
    const deps = action.dependsOn;
    for (let pos = 0; pos < deps.length; pos++) {
      const dep = deps[pos]!;
      // A probed candidate whose id equals the ref is the exact-id match; anything else takes the full path.
      const c = candidates === undefined ? -2 : candidates[base + pos]!;
      const u = c >= 0 && g.nodes.ids[c] === dep.ref ? c : resolveRef(g, dep.ref, this.miss, c === -1);
      if (u < 0) {
        issues = issues ?? [];
        issues.push(this.issue(g, "dependsOn", dep.ref));
        continue;
      }
      if (this.overrides.size > 0 && this.overrides.has(`${action.id}\n${g.nodes.ids[u]}`)) continue;
      const lag = dep.lagDays;
      if (!(lag >= -MAX_LAG && lag <= MAX_LAG) || !Number.isInteger(lag)) {
        throw new ValidationError(`action ${action.id} field dependsOn[${pos}].lagDays`, [
          `expected a whole number of days within ±${MAX_LAG}, got ${lag}`,
        ]);
      }
      const e = g.edges.add(u, h, depCode(dep.type), lag, pos);
      if (incremental) g.adj.addEdge(e, u, h);
    }
    for (const ref of action.mirrors) {
      const u = resolveRef(g, ref, this.miss);
      if (u < 0) {
        issues = issues ?? [];
        issues.push(this.issue(g, "mirrors", ref));
      } else if (u !== h) {
        this.link(h, u);
      } else {
        // Matched itself (its own native key): another action taking that key would make it ambiguous.
        watch = [...(watch ?? []), ...lookupKeys(ref)];
      }
    }
    if (issues !== undefined) {
      this.issues.set(h, issues);
      for (const issue of issues) watch = [...(watch ?? []), ...issue.keys];
    }
    if (watch === undefined) return;
    this.watchKeys.set(h, watch);
    for (const key of watch) addTo(this.watchers, key, h);
  }

  /** Drops everything the action's own refs produced: its incoming edges, mirror links and issues. */
  detach(g: LinkGraph, h: number): void {
    const k = g.adj.collectIn(h, g.edges);
    for (let j = 0; j < k; j++) g.edges.kill(g.adj.inBuf[j]!);
    g.adj.dropIncomingExtras(h);
    for (const key of this.watchKeys.get(h) ?? []) removeFrom(this.watchers, key, h);
    this.watchKeys.delete(h);
    this.issues.delete(h);
    for (const u of this.mirrorOut.get(h) ?? []) removeFrom(this.mirrorIn, u, h);
    this.mirrorOut.delete(h);
  }

  /** Forgets links into a removed action (their holders are re-resolved by the caller). */
  forget(slot: number): void {
    this.mirrorIn.delete(slot);
  }

  /** Slots linked to `slot` by a mirrors ref in either direction, live or not. */
  partners(slot: number): readonly number[] {
    const out = this.mirrorOut.get(slot);
    const inc = this.mirrorIn.get(slot);
    if (out === undefined && inc === undefined) return NONE;
    return [...new Set([...(out ?? []), ...(inc ?? [])])];
  }

  private issue(g: LinkGraph, relation: RefIssue["relation"], ref: string): RefIssue {
    const ids = this.miss.candidates.map((s) => g.nodes.ids[s]!).sort();
    return { relation, ref, kind: this.miss.kind, candidates: ids, keys: lookupKeys(ref) };
  }

  private link(h: number, u: number): void {
    const out = this.mirrorOut.get(h);
    if (out?.includes(u)) return;
    if (out) out.push(u);
    else this.mirrorOut.set(h, [u]);
    addTo(this.mirrorIn, u, h);
  }
}
