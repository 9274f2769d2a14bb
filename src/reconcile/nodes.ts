import type { Action } from "../model/index.js";
import { FLAG_ALIVE, FLAG_CLOSED, FLAG_DONE, FLAG_UNDATED, FLAG_UNSTARTED, NONE } from "./codes.js";
import { dayOrNone } from "./dates.js";
import { growInt32, growUint8, nextCapacity } from "./typed-grow.js";

/**
 * Actions indexed to integer slots. Hot fields (dates, status, schedule results) live in typed arrays;
 * the Action objects stay cold in `actions`. A removed action's slot is left dead, never reused, so
 * edge and predecessor ids stay valid across incremental edits.
 */
export class Nodes {
  n = 0;
  cap: number;
  ids: string[] = [];
  actions: (Action | undefined)[] = [];
  flags: Uint8Array;
  start: Int32Array;
  due: Int32Array;
  baseline: Int32Array;
  /** Index into OwnerResolver.results. */
  owner: Int32Array;
  /** Earliest start / finish the dependencies allow. */
  es: Int32Array;
  ef: Int32Array;
  /** Forecast start / finish: what this action pushes downstream. */
  fs: Int32Array;
  ff: Int32Array;
  /** Binding incoming edge for es and ef, -1 when none. */
  predStart: Int32Array;
  predFinish: Int32Array;
  driver: Uint8Array;

  constructor(cap: number) {
    this.cap = Math.max(cap, 16);
    this.flags = new Uint8Array(this.cap);
    this.start = new Int32Array(this.cap).fill(NONE);
    this.due = new Int32Array(this.cap).fill(NONE);
    this.baseline = new Int32Array(this.cap).fill(NONE);
    this.owner = new Int32Array(this.cap);
    this.es = new Int32Array(this.cap).fill(NONE);
    this.ef = new Int32Array(this.cap).fill(NONE);
    this.fs = new Int32Array(this.cap).fill(NONE);
    this.ff = new Int32Array(this.cap).fill(NONE);
    this.predStart = new Int32Array(this.cap).fill(-1);
    this.predFinish = new Int32Array(this.cap).fill(-1);
    this.driver = new Uint8Array(this.cap);
  }

  private grow(needed: number): void {
    const cap = nextCapacity(needed);
    this.flags = growUint8(this.flags, cap);
    this.start = growInt32(this.start, cap, NONE);
    this.due = growInt32(this.due, cap, NONE);
    this.baseline = growInt32(this.baseline, cap, NONE);
    this.owner = growInt32(this.owner, cap);
    this.es = growInt32(this.es, cap, NONE);
    this.ef = growInt32(this.ef, cap, NONE);
    this.fs = growInt32(this.fs, cap, NONE);
    this.ff = growInt32(this.ff, cap, NONE);
    this.predStart = growInt32(this.predStart, cap, -1);
    this.predFinish = growInt32(this.predFinish, cap, -1);
    this.driver = growUint8(this.driver, cap);
    this.cap = cap;
  }

  add(action: Action, owner: number): number {
    if (this.n === this.cap) this.grow(this.n + 1);
    const slot = this.n++;
    this.ids[slot] = action.id;
    this.set(slot, action, owner);
    return slot;
  }

  /** (Re)loads an action's hot fields; schedule results are recomputed by the caller. */
  set(slot: number, action: Action, owner: number): void {
    this.actions[slot] = action;
    this.start[slot] = dayOrNone(action.start, action.id, "start");
    this.due[slot] = dayOrNone(action.due, action.id, "due");
    // A start after the due date (a typo, or one date moved without the other) is scheduled as a milestone on
    // the due date, so its forecast never finishes before it starts; the invalid_dates rule reports it.
    if (this.start[slot] !== NONE && this.due[slot] !== NONE && this.start[slot]! > this.due[slot]!) {
      this.start[slot] = this.due[slot]!;
    }
    this.baseline[slot] = dayOrNone(action.baselineDue, action.id, "baselineDue");
    const closed = action.status === "done" || action.status === "cancelled";
    const undated = this.start[slot] === NONE && this.due[slot] === NONE;
    this.flags[slot] =
      FLAG_ALIVE |
      (closed ? FLAG_CLOSED : 0) |
      (action.status === "done" ? FLAG_DONE : 0) |
      (action.status === "todo" ? FLAG_UNSTARTED : 0) |
      (undated ? FLAG_UNDATED : 0);
    this.owner[slot] = owner;
  }

  kill(slot: number): void {
    this.actions[slot] = undefined;
    this.flags[slot] = 0;
    this.start[slot] = NONE;
    this.due[slot] = NONE;
    this.baseline[slot] = NONE;
    this.clearSchedule(slot);
  }

  clearSchedule(slot: number): void {
    this.es[slot] = NONE;
    this.ef[slot] = NONE;
    this.fs[slot] = NONE;
    this.ff[slot] = NONE;
    this.predStart[slot] = -1;
    this.predFinish[slot] = -1;
    this.driver[slot] = 0;
  }

  alive(slot: number): boolean {
    return (this.flags[slot]! & FLAG_ALIVE) !== 0;
  }
}
