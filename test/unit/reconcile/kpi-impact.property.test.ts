import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Action, addDays, toDayNumber } from "../../../src/model/index.js";
import { act, kpis, run } from "./helpers.js";

const TODAY = "2026-03-08";
const IDS = Array.from({ length: 8 }, (_, i) => `a:N${i}`);
const day = (n: number) => addDays("2026-03-01", n);
const COST = new Map(kpis().map((k) => [k.key, k.costOfDelayPerDay]));

const planArb = fc.array(
  fc.record({
    status: fc.constantFrom("todo" as const, "in_progress" as const, "done" as const),
    start: fc.integer({ min: 0, max: 20 }),
    length: fc.integer({ min: 0, max: 6 }),
    /** How far the due date moved since it was first seen (negative: pulled in). */
    moved: fc.integer({ min: -3, max: 10 }),
    kpis: fc.subarray(["conv", "nps"]),
    deps: fc.uniqueArray(fc.nat({ max: IDS.length - 1 }), { maxLength: 2 }),
  }),
  { minLength: IDS.length, maxLength: IDS.length },
);

type PlanSpec = typeof planArb extends fc.Arbitrary<infer T> ? T : never;

function plan(specs: PlanSpec): Action[] {
  return specs.map((s, i) =>
    act(IDS[i]!, {
      status: s.status,
      start: day(s.start),
      due: day(s.start + s.length + s.moved),
      baselineDue: day(s.start + s.length),
      kpis: s.kpis,
      // Only earlier actions: no cycles, so every open action has a forecast.
      dependsOn: s.deps.filter((d) => d < i).map((d) => IDS[d]!),
    }),
  );
}

/** The rule, the slow way: latest forecast finish of the KPI's open actions minus their latest baseline. */
function expectedDelay(actions: Action[], forecast: (id: string) => string | null, key: string): number {
  const open = actions.filter((a) => a.kpis.includes(key) && a.status !== "done" && forecast(a.id) !== null);
  if (open.length === 0) return 0;
  const ff = Math.max(...open.map((a) => toDayNumber(forecast(a.id)!)));
  const base = Math.max(...open.map((a) => toDayNumber((a.baselineDue ?? a.due)!)));
  return Math.max(0, ff - base);
}

describe("KPI impact", () => {
  it("is each KPI's delay × its cost, never more, and objectives and the total add distinct KPIs", () => {
    fc.assert(
      fc.property(planArb, (specs) => {
        const actions = plan(specs);
        const r = run(actions, { today: TODAY });
        const forecast = (id: string) => r.forecast.get(id)?.forecastFinish ?? null;
        for (const row of r.rollups.kpi) {
          const delay = expectedDelay(actions, forecast, row.key);
          expect(row.daysShort, row.key).toBe(delay);
          expect(row.valueAtRisk).toBeLessThanOrEqual(delay * COST.get(row.key)!);
        }
        const sum = r.rollups.kpi.reduce((n, k) => n + k.valueAtRisk, 0);
        expect(r.rollups.total.valueAtRisk).toBe(sum);
        expect(r.rollups.objective.reduce((n, o) => n + o.valueAtRisk, 0)).toBe(sum);
        // Every conflict states its KPIs' figures as the roll-up has them.
        for (const c of r.conflicts) {
          for (const i of c.kpiImpact) {
            expect(r.rollups.kpi.find((k) => k.key === i.key)).toMatchObject({
              valueAtRisk: i.valueAtRisk,
              daysShort: i.delayDays,
            });
          }
          expect(c.valueAtRisk).toBe(c.kpiImpact.reduce((n, i) => n + i.valueAtRisk, 0));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("does not change when an action is added that does not move the KPI's last finish", () => {
    fc.assert(
      fc.property(planArb, (specs) => {
        const actions = plan(specs);
        const before = run(actions, { today: TODAY });
        // Every open action is forecast to finish today or later, and this one finishes today and was planned
        // before any other: it can neither be a KPI's last finish nor raise its latest baseline.
        const touched = [...new Set(actions.filter((a) => a.status !== "done").flatMap((a) => a.kpis))];
        fc.pre(touched.length > 0);
        const early = act("a:EARLY", {
          status: "in_progress",
          start: TODAY,
          due: TODAY,
          baselineDue: "2026-02-01",
          kpis: touched,
        });
        const after = run([...actions, early], { today: TODAY });
        const figures = (rows: typeof before.rollups.kpi) =>
          rows.map(({ key, valueAtRisk, daysShort }) => ({ key, valueAtRisk, daysShort }));
        expect(figures(after.rollups.kpi)).toEqual(figures(before.rollups.kpi));
        expect(after.rollups.total.valueAtRisk).toBe(before.rollups.total.valueAtRisk);
      }),
      { numRuns: 200 },
    );
  });

  it("counts the root cause's own slip when nothing depends on it", () => {
    const r = run(
      [
        act("eng:API", {
          status: "in_progress",
          start: "2026-01-15",
          due: "2026-04-03",
          baselineDue: "2026-02-20",
          kpis: ["conv"],
        }),
      ],
      { today: "2026-01-12" },
    );
    expect(r.conflicts.filter((c) => c.type === "schedule")).toEqual([]);
    expect(r.rollups.kpi).toEqual([{ key: "conv", valueAtRisk: 42 * 5000, conflicts: 0, daysShort: 42 }]);
    expect(r.rollups.total).toEqual({ valueAtRisk: 42 * 5000, conflicts: 0, daysShort: 42 });
  });
});
