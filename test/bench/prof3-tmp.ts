import { StringSlotTable, hashString } from "../../src/reconcile/string-table.js";
import { generateLayeredGraph } from "./generate-graph.js";
const g = generateLayeredGraph({ actions: 1_000_000, seed: 42 });
const ids = g.actions.map((a) => a.id);
const n = ids.length;
for (let r = 0; r < 3; r++) {
  let t = performance.now();
  const tab = new StringSlotTable((s) => ids[s]!, n);
  for (let i = 0; i < n; i++) tab.addUnique(ids[i]!, i, hashString(ids[i]!));
  const tRandom = performance.now() - t;
  t = performance.now();
  const hs = new Int32Array(n);
  for (let i = 0; i < n; i++) hs[i] = hashString(ids[i]!);
  const tHash = performance.now() - t;
  t = performance.now();
  // counting sort by top 12 bits of (h & mask)
  const tab2 = new StringSlotTable((s) => ids[s]!, n);
  const bits = 12;
  const cnt = new Int32Array((1 << bits) + 1);
  const maskBits = 32 - Math.clz32((1 << 21) - 1); // 21
  const shift = maskBits - bits;
  for (let i = 0; i < n; i++) cnt[(((hs[i]! & ((1 << 21) - 1)) >>> shift) + 1)]!++;
  for (let b = 0; b < 1 << bits; b++) cnt[b + 1]! += cnt[b]!;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[cnt[(hs[i]! & ((1 << 21) - 1)) >>> shift]!++] = i;
  for (let k = 0; k < n; k++) { const i = order[k]!; tab2.addUnique(ids[i]!, i, hs[i]!); }
  const tSorted = performance.now() - t;
  t = performance.now();
  let hits = 0;
  for (const a of g.actions) for (const d of a.dependsOn) if (tab.first(d.ref) >= 0) hits++;
  const tGet = performance.now() - t;
  console.log({ tRandom: tRandom.toFixed(0), tHash: tHash.toFixed(0), tSorted: tSorted.toFixed(0), tGet: tGet.toFixed(0), hits });
}
