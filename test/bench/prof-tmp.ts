import { readFileSync } from "node:fs";
import { reconcile } from "../../src/reconcile/index.js";
import { generateLayeredGraph } from "./generate-graph.js";
const n = Number(process.argv[2] ?? 100000);
const g = generateLayeredGraph({ actions: n, seed: 42 });
const input = { actions: g.actions, directory: g.directory, kpis: g.kpis, today: g.today };
function mainCpu(): number {
  const f = readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(f[11]) + Number(f[12])) * 10;
}
for (let i = 0; i < Number(process.argv[3] ?? 3); i++) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const m0 = mainCpu();
  const r = reconcile(input);
  const c = process.cpuUsage(c0);
  console.log("wall", (performance.now() - t0).toFixed(0), "main", mainCpu() - m0, "cpu", ((c.user + c.system) / 1000).toFixed(0), JSON.stringify(r.stats));
}
