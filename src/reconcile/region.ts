import { SightlineError } from "../model/index.js";
import type { Adjacency } from "./adjacency.js";
import type { Edges } from "./edges.js";
import { stronglyConnected } from "./scc.js";

export interface RegionOrder {
  /** Global slots of the region's acyclic members in topological order. */
  order: Int32Array;
  /** Each cycle (a strongly connected component of two or more, or one with a self-reference), as global slots. */
  cycles: number[][];
}

interface LocalGraph {
  off: Int32Array;
  adj: Int32Array;
  indeg: Int32Array;
  selfLoop: Uint8Array;
}

/** The whole, freshly built graph (slot = local index, no dead or overflow edges): reuse its CSR. */
function induceAll(count: number, adj: Adjacency, edges: Edges): LocalGraph {
  const revOff = adj.revOff;
  const indeg = new Int32Array(count);
  for (let i = 0; i < count; i++) indeg[i] = revOff[i + 1]! - revOff[i]!;
  const selfLoop = new Uint8Array(count);
  const { src, dst, m } = edges;
  for (let e = 0; e < m; e++) if (src[e] === dst[e]) selfLoop[src[e]!] = 1;
  return { off: adj.fwdOff, adj: adj.fwdDst, indeg, selfLoop };
}

/** The subgraph induced by the region, in local indices (`local[slot]` = position in `slots`). */
function induce(
  slots: Int32Array,
  count: number,
  local: Int32Array,
  adj: Adjacency,
  edges: Edges,
): LocalGraph {
  const off = new Int32Array(count + 1);
  const indeg = new Int32Array(count);
  const selfLoop = new Uint8Array(count);
  let targets = new Int32Array(Math.max(16, count * 2));
  let m = 0;
  const dst = edges.dst;
  for (let i = 0; i < count; i++) {
    const k = adj.collectOut(slots[i]!, edges);
    const buf = adj.outBuf;
    if (m + k > targets.length) {
      const bigger = new Int32Array(Math.max(m + k, targets.length * 2));
      bigger.set(targets);
      targets = bigger;
    }
    for (let j = 0; j < k; j++) {
      const t = local[dst[buf[j]!]!]!;
      if (t < 0) continue;
      targets[m++] = t;
      indeg[t]!++;
      if (t === i) selfLoop[i] = 1;
    }
    off[i + 1] = m;
  }
  return { off, adj: targets, indeg, selfLoop };
}

/** Kahn's algorithm over the nodes with `skip[i] === 0`; appends to `out` and returns its new length. */
function kahn(g: LocalGraph, count: number, skip: Uint8Array, out: Int32Array, len: number): number {
  const { off, adj, indeg } = g;
  let head = len;
  let tail = len;
  for (let i = 0; i < count; i++) if (skip[i] === 0 && indeg[i] === 0) out[tail++] = i;
  while (head < tail) {
    const v = out[head++]!;
    for (let k = off[v]!; k < off[v + 1]!; k++) {
      const w = adj[k]!;
      if (skip[w] === 0 && --indeg[w]! === 0) out[tail++] = w;
    }
  }
  return tail;
}

/**
 * Orders a region for propagation (`slots` null: the whole, freshly built graph, slots 0..count-1).
 * Kahn first: on a mostly acyclic graph it places nearly everything in one pass; only what it cannot
 * place (cycle members and what lies downstream of them) goes through Tarjan, and a second Kahn pass
 * orders the non-cycle rest while ignoring edges out of cycles.
 */
export function orderRegion(
  slots: Int32Array | null,
  count: number,
  local: Int32Array,
  adj: Adjacency,
  edges: Edges,
): RegionOrder {
  if (slots === null) {
    if (count !== adj.csrN || edges.dead !== 0 || adj.extraCount !== 0) {
      throw new SightlineError("internal", "orderRegion over the whole graph needs a freshly built graph");
    }
    return orderLocal(induceAll(count, adj, edges), count, null);
  }
  for (let i = 0; i < count; i++) local[slots[i]!] = i;
  try {
    return orderLocal(induce(slots, count, local, adj, edges), count, slots);
  } finally {
    for (let i = 0; i < count; i++) local[slots[i]!] = -1;
  }
}

/** Kahn, then Tarjan and a second Kahn for what the first could not place; maps back to slots. */
function orderLocal(g: LocalGraph, count: number, slots: Int32Array | null): RegionOrder {
  const placed = new Int32Array(count);
  const skip = new Uint8Array(count);
  let len = kahn(g, count, skip, placed, 0);
  const cycles: number[][] = [];
  if (len < count) {
    const rest = residual(g, count, placed, len, skip, slots, cycles);
    // Recount in-degrees among the unplaced non-cycle nodes only: edges out of cycles never count down.
    for (let i = 0; i < count; i++) if (rest[i] === 1) g.indeg[i] = 0;
    for (let i = 0; i < count; i++) {
      if (rest[i] === 0) continue;
      for (let k = g.off[i]!; k < g.off[i + 1]!; k++) if (rest[g.adj[k]!] === 1) g.indeg[g.adj[k]!]!++;
    }
    len = kahn(g, count, skip, placed, len);
  }
  if (slots === null) return { order: placed.subarray(0, len), cycles };
  const order = new Int32Array(len);
  for (let i = 0; i < len; i++) order[i] = slots[placed[i]!]!;
  return { order, cycles };
}

/**
 * Finds the cycles among the nodes Kahn could not place. On return `skip` is 1 for every node already
 * placed or in a cycle; the returned flags mark the unplaced non-cycle nodes (downstream of a cycle).
 */
function residual(
  g: LocalGraph,
  count: number,
  placed: Int32Array,
  len: number,
  skip: Uint8Array,
  slots: Int32Array | null,
  cycles: number[][],
): Uint8Array {
  for (let i = 0; i < len; i++) skip[placed[i]!] = 1;
  const ids = new Int32Array(count).fill(-1);
  const members: number[] = [];
  for (let i = 0; i < count; i++) {
    if (skip[i] === 0) {
      ids[i] = members.length;
      members.push(i);
    }
  }
  const r = members.length;
  const off = new Int32Array(r + 1);
  const adj: number[] = [];
  for (let j = 0; j < r; j++) {
    const i = members[j]!;
    for (let k = g.off[i]!; k < g.off[i + 1]!; k++) {
      const t = ids[g.adj[k]!]!;
      if (t >= 0) adj.push(t);
    }
    off[j + 1] = adj.length;
  }
  const { comp, count: comps } = stronglyConnected(r, off, Int32Array.from(adj));
  const size = new Int32Array(comps);
  for (let j = 0; j < r; j++) size[comp[j]!]!++;
  const groups = new Map<number, number[]>();
  const rest = new Uint8Array(count);
  for (let j = 0; j < r; j++) {
    const i = members[j]!;
    const c = comp[j]!;
    if (size[c]! > 1 || g.selfLoop[i] === 1) {
      skip[i] = 1;
      const group = groups.get(c);
      const slot = slots === null ? i : slots[i]!;
      if (group) group.push(slot);
      else groups.set(c, [slot]);
    } else {
      rest[i] = 1;
    }
  }
  // Placed nodes must not be re-emitted by the second Kahn pass; unplaced non-cycle nodes must be.
  for (let i = 0; i < count; i++) if (rest[i] === 1) skip[i] = 0;
  for (const group of groups.values()) cycles.push(group);
  return rest;
}
