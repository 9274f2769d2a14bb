import { describe, expect, it } from "vitest";
import { SightlineError, ValidationError } from "../../../src/model/index.js";
import { IncrementalReconciler } from "../../../src/reconcile/index.js";
import { act, directory, kpis, run } from "./helpers.js";

describe("bad input", () => {
  it("rejects an impossible date naming the action and field", () => {
    const bad = { ...act("eng:A"), due: "2026-02-31" };
    expect(() => run([bad])).toThrow(ValidationError);
    expect(() => run([bad])).toThrow(
      /action eng:A field due: expected a calendar date YYYY-MM-DD, got "2026-02-31"/,
    );
  });

  it("rejects a lag beyond the model's bound, naming the ref", () => {
    const a = act("eng:A");
    const b = { ...act("eng:B"), dependsOn: [{ ref: "A", type: "FS" as const, lagDays: 40_000 }] };
    expect(() => run([a, b])).toThrow(/action eng:B field dependsOn\[0\]\.lagDays: expected a whole number/);
  });

  it("rejects a bad today", () => {
    expect(() => run([], { today: "12/01/2026" })).toThrow(/reconcile input field today/);
  });

  it("rejects two live actions with one id, but not a removed duplicate", () => {
    const a = act("eng:A");
    expect(() => run([a, { ...a }])).toThrow(expect.objectContaining({ code: "duplicate_action" }));
    expect(() => run([a, { ...a }])).toThrow(SightlineError);
    expect(run([a, { ...a, removedAt: "2026-01-10T00:00:00Z" }]).owners.size).toBe(1);
  });

  it("treats an upsert carrying removedAt as a removal, and ignores unknown removals", () => {
    const a = act("eng:A", { kpis: [] });
    const inc = new IncrementalReconciler({
      actions: [a],
      directory: directory(),
      kpis: kpis(),
      today: "2026-01-12",
    });
    expect(inc.result().conflicts).toHaveLength(1);
    const diff = inc.apply({
      upserted: [{ ...a, removedAt: "2026-01-13T00:00:00Z" }],
      removedIds: ["eng:NOPE"],
    });
    expect(diff.resolved.map((c) => c.fingerprint)).toEqual(["unlinked_kpi|eng:A"]);
    expect(inc.result().owners.size).toBe(0);
  });

  it("rejects a bad upsert before changing anything", () => {
    const a = act("eng:A", { start: "2026-03-01", due: "2026-03-10" });
    const b = act("eng:B", { start: "2026-03-05", due: "2026-03-20", dependsOn: ["A"] });
    const inc = new IncrementalReconciler({
      actions: [a, b],
      directory: directory(),
      kpis: kpis(),
      today: "2026-01-12",
    });
    const before = inc.result().conflicts;
    expect(() =>
      inc.apply({
        upserted: [
          { ...a, due: "2026-03-01" },
          { ...b, start: "2026-13-01" },
        ],
      }),
    ).toThrow(/action eng:B field start/);
    expect(inc.result().conflicts).toEqual(before);
    expect(inc.result().forecast.get("eng:A")?.forecastFinish).toBe("2026-03-10");
  });
});
