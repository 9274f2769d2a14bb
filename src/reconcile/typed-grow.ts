/** Copies `a` into a larger array of the same kind, filling the new tail with `fill`. */
export function growInt32(a: Int32Array, cap: number, fill = 0): Int32Array {
  const b = new Int32Array(cap);
  b.set(a);
  if (fill !== 0) b.fill(fill, a.length);
  return b;
}

export function growInt16(a: Int16Array, cap: number): Int16Array {
  const b = new Int16Array(cap);
  b.set(a);
  return b;
}

export function growUint8(a: Uint8Array, cap: number): Uint8Array {
  const b = new Uint8Array(cap);
  b.set(a);
  return b;
}

export function nextCapacity(needed: number): number {
  return Math.max(16, Math.ceil(needed * 1.5));
}
