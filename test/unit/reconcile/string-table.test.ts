import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hashString, StringSlotTable } from "../../../src/reconcile/string-table.js";

describe("StringSlotTable", () => {
  it("behaves like a Map of key → slots through adds, removals, tombstones and rehashes", () => {
    const op = fc.record({
      add: fc.boolean(),
      key: fc.constantFrom("A", "B", "C", "PAY-1", "PAY-2", ""),
      slot: fc.nat(40),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const keyOf: string[] = [];
        const table = new StringSlotTable((s) => keyOf[s]!, 1);
        const model = new Map<number, string>();
        for (const { add, key, slot } of ops) {
          if (add && !model.has(slot)) {
            keyOf[slot] = key;
            table.add(key, slot);
            model.set(slot, key);
          } else if (!add && model.has(slot)) {
            table.remove(model.get(slot)!, slot);
            model.delete(slot);
          }
        }
        expect(table.size).toBe(model.size);
        for (const key of ["A", "B", "C", "PAY-1", "PAY-2", "", "missing"]) {
          const expected = [...model].filter(([, k]) => k === key).map(([s]) => s);
          expect(table.all(key).sort((x, y) => x - y)).toEqual(expected.sort((x, y) => x - y));
          expect(table.unique(key)).toBe(
            expected.length === 0 ? -1 : expected.length === 1 ? expected[0] : -2,
          );
          expect(table.first(key) >= 0).toBe(expected.length > 0);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("bulk-adds precomputed hashes, reports a duplicate and probes candidates by hash", () => {
    const keys = ["x:1", "x:2", "y:1", "x:2"];
    const withDuplicate = new StringSlotTable((s) => keys[s]!, 4);
    expect(withDuplicate.bulkAdd(Int32Array.from(keys, hashString), 4, true)).toBe(3);
    const table = new StringSlotTable((s) => keys[s]!, 3);
    expect(table.bulkAdd(Int32Array.from(keys.slice(0, 3), hashString), 3, true)).toBe(-1);
    const probe = Int32Array.from(["y:1", "nope", "x:1"], hashString);
    table.probeAll(probe, 3);
    expect([...probe]).toEqual([2, -1, 0]);
  });
});
