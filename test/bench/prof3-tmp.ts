import { generateLayeredGraph } from "./generate-graph.js";
const g = generateLayeredGraph({ actions: 1_000_000, seed: 42 });
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
for (let r = 0; r < 3; r++) {
  const n = g.actions.length;
  let t = performance.now();
  const bits = 32 - Math.clz32(n * 2);
  const size = 1 << bits;
  const mask = size - 1;
  const table = new Int32Array(size);
  const ids: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const id = g.actions[i]!.id;
    ids[i] = id;
    let p = hash(id) & mask;
    while (table[p] !== 0) p = (p + 1) & mask;
    table[p] = i + 1;
  }
  const t1 = performance.now() - t;
  t = performance.now();
  let hits = 0;
  for (const a of g.actions) {
    for (const d of a.dependsOn) {
      const ref = d.ref;
      let p = hash(ref) & mask;
      for (;;) {
        const v = table[p]!;
        if (v === 0) break;
        if (ids[v - 1] === ref) { hits++; break; }
        p = (p + 1) & mask;
      }
    }
  }
  const t2 = performance.now() - t;
  t = performance.now();
  const m = new Map<string, number>();
  for (let i = 0; i < n; i++) m.set(g.actions[i]!.id, i);
  const t3 = performance.now() - t;
  t = performance.now();
  let hits2 = 0;
  for (const a of g.actions) for (const d of a.dependsOn) if (m.get(d.ref) !== undefined) hits2++;
  const t4 = performance.now() - t;
  console.log({ customSet: t1.toFixed(0), customGet: t2.toFixed(0), mapSet: t3.toFixed(0), mapGet: t4.toFixed(0), hits, hits2 });
}
