import type { Edges } from "./edges.js";

function pushExtra(map: Map<number, number[]>, node: number, e: number): void {
  const list = map.get(node);
  if (list) list.push(e);
  else map.set(node, [e]);
}

/**
 * Edge ids by dependency (forward) and by dependent (reverse) in CSR form, plus small per-node overflow
 * lists for edges added after the last build (incremental edits). Dead edges stay in place and are
 * skipped until `build` runs again.
 */
export class Adjacency {
  /** Nodes below csrN have a CSR range; newer nodes only have overflow lists. */
  csrN = 0;
  fwdOff: Int32Array = new Int32Array(1);
  fwdList: Int32Array = new Int32Array(0);
  /** Target node of each fwdList entry, for whole-graph passes that need no edge attributes. */
  fwdDst: Int32Array = new Int32Array(0);
  revOff: Int32Array = new Int32Array(1);
  revList: Int32Array = new Int32Array(0);
  readonly fwdExtra = new Map<number, number[]>();
  readonly revExtra = new Map<number, number[]>();
  extraCount = 0;
  /** Scratch output of collectIn / collectOut: valid until the next call of the same method. */
  inBuf: Int32Array = new Int32Array(64);
  outBuf: Int32Array = new Int32Array(64);

  build(n: number, edges: Edges): void {
    const { src, dst, alive, m } = edges;
    // Counting sort filled from the last edge down, so each node's edges stay in edge-id order (which is
    // the dependent's dependsOn order) and the offsets end up as bucket starts without a scratch copy.
    const fwdOff = new Int32Array(n + 1);
    const revOff = new Int32Array(n + 1);
    let live = 0;
    for (let e = 0; e < m; e++) {
      if (alive[e] === 0) continue;
      fwdOff[src[e]!]!++;
      revOff[dst[e]!]!++;
      live++;
    }
    for (let i = 1; i < n; i++) {
      fwdOff[i]! += fwdOff[i - 1]!;
      revOff[i]! += revOff[i - 1]!;
    }
    fwdOff[n] = live;
    revOff[n] = live;
    const fwdList = new Int32Array(live);
    const fwdDst = new Int32Array(live);
    const revList = new Int32Array(live);
    for (let e = m - 1; e >= 0; e--) {
      if (alive[e] === 0) continue;
      const p = --fwdOff[src[e]!]!;
      fwdList[p] = e;
      fwdDst[p] = dst[e]!;
      revList[--revOff[dst[e]!]!] = e;
    }
    this.fwdDst = fwdDst;
    this.csrN = n;
    this.fwdOff = fwdOff;
    this.revOff = revOff;
    this.fwdList = fwdList;
    this.revList = revList;
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

  /** Live incoming edge ids of v into `inBuf`; returns how many. */
  collectIn(v: number, edges: Edges): number {
    return this.collect(v, edges, this.revOff, this.revList, this.revExtra, true);
  }

  /** Live outgoing edge ids of v into `outBuf`; returns how many. */
  collectOut(v: number, edges: Edges): number {
    return this.collect(v, edges, this.fwdOff, this.fwdList, this.fwdExtra, false);
  }

  private collect(
    v: number,
    edges: Edges,
    off: Int32Array,
    list: Int32Array,
    extra: Map<number, number[]>,
    incoming: boolean,
  ): number {
    const alive = edges.alive;
    let buf = incoming ? this.inBuf : this.outBuf;
    let k = 0;
    if (v < this.csrN) {
      const end = off[v + 1]!;
      const begin = off[v]!;
      if (end - begin > buf.length) buf = this.resize(incoming, end - begin);
      for (let i = begin; i < end; i++) {
        const e = list[i]!;
        if (alive[e] === 1) buf[k++] = e;
      }
    }
    const more = extra.get(v);
    if (more !== undefined) {
      if (k + more.length > buf.length) buf = this.resize(incoming, k + more.length, buf);
      for (const e of more) if (alive[e] === 1) buf[k++] = e;
    }
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
