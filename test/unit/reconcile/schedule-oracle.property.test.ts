import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Action, addDays, toDayNumber } from "../../../src/model/index.js";
import { act, run } from "./helpers.js";

const IDS = Array.from({ length: 9 }, (_, i) => `a:N${i}`);
const TODAY = "2026-03-08";
const day = (n: number) => addDays("2026-03-01", n);

const graphArb = fc.array(
  fc.record({
    status: fc.constantFrom("todo" as const, "in_progress" as const, "done" as const, "cancelled" as const),
    start: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
    length: fc.option(fc.integer({ min: 0, max: 6 }), { nil: null }),
    deps: fc.array(
      fc.record({
        to: fc.nat({ max: IDS.length - 1 }),
        type: fc.constantFrom("FS" as const, "SS" as const, "FF" as const),
        lagDays: fc.integer({ min: -3, max: 3 }),
      }),
      { maxLength: 3 },
    ),
  }),
  { minLength: IDS.length, maxLength: IDS.length },
);

/**
 * The schedule semantics written the slow, obvious way: cycle members are the nodes that reach
 * themselves; everything else is relaxed to a fixed point, straight from DESIGN.md's rules.
 */
function oracle(actions: Action[], forecastUnstarted: boolean) {
  const byId = new Map(actions.map((a) => [a.id, a]));
  const reaches = (from: string, to: string) => {
    const seen = new Set<string>();
    const stack = actions.filter((a) => a.dependsOn.some((d) => d.ref === from)).map((a) => a.id);
    while (stack.length > 0) {
      const v = stack.pop()!;
      if (v === to) return true;
      if (seen.has(v)) continue;
      seen.add(v);
      for (const a of actions) if (a.dependsOn.some((d) => d.ref === v)) stack.push(a.id);
    }
    return false;
  };
  const cyclic = new Set(actions.filter((a) => reaches(a.id, a.id)).map((a) => a.id));
  const today = toDayNumber(TODAY);
  const n = (d: string | null) => (d === null ? null : toDayNumber(d));
  const fs = new Map<string, number | null>();
  const ff = new Map<string, number | null>();
  const es = new Map<string, number | null>();
  const max = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));
  for (let round = 0; round <= actions.length + 1; round++) {
    for (const a of actions) {
      const closed = a.status === "done" || a.status === "cancelled";
      if (closed || cyclic.has(a.id)) continue;
      let s: number | null = null;
      let f: number | null = null;
      for (const d of a.dependsOn) {
        const u = byId.get(d.ref);
        if (!u || cyclic.has(u.id)) continue;
        const base = d.type === "SS" ? (fs.get(u.id) ?? null) : (ff.get(u.id) ?? null);
        if (base === null) continue;
        const c = base + d.lagDays + (d.type === "FS" ? 1 : 0);
        if (d.type === "FF") f = max(f, c);
        else s = max(s, c);
      }
      es.set(a.id, s);
      const start = n(a.start);
      const due = n(a.due);
      if (start === null && due === null) {
        fs.set(a.id, s);
        ff.set(a.id, max(s, f));
        continue;
      }
      const ps = start ?? due!;
      const pf = due ?? start!;
      const duration = Math.max(0, pf - ps);
      // Work not started cannot start before today; work in progress keeps its dates until overdue.
      const ownStart = forecastUnstarted && a.status === "todo" && ps < today ? today : ps;
      fs.set(a.id, max(ownStart, s));
      const own = max(due !== null && due < today ? today : pf, ownStart + duration);
      ff.set(a.id, max(max(own, s === null ? null : s + duration), f));
    }
  }
  return { es, ff, cyclic };
}

describe("schedule propagation against a slow oracle", () => {
  it("matches earliest start and forecast finish on random graphs with cycles, unstarted work from today or not", () => {
    fc.assert(
      fc.property(graphArb, fc.boolean(), (specs, forecastUnstarted) => {
        const actions = specs.map((s, i) =>
          act(IDS[i]!, {
            status: s.status,
            start: s.start === null ? null : day(s.start),
            due: s.length === null ? null : day((s.start ?? 4) + s.length),
            dependsOn: s.deps.map((d) => ({ ref: IDS[d.to]!, type: d.type, lagDays: d.lagDays })),
          }),
        );
        const r = run(actions, { today: TODAY, forecastUnstarted });
        const o = oracle(actions, forecastUnstarted);
        for (const a of actions) {
          const f = r.forecast.get(a.id);
          const iso = (d: number | null | undefined) =>
            d === null || d === undefined ? null : addDays("1970-01-01", d);
          expect([a.id, f?.earliestStart]).toEqual([a.id, iso(o.es.get(a.id))]);
          expect([a.id, f?.forecastFinish]).toEqual([a.id, iso(o.ff.get(a.id))]);
        }
        // Every reported loop member really is on a cycle, and every open action on a cycle is reported.
        const reported = new Set(
          r.conflicts.filter((c) => c.type === "dependency_cycle").flatMap((c) => c.actionIds),
        );
        for (const id of reported) expect(o.cyclic).toContain(id);
        for (const a of actions) {
          const open = a.status !== "done" && a.status !== "cancelled";
          if (open && o.cyclic.has(a.id)) expect(reported).toContain(a.id);
        }
      }),
      { numRuns: 300 },
    );
  });
});
