import { Nodes } from "../../src/reconcile/nodes.js";
import { generateLayeredGraph } from "./generate-graph.js";
const g = generateLayeredGraph({ actions: 1_000_000, seed: 42 });
for (let r = 0; r < 2; r++) {
  let t = performance.now();
  const m = new Map<string, number>();
  g.actions.forEach((a, i) => m.set(a.id, i));
  const t1 = performance.now() - t;
  t = performance.now();
  const m2 = new Map<string, number>();
  g.actions.forEach((a, i) => m2.set(a.nativeKey, i));
  const t2 = performance.now() - t;
  t = performance.now();
  const nodes = new Nodes(1_000_000);
  for (const a of g.actions) nodes.add(a, 0);
  const t3 = performance.now() - t;
  t = performance.now();
  let hits = 0;
  for (const a of g.actions) for (const d of a.dependsOn) if (m.get(d.ref) !== undefined) hits++;
  const t4 = performance.now() - t;
  console.log({ idSet: t1, keySet: t2, nodesAdd: t3, refGet: t4, hits });
}
