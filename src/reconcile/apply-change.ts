import type { Action, Conflict, ConflictDiff } from "../model/index.js";
import { dayOrNone } from "./dates.js";
import { Edges } from "./edges.js";
import type { Engine } from "./engine.js";
import { diffKeyed } from "./order.js";
import { nodeConflicts } from "./rules/node-conflicts.js";

/** Live slots reachable from `starts` along dependency → dependent edges, starts included. */
function closure(g: Engine, starts: Iterable<number>): number[] {
  const seen = new Set<number>();
  const queue: number[] = [];
  for (const s of starts) {
    if (g.nodes.alive(s) && !seen.has(s)) {
      seen.add(s);
      queue.push(s);
    }
  }
  const dst = g.edges.dst;
  for (let head = 0; head < queue.length; head++) {
    const k = g.adj.collectOut(queue[head]!, g.edges);
    const buf = g.adj.outBuf;
    for (let j = 0; j < k; j++) {
      const w = dst[buf[j]!]!;
      if (!seen.has(w)) {
        seen.add(w);
        queue.push(w);
      }
    }
  }
  return queue;
}

/**
 * Holders whose refs may resolve differently once actions with these ids / native keys appear, vanish or
 * change identity: holders of unresolved refs that tried the key, and everything currently depending on
 * (or mirroring) an action that has the key as id or native key. Over-approximating is safe: a holder
 * re-resolved to the same edges changes nothing.
 */
function holdersOf(g: Engine, keys: ReadonlySet<string>): Set<number> {
  const out = new Set<number>();
  const addDependents = (s: number) => {
    const k = g.adj.collectOut(s, g.edges);
    for (let j = 0; j < k; j++) out.add(g.edges.dst[g.adj.outBuf[j]!]!);
    for (const h of g.links.mirrorIn.get(s) ?? []) out.add(h);
  };
  for (const raw of keys) {
    for (const key of new Set([raw, raw.toUpperCase()])) {
      for (const h of g.links.watchers.get(key) ?? []) out.add(h);
      const byId = g.slotOf(key);
      if (byId >= 0) addDependents(byId);
      for (const s of g.nativeKeys.all(key)) addDependents(s);
    }
  }
  return out;
}

/** Rebuilds the CSR once overflow lists and dead edges pile up, renumbering edges in predecessor arrays. */
function maybeCompact(g: Engine): void {
  const old = g.edges;
  if (old.dead + g.adj.extraCount <= old.m / 2 + 1024) return;
  const remap = new Int32Array(old.m).fill(-1);
  const fresh = new Edges(old.m - old.dead);
  // Re-added dependent by dependent, each in its current incoming order (= its dependsOn order), which
  // is the grouping Adjacency.build relies on.
  for (let v = 0; v < g.nodes.n; v++) {
    const k = g.adj.collectIn(v, old);
    const buf = g.adj.inBuf;
    for (let j = 0; j < k; j++) {
      const e = buf[j]!;
      remap[e] = fresh.add(old.src[e]!, old.dst[e]!, old.type[e]!, old.lag[e]!, old.refPos[e]!);
    }
  }
  const { predStart, predFinish } = g.nodes;
  for (let s = 0; s < g.nodes.n; s++) {
    if (predStart[s]! >= 0) predStart[s] = remap[predStart[s]!]!;
    if (predFinish[s]! >= 0) predFinish[s] = remap[predFinish[s]!]!;
  }
  g.edges = fresh;
  g.adj.build(g.nodes.n, fresh);
}

/**
 * Applies upserts and removals to the engine and recomputes only what they can reach: the forward closure
 * of the changed actions and of the holders whose refs had to be re-resolved, plus mirror partners.
 * Returns the diff of the conflicts those own.
 *
 * Why the closure in the new graph is enough, even for cycles an edit breaks: every edge that changed
 * (a holder's re-resolved refs, or the edges out of a removed action) ends at a holder in `touched`. Any
 * member of an old cycle that included a changed edge is reachable from the head of the last changed edge
 * on the cycle through unchanged edges, so it is in the region and its cycle is recomputed there; a cycle
 * with no changed edge is unchanged, and lies wholly inside or wholly outside the region.
 */
export function applyChange(
  g: Engine,
  upserted: readonly Action[],
  removedIds: readonly string[],
): ConflictDiff {
  const upserts = new Map<string, Action>();
  for (const a of upserted) upserts.set(a.id, a);
  const removals = new Set(removedIds);
  for (const [id, a] of upserts) if (a.removedAt) removals.add(id);
  for (const id of removals) upserts.delete(id);
  // Validate before touching anything, so a bad record cannot leave the state half-edited.
  for (const a of upserts.values()) {
    dayOrNone(a.start, a.id, "start");
    dayOrNone(a.due, a.id, "due");
    dayOrNone(a.baselineDue, a.id, "baselineDue");
  }

  const seeds = new Set<number>();
  const identity = new Set<string>();
  const removedSlots: number[] = [];
  for (const id of removals) {
    const s = g.slotOf(id);
    if (s < 0) continue;
    seeds.add(s);
    removedSlots.push(s);
    identity.add(id);
    identity.add(g.action(s).nativeKey);
  }
  for (const a of upserts.values()) {
    const s = g.slotOf(a.id);
    if (s < 0) {
      identity.add(a.id);
      identity.add(a.nativeKey);
      continue;
    }
    seeds.add(s);
    const old = g.action(s);
    if (old.nativeKey !== a.nativeKey || old.url !== a.url) {
      identity.add(a.id);
      identity.add(old.nativeKey);
      identity.add(a.nativeKey);
    }
  }
  const holders = holdersOf(g, identity);
  const touched = new Set([...seeds, ...holders]);
  const partners = new Set<number>();
  for (const s of touched) for (const p of g.mirrorPartners(s)) partners.add(p);

  g.version++;
  for (const s of removedSlots) g.kill(s);
  const changedSlots: number[] = [];
  for (const a of upserts.values()) {
    const s = g.slotOf(a.id);
    if (s < 0) {
      const slot = g.insert(a);
      changedSlots.push(slot);
      touched.add(slot);
    } else {
      g.update(s, a);
      changedSlots.push(s);
    }
  }
  for (const s of new Set([...changedSlots, ...holders]))
    if (g.nodes.alive(s)) g.links.resolveHolder(g, s, true);
  for (const s of touched) if (g.nodes.alive(s)) for (const p of g.mirrorPartners(s)) partners.add(p);

  const region = new Set(closure(g, touched));
  const oldConflicts = new Map<string, Conflict>();
  const newConflicts = new Map<string, Conflict>();
  for (const s of [...region, ...removedSlots]) {
    const fp = g.cycleOf.get(s);
    if (fp === undefined) continue;
    const conflict = g.cycles.get(fp)?.conflict;
    if (conflict) oldConflicts.set(fp, conflict);
    g.dropCycle(fp);
  }
  const slots = Int32Array.from(region);
  for (const members of g.reschedule(slots, slots.length)) {
    const fp = g.addCycle(members);
    const conflict = g.cycles.get(fp)?.conflict;
    if (conflict) newConflicts.set(fp, conflict);
  }

  for (const s of removedSlots) {
    for (const c of g.nodeConf.get(s) ?? []) oldConflicts.set(c.fingerprint, c);
    g.nodeConf.delete(s);
  }
  for (const p of partners) region.add(p);
  for (const s of region) {
    if (!g.nodes.alive(s)) continue;
    for (const c of g.nodeConf.get(s) ?? []) oldConflicts.set(c.fingerprint, c);
    const fresh = nodeConflicts(g, s);
    if (fresh === undefined) g.nodeConf.delete(s);
    else g.nodeConf.set(s, fresh);
    for (const c of fresh ?? []) newConflicts.set(c.fingerprint, c);
  }
  maybeCompact(g);
  return diffKeyed(oldConflicts, newConflicts);
}
