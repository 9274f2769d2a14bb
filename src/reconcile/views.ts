import { SightlineError } from "../model/index.js";
import { DEP_NAMES } from "./codes.js";
import { isoOrNull } from "./dates.js";
import type { Engine } from "./engine.js";
import { computeKpiDelays, withKpiImpact } from "./kpi-impact.js";
import { compareConflicts } from "./order.js";
import { computeRollups } from "./rollups.js";
import { earliestFinish } from "./schedule.js";
import type { Forecast, OwnerResolution, ReconcileResult, ResolvedEdge } from "./types.js";

/** Live slots ordered by action id: the iteration order of every view. */
function sortedSlots(g: Engine): number[] {
  const slots: number[] = [];
  for (let s = 0; s < g.nodes.n; s++) if (g.nodes.alive(s)) slots.push(s);
  const ids = g.nodes.ids;
  return slots.sort((a, b) => (ids[a]! < ids[b]! ? -1 : 1));
}

/**
 * A read-only map by action id whose values are built from the engine's arrays on `get`; iterating
 * materialises a real Map once. Guarded by the engine version: reading after an edit throws.
 */
class SlotMapView<V> implements ReadonlyMap<string, V> {
  private materialised: Map<string, V> | undefined;
  constructor(
    private readonly g: Engine,
    private readonly version: number,
    private readonly make: (slot: number) => V,
  ) {}

  private check(): void {
    if (this.g.version !== this.version) {
      throw new SightlineError(
        "stale_result",
        "this reconcile result was read after apply() changed the state",
      );
    }
  }

  get size(): number {
    this.check();
    return this.g.ids.size;
  }

  get(id: string): V | undefined {
    this.check();
    const slot = this.g.slotOf(id);
    return slot < 0 ? undefined : this.make(slot);
  }

  has(id: string): boolean {
    this.check();
    return this.g.slotOf(id) >= 0;
  }

  private all(): Map<string, V> {
    this.check();
    if (!this.materialised) {
      this.materialised = new Map(sortedSlots(this.g).map((s) => [this.g.nodes.ids[s]!, this.make(s)]));
    }
    return this.materialised;
  }

  forEach(fn: (value: V, key: string, map: ReadonlyMap<string, V>) => void): void {
    for (const [k, v] of this.all()) fn(v, k, this);
  }
  entries(): MapIterator<[string, V]> {
    return this.all().entries();
  }
  keys(): MapIterator<string> {
    return this.all().keys();
  }
  values(): MapIterator<V> {
    return this.all().values();
  }
  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.all().entries();
  }
}

function ownerOf(g: Engine, slot: number): OwnerResolution {
  const match = g.ownerMatch(slot);
  const raw = g.action(slot).ownerRaw;
  if (match.vacuum === null) return { personId: g.resolver.personId(match.person), via: match.via, raw };
  const out: OwnerResolution = { personId: null, via: null, raw, vacuumReason: match.vacuum };
  if (match.team !== null) out.team = match.team;
  if (match.candidates.length > 0) out.candidates = [...match.candidates];
  return out;
}

function forecastOf(g: Engine, slot: number): Forecast {
  const n = g.nodes;
  return {
    earliestStart: isoOrNull(n.es[slot]!),
    earliestFinish: isoOrNull(earliestFinish(n, slot)),
    forecastStart: isoOrNull(n.fs[slot]!),
    forecastFinish: isoOrNull(n.ff[slot]!),
  };
}

function edgesOf(g: Engine): ResolvedEdge[] {
  const out: ResolvedEdge[] = [];
  const { edges, adj, nodes } = g;
  for (const v of sortedSlots(g)) {
    const k = adj.collectIn(v, edges);
    const list = Array.from(adj.inBuf.subarray(0, k)).sort((a, b) => edges.refPos[a]! - edges.refPos[b]!);
    const action = g.action(v);
    for (const e of list) {
      out.push({
        dependentId: action.id,
        dependencyId: nodes.ids[edges.src[e]!]!,
        type: DEP_NAMES[edges.type[e]!] ?? "FS",
        lagDays: edges.lag[e]!,
        ref: action.dependsOn[edges.refPos[e]!]?.ref ?? "",
      });
    }
  }
  return out;
}

/** Conflicts and roll-ups are computed now; owners, forecast and edges on first read. */
export function buildResult(g: Engine): ReconcileResult {
  const t0 = performance.now();
  const version = g.version;
  // A KPI's delay depends on the whole plan, so it is attached here, after every rule ran, rather than cached
  // with each action's conflicts (an edit elsewhere can move it).
  const delays = computeKpiDelays(g);
  const conflicts = g
    .allConflicts()
    .map((c) => withKpiImpact(c, delays, g.kpiByKey))
    .sort(compareConflicts);
  const rollups = computeRollups(g, conflicts, delays.values());
  let edges: ResolvedEdge[] | undefined;
  return {
    conflicts,
    rollups,
    stats: { ...g.stats, conflictsMs: g.stats.conflictsMs + (performance.now() - t0) },
    owners: new SlotMapView(g, version, (s) => ownerOf(g, s)),
    forecast: new SlotMapView(g, version, (s) => forecastOf(g, s)),
    get edges(): ResolvedEdge[] {
      if (g.version !== version) {
        throw new SightlineError(
          "stale_result",
          "this reconcile result was read after apply() changed the state",
        );
      }
      edges = edges ?? edgesOf(g);
      return edges;
    },
  };
}
