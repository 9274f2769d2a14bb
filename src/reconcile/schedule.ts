import type { Adjacency } from "./adjacency.js";
import {
  DEP_FF,
  DEP_FS,
  DEP_SS,
  DRIVER_FINISH,
  DRIVER_OWN,
  DRIVER_START,
  FLAG_CLOSED,
  FLAG_UNSTARTED,
  NONE,
} from "./codes.js";
import type { Edges } from "./edges.js";
import type { Nodes } from "./nodes.js";

/** Planned start as checked: the start, or the due date for an action with no start. */
export function plannedStart(nodes: Nodes, v: number): number {
  const s = nodes.start[v]!;
  return s !== NONE ? s : nodes.due[v]!;
}

/** Planned finish: the due date, or the start for an action with a start and no due date. */
export function plannedFinish(nodes: Nodes, v: number): number {
  const d = nodes.due[v]!;
  return d !== NONE ? d : nodes.start[v]!;
}

/**
 * Recomputes one action's earliest and forecast dates from its dependencies' forecasts, which must be
 * final (callers go in topological order). Closed actions and cycle members push nothing: their
 * forecasts stay NONE and the edges out of them are skipped here. Incoming edges always come in the
 * dependent's `dependsOn` order (edges are created per holder, in order), so among equally binding
 * dependencies the one listed first wins, whatever the order of the input actions.
 */
/** The clock and the forecasting rule propagation reads. */
export interface ForecastRule {
  readonly today: number;
  readonly forecastUnstarted: boolean;
}

/** The earliest day the action's own plan lets it start: its planned start, or today for unstarted work late to start. */
export function ownStart(nodes: Nodes, rule: ForecastRule, v: number): number {
  const ps = plannedStart(nodes, v);
  const late = rule.forecastUnstarted && (nodes.flags[v]! & FLAG_UNSTARTED) !== 0 && ps < rule.today;
  return late ? rule.today : ps;
}

/** Why an action's forecast finish is what it is, for the conflicts it sets off. */
export type ForecastReason = "planned" | "unstarted" | "overdue" | "pushed";

export function forecastReason(nodes: Nodes, rule: ForecastRule, v: number): ForecastReason {
  if (nodes.driver[v] !== DRIVER_OWN) return "pushed";
  const ps = plannedStart(nodes, v);
  if (ps !== NONE && ownStart(nodes, rule, v) > ps) return "unstarted";
  const due = nodes.due[v]!;
  if (due !== NONE && due < rule.today && nodes.ff[v] === rule.today) return "overdue";
  return "planned";
}

export function propagate(nodes: Nodes, edges: Edges, adj: Adjacency, rule: ForecastRule, v: number): void {
  const today = rule.today;
  if ((nodes.flags[v]! & FLAG_CLOSED) !== 0) {
    nodes.clearSchedule(v);
    return;
  }
  const { src, type, lag } = edges;
  const ff = nodes.ff;
  const fs = nodes.fs;
  let es = NONE;
  let ef = NONE;
  let pStart = -1;
  let pFinish = -1;
  const k = adj.collectIn(v, edges);
  const buf = adj.inBuf;
  for (let j = 0; j < k; j++) {
    const e = buf[j]!;
    const u = src[e]!;
    const t = type[e]!;
    const base = t === DEP_SS ? fs[u]! : ff[u]!;
    if (base === NONE) continue;
    const c = base + lag[e]! + (t === DEP_FS ? 1 : 0);
    if (t === DEP_FF) {
      if (c > ef) {
        ef = c;
        pFinish = e;
      }
    } else if (c > es) {
      es = c;
      pStart = e;
    }
  }
  nodes.es[v] = es;
  nodes.ef[v] = ef;
  nodes.predStart[v] = pStart;
  nodes.predFinish[v] = pFinish;
  const start = nodes.start[v]!;
  const due = nodes.due[v]!;
  if (start === NONE && due === NONE) {
    // Undated: zero duration at the earliest the dependencies allow, so a slip still flows through it.
    fs[v] = es;
    if (es === NONE && ef === NONE) {
      ff[v] = NONE;
      nodes.driver[v] = DRIVER_OWN;
    } else if (ef === NONE || (es !== NONE && es >= ef)) {
      ff[v] = es;
      nodes.driver[v] = DRIVER_START;
    } else {
      ff[v] = ef;
      nodes.driver[v] = DRIVER_FINISH;
    }
    return;
  }
  const ps = start !== NONE ? start : due;
  const pf = due !== NONE ? due : start;
  const duration = pf > ps ? pf - ps : 0;
  const own = ownStart(nodes, rule, v);
  fs[v] = es !== NONE && es > own ? es : own;
  let finish = due !== NONE && due < today ? today : pf;
  if (own + duration > finish) finish = own + duration;
  let driver = DRIVER_OWN;
  if (es !== NONE && es + duration > finish) {
    finish = es + duration;
    driver = DRIVER_START;
  }
  if (ef !== NONE && ef > finish) {
    finish = ef;
    driver = DRIVER_FINISH;
  }
  ff[v] = finish;
  nodes.driver[v] = driver;
}

/** Earliest finish the dependencies allow: pushed start plus duration, or an FF bound; NONE if unconstrained. */
export function earliestFinish(nodes: Nodes, v: number): number {
  const es = nodes.es[v]!;
  const ef = nodes.ef[v]!;
  let pushed = NONE;
  if (es !== NONE) {
    const ps = plannedStart(nodes, v);
    const pf = plannedFinish(nodes, v);
    pushed = es + (ps !== NONE && pf > ps ? pf - ps : 0);
  }
  return Math.max(pushed, ef);
}

function startPushed(nodes: Nodes, rule: ForecastRule, u: number): boolean {
  const es = nodes.es[u]!;
  if (es === NONE) return false;
  const own = ownStart(nodes, rule, u);
  return own === NONE || es > own;
}

/**
 * The binding path from the root cause down to `v`, entered through edge `e`. At each dependency we ask
 * what set the value the edge used (its forecast finish for FS/FF, its forecast start for SS): its own
 * dates end the walk there (that action is the root cause); a pushed start or an FF bound continues
 * upstream along the edge that set it.
 */
export function bindingPath(nodes: Nodes, edges: Edges, rule: ForecastRule, v: number, e: number): number[] {
  const path = [v];
  let cur = e;
  while (cur >= 0) {
    const u = edges.src[cur]!;
    path.push(u);
    if (path.length > nodes.n + 1) throw new Error(`binding path from ${nodes.ids[v]} does not end`);
    if (edges.type[cur] === DEP_SS) {
      cur = startPushed(nodes, rule, u) ? nodes.predStart[u]! : -1;
    } else {
      const driver = nodes.driver[u];
      cur =
        driver === DRIVER_START ? nodes.predStart[u]! : driver === DRIVER_FINISH ? nodes.predFinish[u]! : -1;
    }
  }
  return path.reverse();
}
