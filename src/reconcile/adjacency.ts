import { SightlineError } from "../model/index.js";
import type { Edges } from "./edges.js";

function pushExtra(map: Map<number, number[]>, node: number, e: number): void {
  const list = map.get(node);
  if (list) list.push(e);
  else map.set(node, [e]);
}

/**
 * Edges by dependency (forward, CSR of edge ids) and by dependent (reverse), plus small per-node overflow
 * lists for edges added after the last build (incremental edits). `build` requires the edges to be
 * grouped by dependent (they are created holder by holder), so a node's incoming CSR range is simply
 * the edge ids revOff[v]..revOff[v+1]: no reverse list to sort or store. Dead edges stay in place and
 * are skipped until the next build.
 */
export class Adjacency {
  /** Nodes below csrN have a CSR range; newer nodes only have overflow lists. */
  csrN = 0;
  fwdOff: Int32Array = new Int32Array(1);
  fwdList: Int32Array = new Int32Array(0);
  /** Target node of each fwdList entry, for whole-graph passes that need no edge attributes. */
  fwdDst: Int32Array = new Int32Array(0);
  revOff: Int32Array = new Int32Array(1);
  readonly fwdExtra = new Map<number, number[]>();
  readonly revExtra = new Map<number, number[]>();
  extraCount = 0;
  /** Scratch output of collectIn / collectOut: valid until the next call of the same method. */
  inBuf: Int32Array = new Int32Array(64);
  outBuf: Int32Array = new Int32Array(64);

  /** Builds the CSR over edges that are all alive and grouped by dependent (non-decreasing `dst`). */
  build(n: number, edges: Edges): void {
    const { src, dst, m } = edges;
    if (edges.dead !== 0)
      throw new SightlineError("internal", "Adjacency.build needs an edge table without dead edges");
    const fwdOff = new Int32Array(n + 1);
    const revOff = new Int32Array(n + 1);
    for (let e = 0; e < m; e++) {
      if (e > 0 && dst[e]! < dst[e - 1]!) {
        throw new SightlineError("internal", "Adjacency.build needs edges grouped by dependent");
      }
      fwdOff[src[e]!]!++;
      revOff[dst[e]! + 1]!++;
    }
    for (let i = 1; i < n; i++) fwdOff[i]! += fwdOff[i - 1]!;
    for (let i = 0; i < n; i++) revOff[i + 1]! += revOff[i]!;
    fwdOff[n] = m;
    // Forward counting sort filled from the last edge down: each node's edges stay in edge-id order and
    // the offsets end up as bucket starts without a scratch copy.
    const fwdList = new Int32Array(m);
    const fwdDst = new Int32Array(m);
    for (let e = m - 1; e >= 0; e--) {
      const p = --fwdOff[src[e]!]!;
      fwdList[p] = e;
      fwdDst[p] = dst[e]!;
    }
    this.csrN = n;
    this.fwdOff = fwdOff;
    this.revOff = revOff;
    this.fwdList = fwdList;
    this.fwdDst = fwdDst;
    this.fwdExtra.clear();
    this.revExtra.clear();
    this.extraCount = 0;
  }

  addEdge(e: number, src: number, dst: number): void {
    pushExtra(this.fwdExtra, src, e);
    pushExtra(this.revExtra, dst, e);
    this.extraCount++;
  }

  /** Forgets v's overflow incoming list (its edges were killed by the caller). */
  dropIncomingExtras(v: number): void {
    this.revExtra.delete(v);
  }

  /** Live incoming edge ids of v, in its dependsOn order, into `inBuf`; returns how many. */
  collectIn(v: number, edges: Edges): number {
    const alive = edges.alive;
    let buf = this.inBuf;
    let k = 0;
    if (v < this.csrN) {
      const begin = this.revOff[v]!;
      const end = this.revOff[v + 1]!;
      if (end - begin > buf.length) buf = this.resize(true, end - begin);
      for (let e = begin; e < end; e++) if (alive[e] === 1) buf[k++] = e;
    }
    return this.collectExtra(v, alive, this.revExtra, true, buf, k);
  }

  /** Live outgoing edge ids of v into `outBuf`; returns how many. */
  collectOut(v: number, edges: Edges): number {
    const alive = edges.alive;
    let buf = this.outBuf;
    let k = 0;
    if (v < this.csrN) {
      const begin = this.fwdOff[v]!;
      const end = this.fwdOff[v + 1]!;
      if (end - begin > buf.length) buf = this.resize(false, end - begin);
      for (let i = begin; i < end; i++) {
        const e = this.fwdList[i]!;
        if (alive[e] === 1) buf[k++] = e;
      }
    }
    return this.collectExtra(v, alive, this.fwdExtra, false, buf, k);
  }

  private collectExtra(
    v: number,
    alive: Uint8Array,
    extra: Map<number, number[]>,
    incoming: boolean,
    buf: Int32Array,
    k: number,
  ): number {
    const more = extra.get(v);
    if (more === undefined) return k;
    let out = buf;
    if (k + more.length > out.length) out = this.resize(incoming, k + more.length, out);
    for (const e of more) if (alive[e] === 1) out[k++] = e;
    return k;
  }

  private resize(incoming: boolean, needed: number, keep?: Int32Array): Int32Array {
    const next = new Int32Array(Math.max(needed, 64) * 2);
    if (keep) next.set(keep);
    if (incoming) this.inBuf = next;
    else this.outBuf = next;
    return next;
  }
}
