import { reconcile } from "../../src/reconcile/index.js";
import { generateLayeredGraph } from "./generate-graph.js";
const n = Number(process.argv[2] ?? 100000);
const g = generateLayeredGraph({ actions: n, seed: 42 });
const input = { actions: g.actions, directory: g.directory, kpis: g.kpis, today: g.today };
for (let i = 0; i < Number(process.argv[3] ?? 3); i++) {
  const t0 = performance.now();
  console.log("START", t0.toFixed(0));
  const r = reconcile(input);
  console.log("END", performance.now().toFixed(0), (performance.now() - t0).toFixed(0), JSON.stringify(r.stats));
}
