import { pathToFileURL } from "node:url";
import { type Action, addDays } from "../../src/model/index.js";
import { IncrementalReconciler, reconcile } from "../../src/reconcile/index.js";
import { type GeneratedGraph, generateLayeredGraph } from "./generate-graph.js";

export interface Row {
  actions: number;
  deps: number;
  /** Index, owner and ref resolution, CSR build (inside the full reconcile). */
  buildMs: number;
  fullMs: number;
  conflicts: number;
  /** Actions downstream of the edited one (its forward closure, itself excluded). */
  reach: number;
  /** Conflicts opened, changed or resolved by one edit (the slip, or its fix). */
  diffSize: number;
  incrementalMs: number;
  speedup: number;
  peakRssMb: number;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Downstream count of `start`, giving up past `cap`. */
function reachOf(g: GeneratedGraph, off: Int32Array, adj: Int32Array, start: number, cap: number): number {
  const seen = new Set<number>([start]);
  const queue = [start];
  for (let h = 0; h < queue.length && seen.size <= cap + 1; h++) {
    const v = queue[h]!;
    for (let k = off[v]!; k < off[v + 1]!; k++) {
      const w = adj[k]!;
      if (!seen.has(w)) {
        seen.add(w);
        queue.push(w);
      }
    }
  }
  void g;
  return seen.size - 1;
}

/** The action with the largest downstream reach that stays within `cap`, searching up from the last layer. */
function pickTarget(g: GeneratedGraph, cap: number): { index: number; reach: number } {
  const n = g.actions.length;
  const off = new Int32Array(n + 1);
  for (const f of g.edgeFrom) off[f + 1]!++;
  for (let i = 0; i < n; i++) off[i + 1]! += off[i]!;
  const pos = off.slice(0, n);
  const adj = new Int32Array(g.edgeFrom.length);
  g.edgeFrom.forEach((f, k) => {
    adj[pos[f]!++] = g.edgeTo[k]!;
  });
  let best = { index: n - 1, reach: 0 };
  const layers = Math.ceil(n / g.layerWidth);
  for (let layer = layers - 1; layer >= 0; layer--) {
    let anyWithin = false;
    for (let s = 0; s < 8; s++) {
      const i = Math.min(n - 1, layer * g.layerWidth + Math.floor((s * g.layerWidth) / 8));
      const reach = reachOf(g, off, adj, i, cap);
      if (reach <= cap) {
        anyWithin = true;
        if (reach > best.reach) best = { index: i, reach };
      }
    }
    if (!anyWithin) break;
  }
  return best;
}

function shifted(a: Action, days: number): Action {
  return a.due === null ? a : { ...a, due: addDays(a.due, days) };
}

export async function runReconcileBench(opts: {
  sizes: number[];
  runs?: number;
  edits?: number;
  /** How far the edited due date moves (default 10 days: a slip that fades out a few layers down). */
  slipDays?: number;
}): Promise<Row[]> {
  const rows: Row[] = [];
  for (const size of opts.sizes) {
    const g = generateLayeredGraph({ actions: size, seed: 42 });
    const input = { actions: g.actions, directory: g.directory, kpis: g.kpis, today: g.today };
    const runs = opts.runs ?? (size >= 1_000_000 ? 3 : 5);
    const full: number[] = [];
    const build: number[] = [];
    let conflicts = 0;
    for (let r = 0; r < runs; r++) {
      const t0 = performance.now();
      const result = reconcile(input);
      full.push(performance.now() - t0);
      build.push(result.stats.buildMs);
      conflicts = result.conflicts.length;
    }
    const target = pickTarget(g, 1000);
    const inc = new IncrementalReconciler(input);
    const original = g.actions[target.index]!;
    const slipped = shifted(original, opts.slipDays ?? 10);
    // Alternate the slip and its fix; the first few edits warm the JIT and are not timed.
    const warmup = 6;
    const times: number[] = [];
    let diffSize = 0;
    for (let r = 0; r < warmup + (opts.edits ?? 31); r++) {
      const t0 = performance.now();
      const diff = inc.apply({ upserted: [r % 2 === 0 ? slipped : original] });
      if (r >= warmup) times.push(performance.now() - t0);
      diffSize = diff.opened.length + diff.changed.length + diff.resolved.length;
    }
    const fullMs = median(full);
    const incMs = median(times);
    rows.push({
      actions: size,
      deps: g.edgeFrom.length,
      buildMs: median(build),
      fullMs,
      conflicts,
      reach: target.reach,
      diffSize,
      incrementalMs: incMs,
      speedup: fullMs / incMs,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    });
  }
  return rows;
}

export function printTable(rows: readonly Row[]): void {
  console.log(
    "| actions | deps | build ms | full reconcile ms | conflicts | edit reaches | diff | incremental ms | speedup | peak RSS MB |",
  );
  console.log("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const r of rows) {
    console.log(
      `| ${r.actions} | ${r.deps} | ${r.buildMs.toFixed(0)} | ${r.fullMs.toFixed(0)} | ${r.conflicts} | ${r.reach} | ${r.diffSize} | ` +
        `${r.incrementalMs.toFixed(2)} | ${r.speedup.toFixed(0)}× | ${r.peakRssMb.toFixed(0)} |`,
    );
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const sizes = process.argv.slice(2).map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n <= 0)) {
    throw new Error(
      `usage: tsx test/bench/reconcile-bench.ts [actions...], got ${process.argv.slice(2).join(" ")}`,
    );
  }
  printTable(await runReconcileBench({ sizes: sizes.length > 0 ? sizes : [10_000, 100_000] }));
}
