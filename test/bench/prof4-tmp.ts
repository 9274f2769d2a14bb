import { hashString } from "../../src/reconcile/string-table.js";
import { generateLayeredGraph } from "./generate-graph.js";
const g = generateLayeredGraph({ actions: 1_000_000, seed: 42 });
const ids = g.actions.map((a) => a.id);
const n = ids.length;
const cap = 1 << 21, mask = cap - 1;
const cells = new Int32Array(cap * 2);
for (let i = 0; i < n; i++) { const h = hashString(ids[i]!); let p = h & mask; while (cells[2*p+1] !== 0) p = (p+1)&mask; cells[2*p]=h; cells[2*p+1]=i+1; }
const refs: string[] = [];
for (const a of g.actions) for (const d of a.dependsOn) refs.push(d.ref);
const m = refs.length;
for (let r = 0; r < 3; r++) {
  let t = performance.now();
  const hs = new Int32Array(m);
  for (let i = 0; i < m; i++) hs[i] = hashString(refs[i]!);
  const tHash = performance.now() - t;
  t = performance.now();
  const cand = new Int32Array(m);
  for (let i = 0; i < m; i++) { const h = hs[i]!; let p = h & mask; let c = -1; for (;;) { const v = cells[2*p+1]!; if (v === 0) break; if (cells[2*p] === h) { c = v - 1; break; } p = (p+1)&mask; } cand[i] = c; }
  const tProbe = performance.now() - t;
  t = performance.now();
  let ok = 0;
  for (let i = 0; i < m; i++) { const c = cand[i]!; if (c >= 0 && ids[c] === refs[i]) ok++; }
  const tVerify = performance.now() - t;
  // sorted probe
  t = performance.now();
  const bits = 12, shift = 21 - bits;
  const cnt = new Int32Array((1 << bits) + 1);
  for (let i = 0; i < m; i++) cnt[((hs[i]! & mask) >>> shift) + 1]!++;
  for (let b = 0; b < 1 << bits; b++) cnt[b + 1]! += cnt[b]!;
  const order = new Int32Array(m);
  for (let i = 0; i < m; i++) order[cnt[(hs[i]! & mask) >>> shift]!++] = i;
  const cand2 = new Int32Array(m);
  for (let k = 0; k < m; k++) { const i = order[k]!; const h = hs[i]!; let p = h & mask; let c = -1; for (;;) { const v = cells[2*p+1]!; if (v === 0) break; if (cells[2*p] === h) { c = v - 1; break; } p = (p+1)&mask; } cand2[i] = c; }
  const tSortedProbe = performance.now() - t;
  console.log({ tHash: tHash.toFixed(0), tProbe: tProbe.toFixed(0), tVerify: tVerify.toFixed(0), tSortedProbe: tSortedProbe.toFixed(0), ok });
}
