/**
 * FNV-1a over UTF-16 code units, finished with murmur3's avalanche so that ids differing only in their
 * last digits (PAY-1, PAY-2, ...) spread over the table instead of clustering under linear probing.
 */
export function hashString(s: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

const EMPTY = 0;
const TOMBSTONE = -1;

/**
 * A string → slot multimap: open addressing with linear probing over one Int32Array of
 * [hash, slot + 1] cells. Keys are not stored; `keyOf(slot)` gives the key a slot was added under.
 * Built for a million ids: about three times cheaper to fill than a Map, and invisible to the garbage
 * collector (a million-entry Map is rescanned by every full GC of an already large heap).
 */
export class StringSlotTable {
  private cells: Int32Array;
  private mask: number;
  /** Live entries plus tombstones: what the load factor counts. */
  private used = 0;
  size = 0;

  constructor(
    private readonly keyOf: (slot: number) => string,
    expected: number,
  ) {
    const cap = capacityFor(expected);
    this.cells = new Int32Array(cap * 2);
    this.mask = cap - 1;
  }

  add(key: string, slot: number, h: number = hashString(key)): void {
    if ((this.used + 1) * 2 > this.mask + 1) this.rehash(this.size + 1);
    const cells = this.cells;
    let p = h & this.mask;
    while (cells[2 * p + 1]! > 0) p = (p + 1) & this.mask;
    if (cells[2 * p + 1] === EMPTY) this.used++;
    cells[2 * p] = h;
    cells[2 * p + 1] = slot + 1;
    this.size++;
  }

  /** Adds unless the key is already present (then returns false): one probe sequence for both. */
  addUnique(key: string, slot: number, h: number = hashString(key)): boolean {
    return this.addUniqueSlot(slot, h, key);
  }

  /** `addUnique` reading the slot's key only when a stored hash matches (the bulk path). */
  private addUniqueSlot(slot: number, h: number, key?: string): boolean {
    if ((this.used + 1) * 2 > this.mask + 1) this.rehash(this.size + 1);
    const cells = this.cells;
    let free = -1;
    let p = h & this.mask;
    for (; ; p = (p + 1) & this.mask) {
      const v = cells[2 * p + 1]!;
      if (v === EMPTY) break;
      if (v === TOMBSTONE) {
        if (free < 0) free = p;
      } else if (cells[2 * p] === h && this.keyOf(v - 1) === (key ?? this.keyOf(slot))) {
        return false;
      }
    }
    if (free >= 0) p = free;
    else this.used++;
    cells[2 * p] = h;
    cells[2 * p + 1] = slot + 1;
    this.size++;
    return true;
  }

  remove(key: string, slot: number, h: number = hashString(key)): void {
    const cells = this.cells;
    for (let p = h & this.mask; cells[2 * p + 1] !== EMPTY; p = (p + 1) & this.mask) {
      if (cells[2 * p + 1] === slot + 1 && cells[2 * p] === h) {
        cells[2 * p + 1] = TOMBSTONE;
        this.size--;
        return;
      }
    }
  }

  /** The slot stored under `key`, the first one found when there are several; -1 when none. */
  first(key: string, h: number = hashString(key)): number {
    const cells = this.cells;
    for (let p = h & this.mask; ; p = (p + 1) & this.mask) {
      const v = cells[2 * p + 1]!;
      if (v === EMPTY) return -1;
      if (v > 0 && cells[2 * p] === h && this.keyOf(v - 1) === key) return v - 1;
    }
  }

  /** The only slot under `key`; -1 when none, -2 when several. */
  unique(key: string, h: number = hashString(key)): number {
    const cells = this.cells;
    let found = -1;
    for (let p = h & this.mask; ; p = (p + 1) & this.mask) {
      const v = cells[2 * p + 1]!;
      if (v === EMPTY) return found;
      if (v > 0 && cells[2 * p] === h && this.keyOf(v - 1) === key) {
        if (found >= 0) return -2;
        found = v - 1;
      }
    }
  }

  all(key: string, h: number = hashString(key)): number[] {
    const out: number[] = [];
    const cells = this.cells;
    for (let p = h & this.mask; ; p = (p + 1) & this.mask) {
      const v = cells[2 * p + 1]!;
      if (v === EMPTY) return out;
      if (v > 0 && cells[2 * p] === h && this.keyOf(v - 1) === key) out.push(v - 1);
    }
  }

  /**
   * Adds slots 0..count-1 under their precomputed key hashes, inserting in table order so the writes
   * stream through memory instead of missing the cache once per key. With `unique`, returns the first
   * slot whose key was already present (and stops), else -1. `scratch` (count ints) is reused if given.
   */
  bulkAdd(hashes: Int32Array, count: number, unique: boolean, scratch?: Int32Array): number {
    if ((this.used + count) * 2 > this.mask + 1) this.rehash(this.size + count);
    const bits = Math.min(16, 31 - Math.clz32(this.mask + 1));
    const shift = 31 - Math.clz32(this.mask + 1) - bits;
    const buckets = new Int32Array((1 << bits) + 1);
    for (let i = 0; i < count; i++) buckets[((hashes[i]! & this.mask) >>> shift) + 1]!++;
    for (let b = 0; b < 1 << bits; b++) buckets[b + 1]! += buckets[b]!;
    const order = scratch !== undefined && scratch.length >= count ? scratch : new Int32Array(count);
    for (let i = 0; i < count; i++) order[buckets[(hashes[i]! & this.mask) >>> shift]!++] = i;
    for (let j = 0; j < count; j++) {
      const slot = order[j]!;
      const h = hashes[slot]!;
      if (unique) {
        if (!this.addUniqueSlot(slot, h)) return slot;
      } else {
        this.add("", slot, h);
      }
    }
    return -1;
  }

  /**
   * Replaces each hash in `hashes[0..count)` by the first slot stored under an equal hash, or -1. A
   * separate pass with no key comparison, so the CPU overlaps the cache misses of many lookups; callers
   * confirm the key (and fall back to `first`) when they use a candidate.
   */
  probeAll(hashes: Int32Array, count: number): void {
    const cells = this.cells;
    const mask = this.mask;
    for (let i = 0; i < count; i++) {
      const h = hashes[i]!;
      let found = -1;
      for (let p = h & mask; ; p = (p + 1) & mask) {
        const v = cells[2 * p + 1]!;
        if (v === EMPTY) break;
        if (v > 0 && cells[2 * p] === h) {
          found = v - 1;
          break;
        }
      }
      hashes[i] = found;
    }
  }

  private rehash(needed: number): void {
    const old = this.cells;
    const cap = capacityFor(needed);
    const cells = new Int32Array(cap * 2);
    const mask = cap - 1;
    for (let q = 0; q < old.length; q += 2) {
      const v = old[q + 1]!;
      if (v <= 0) continue;
      let p = old[q]! & mask;
      while (cells[2 * p + 1] !== EMPTY) p = (p + 1) & mask;
      cells[2 * p] = old[q]!;
      cells[2 * p + 1] = v;
    }
    this.cells = cells;
    this.mask = mask;
    this.used = this.size;
  }
}

/** Power of two holding `n` entries at a load factor of at most one half (rehash doubles it). */
function capacityFor(n: number): number {
  let cap = 16;
  while (cap < n * 2) cap *= 2;
  return cap;
}
