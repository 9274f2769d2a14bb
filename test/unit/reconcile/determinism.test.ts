import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ConflictSchema } from "../../../src/model/index.js";
import { diffConflicts, type ReconcileResult } from "../../../src/reconcile/index.js";
import { act, run } from "./helpers.js";

/** A little of everything, with ties that only a deterministic tie-break can settle. */
const actions = [
  act("jira-eng:PAY-1", { start: "2026-02-01", due: "2026-03-08", baselineDue: "2026-02-20" }),
  act("jira-ops:PAY-1", { start: "2026-02-01", due: "2026-03-10" }),
  act("jira-eng:TIE-1", { start: "2026-02-01", due: "2026-03-10" }),
  act("jira-eng:TIE-2", { start: "2026-02-01", due: "2026-03-10" }),
  act("mkt:M-1", { start: "2026-03-01", due: "2026-03-20", dependsOn: ["TIE-2", "TIE-1", "jira-eng:PAY-1"] }),
  act("mkt:M-2", {
    start: "2026-03-02",
    due: "2026-03-25",
    dependsOn: ["M-1", "PAY-1"],
    kpis: ["conv", "nps"],
  }),
  act("mkt:M-3", { dependsOn: ["M-4"], ownerRaw: "Marketing" }),
  act("mkt:M-4", { dependsOn: ["M-3"], ownerRaw: "" }),
  act("mkt:M-5", { due: "2026-03-20", mirrors: ["jira-eng:TIE-1"], kpis: [] }),
  act("mkt:M-6", { due: "2026-03-20", status: "done", dependsOn: ["M-2", "GONE-1"] }),
  act("ops:O-1", { status: "blocked", dependsOn: [{ ref: "M-1", type: "SS", lagDays: 2 }], kpis: ["ghost"] }),
];

function snapshot(r: ReconcileResult) {
  return {
    conflicts: r.conflicts,
    rollups: r.rollups,
    edges: r.edges,
    forecast: [...r.forecast],
    owners: [...r.owners],
  };
}

describe("determinism", () => {
  it("gives identical output, fingerprints and order for any input order", () => {
    const reference = snapshot(run(actions));
    expect(reference.conflicts.length).toBeGreaterThan(8);
    for (const c of reference.conflicts) expect(ConflictSchema.parse(c)).toEqual(c);
    // TIE-1 and TIE-2 bind M-1 equally: the one M-1 lists first is named, whatever the action order.
    expect(reference.conflicts.find((c) => c.fingerprint === "schedule|mkt:M-1")?.dependencyId).toBe(
      "jira-eng:TIE-2",
    );
    fc.assert(
      fc.property(fc.shuffledSubarray(actions, { minLength: actions.length }), (shuffled) => {
        expect(snapshot(run(shuffled))).toEqual(reference);
      }),
      { numRuns: 50 },
    );
  });

  it("re-detecting the same state diffs to nothing", () => {
    const a = run(actions).conflicts;
    const b = run([...actions].reverse()).conflicts;
    expect(diffConflicts(a, b)).toEqual({ opened: [], changed: [], resolved: [] });
  });

  it("diffs by fingerprint: opened, changed (any fact), resolved", () => {
    const before = run(actions).conflicts;
    const moved = actions.map((a) =>
      a.id === "jira-eng:PAY-1"
        ? { ...a, due: "2026-03-12" }
        : a.id === "mkt:M-5"
          ? { ...a, kpis: ["conv"] }
          : a,
    );
    const after = run([...moved, act("mkt:M-9", { kpis: [] })]).conflicts;
    const diff = diffConflicts(before, after);
    expect(diff.opened.map((c) => c.fingerprint)).toEqual(["unlinked_kpi|mkt:M-9"]);
    expect(diff.resolved.map((c) => c.fingerprint)).toEqual(["unlinked_kpi|mkt:M-5"]);
    // Critical first (M-2 is a month short), then M-1, which PAY-1 now binds two days later than the tie did.
    expect(diff.changed.map((c) => c.after.fingerprint)).toEqual(["schedule|mkt:M-2", "schedule|mkt:M-1"]);
    const m1 = diff.changed[1];
    expect(m1?.before.dependencyId).toBe("jira-eng:TIE-2");
    expect(m1?.after.dependencyId).toBe("jira-eng:PAY-1");
    expect(m1?.after.daysShort).toBe((m1?.before.daysShort ?? 0) + 2);
  });
});
