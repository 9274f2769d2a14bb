import { growInt16, growInt32, growUint8, nextCapacity } from "./typed-grow.js";

/** Resolved dependency edges (dependency `src` → dependent `dst`) as parallel typed arrays. */
export class Edges {
  m = 0;
  dead = 0;
  cap: number;
  src: Int32Array;
  dst: Int32Array;
  /** Lag in days; the model bounds it to ±3650, so 16 bits suffice (a million edges, 4 MB saved). */
  lag: Int16Array;
  /** Position of the ref in the dependent's `dependsOn`. */
  refPos: Int32Array;
  type: Uint8Array;
  alive: Uint8Array;

  constructor(cap: number) {
    this.cap = Math.max(cap, 16);
    this.src = new Int32Array(this.cap);
    this.dst = new Int32Array(this.cap);
    this.lag = new Int16Array(this.cap);
    this.refPos = new Int32Array(this.cap);
    this.type = new Uint8Array(this.cap);
    this.alive = new Uint8Array(this.cap);
  }

  add(src: number, dst: number, type: number, lag: number, refPos: number): number {
    if (this.m === this.cap) {
      const cap = nextCapacity(this.m + 1);
      this.src = growInt32(this.src, cap);
      this.dst = growInt32(this.dst, cap);
      this.lag = growInt16(this.lag, cap);
      this.refPos = growInt32(this.refPos, cap);
      this.type = growUint8(this.type, cap);
      this.alive = growUint8(this.alive, cap);
      this.cap = cap;
    }
    const e = this.m++;
    this.src[e] = src;
    this.dst[e] = dst;
    this.type[e] = type;
    this.lag[e] = lag;
    this.refPos[e] = refPos;
    this.alive[e] = 1;
    return e;
  }

  kill(e: number): void {
    if (this.alive[e] === 1) {
      this.alive[e] = 0;
      this.dead++;
    }
  }
}
