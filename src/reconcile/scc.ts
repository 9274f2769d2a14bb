/**
 * Tarjan's strongly connected components on a CSR graph (`off` of length n+1, `adj` of targets),
 * iterative so that a million-node chain cannot overflow the call stack. Returns the component id of
 * each node and the component count.
 */
export function stronglyConnected(
  n: number,
  off: Int32Array,
  adj: Int32Array,
): { comp: Int32Array; count: number } {
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const comp = new Int32Array(n).fill(-1);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  const calls = new Int32Array(n);
  const cursor = new Int32Array(n);
  let sp = 0;
  let cp = 0;
  let next = 0;
  let count = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    index[root] = low[root] = next++;
    stack[sp++] = root;
    onStack[root] = 1;
    calls[cp++] = root;
    cursor[root] = off[root]!;
    while (cp > 0) {
      const v = calls[cp - 1]!;
      if (cursor[v]! < off[v + 1]!) {
        const w = adj[cursor[v]!++]!;
        if (index[w] === -1) {
          index[w] = low[w] = next++;
          stack[sp++] = w;
          onStack[w] = 1;
          calls[cp++] = w;
          cursor[w] = off[w]!;
        } else if (onStack[w] === 1 && index[w]! < low[v]!) {
          low[v] = index[w]!;
        }
        continue;
      }
      cp--;
      if (low[v] === index[v]) {
        let w: number;
        do {
          w = stack[--sp]!;
          onStack[w] = 0;
          comp[w] = count;
        } while (w !== v);
        count++;
      }
      if (cp > 0) {
        const parent = calls[cp - 1]!;
        if (low[v]! < low[parent]!) low[parent] = low[v]!;
      }
    }
  }
  return { comp, count };
}
