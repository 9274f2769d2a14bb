import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Action,
  addDays,
  type Conflict,
  type ConflictDiff,
  ConflictSchema,
} from "../../../src/model/index.js";
import {
  type ActionChange,
  diffConflicts,
  IncrementalReconciler,
  type ReconcileResult,
  reconcile,
} from "../../../src/reconcile/index.js";
import { type ActionSpec, act, directory, kpis } from "./helpers.js";

// A small id space so that refs collide: two instances share native keys (ambiguous refs), some refs
// point at ids that do not exist yet (dangling until an action with that id is added), URLs pick by host.
const INSTANCES = ["a", "b"] as const;
const KEYS = ["K1", "K2", "K3", "K4", "K5", "K6"] as const;
const ALL_IDS = INSTANCES.flatMap((i) => KEYS.map((k) => `${i}:${k}`));
const REFS = [
  ...ALL_IDS,
  ...KEYS,
  "k2",
  "https://a.atlassian.net/browse/K1",
  "https://b.atlassian.net/browse/K1",
  "https://a.atlassian.net/browse/k3",
  "NOPE-1",
];
const OWNERS = ["ana@example.com", "Bo Chen", "<@U003>", "Marketing", "", null, "Nobody Known", "dee"];
const TODAYS = ["2026-03-01", "2026-03-06", "2026-03-12"];
const day = (n: number) => addDays("2026-03-01", n);

const depArb = fc.record({
  ref: fc.constantFrom(...REFS),
  type: fc.constantFrom("FS" as const, "SS" as const, "FF" as const),
  lagDays: fc.integer({ min: -3, max: 3 }),
});

const specArb: fc.Arbitrary<ActionSpec> = fc
  .record({
    status: fc.constantFrom(
      "todo" as const,
      "in_progress" as const,
      "blocked" as const,
      "done" as const,
      "cancelled" as const,
    ),
    start: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
    length: fc.option(fc.integer({ min: 0, max: 6 }), { nil: null }),
    baseline: fc.option(fc.integer({ min: 0, max: 25 }), { nil: null }),
    ownerRaw: fc.constantFrom(...OWNERS),
    kpis: fc.subarray(["conv", "nps", "ghost"]),
    dependsOn: fc.array(depArb, { maxLength: 3 }),
    mirrors: fc.array(fc.constantFrom(...REFS), { maxLength: 1 }),
    team: fc.constantFrom("Engineering", "Marketing", null),
  })
  .map((r) => ({
    status: r.status,
    start: r.start === null ? null : day(r.start),
    due: r.length === null ? null : day((r.start ?? 5) + r.length),
    baselineDue: r.baseline === null ? null : day(r.baseline),
    ownerRaw: r.ownerRaw,
    kpis: r.kpis,
    dependsOn: r.dependsOn,
    mirrors: r.mirrors,
    team: r.team,
  }));

function urlFor(id: string): string | null {
  const [instance, key] = id.split(":");
  return `https://${instance}.atlassian.net/browse/${key}`;
}

function build(id: string, spec: ActionSpec): Action {
  return act(id, { ...spec, url: urlFor(id), title: `Task ${id}` });
}

type Edit =
  | { kind: "upsert"; id: string; spec: ActionSpec }
  | { kind: "dates"; pick: number; shift: number }
  | { kind: "status"; pick: number; status: Action["status"] }
  | { kind: "addDep"; pick: number; dep: { ref: string; type: "FS" | "SS" | "FF"; lagDays: number } }
  | { kind: "dropDep"; pick: number }
  | { kind: "remove"; pick: number }
  | { kind: "owner"; pick: number; ownerRaw: string | null }
  | { kind: "url"; pick: number; url: string | null }
  | { kind: "today"; today: string };

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant("upsert" as const), id: fc.constantFrom(...ALL_IDS), spec: specArb }),
  fc.record({ kind: fc.constant("dates" as const), pick: fc.nat(), shift: fc.integer({ min: -6, max: 9 }) }),
  fc.record({
    kind: fc.constant("status" as const),
    pick: fc.nat(),
    status: fc.constantFrom("todo" as const, "in_progress" as const, "done" as const, "cancelled" as const),
  }),
  fc.record({ kind: fc.constant("addDep" as const), pick: fc.nat(), dep: depArb }),
  fc.record({ kind: fc.constant("dropDep" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("remove" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("owner" as const), pick: fc.nat(), ownerRaw: fc.constantFrom(...OWNERS) }),
  fc.record({ kind: fc.constant("today" as const), today: fc.constantFrom(...TODAYS) }),
  fc.record({
    kind: fc.constant("url" as const),
    pick: fc.nat(),
    url: fc.constantFrom(null, "https://a.atlassian.net/browse/K1", "https://b.atlassian.net/browse/K1"),
  }),
);

/** Turns an edit into a change against the current actions, and applies it to them. */
function toChange(current: Map<string, Action>, edit: Edit): ActionChange {
  if (edit.kind === "upsert") {
    const a = build(edit.id, edit.spec);
    current.set(a.id, a);
    return { upserted: [a] };
  }
  if (edit.kind === "today") return { today: edit.today };
  const ids = [...current.keys()].sort();
  const id = ids[edit.pick % Math.max(ids.length, 1)];
  const a = id === undefined ? undefined : current.get(id);
  if (a === undefined) return {};
  if (edit.kind === "remove") {
    current.delete(a.id);
    return { removedIds: [a.id] };
  }
  let next: Action;
  if (edit.kind === "dates") {
    next = {
      ...a,
      start: a.start === null ? null : addDays(a.start, edit.shift),
      due: a.due === null ? day(edit.shift + 5) : addDays(a.due, edit.shift),
    };
  } else if (edit.kind === "status") next = { ...a, status: edit.status };
  else if (edit.kind === "addDep") next = { ...a, dependsOn: [...a.dependsOn, edit.dep] };
  else if (edit.kind === "dropDep") next = { ...a, dependsOn: a.dependsOn.slice(1) };
  else if (edit.kind === "url") next = { ...a, url: edit.url };
  else next = { ...a, ownerRaw: edit.ownerRaw };
  current.set(next.id, next);
  return { upserted: [next] };
}

function merge(changes: ActionChange[]): ActionChange {
  const upserted = new Map<string, Action>();
  const removed = new Set<string>();
  let today: string | undefined;
  for (const c of changes) {
    for (const a of c.upserted ?? []) {
      upserted.set(a.id, a);
      removed.delete(a.id);
    }
    for (const id of c.removedIds ?? []) {
      removed.add(id);
      upserted.delete(id);
    }
    today = c.today ?? today;
  }
  return { upserted: [...upserted.values()], removedIds: [...removed], today };
}

/**
 * A conflict without what the whole plan decides (its KPIs' impact, its value at risk, the sentence saying so):
 * apply()'s diff is about the conflicts' own facts (see IncrementalReconciler.apply).
 */
function ownFacts(c: Conflict): Conflict {
  const said = c.message.indexOf(" lands ");
  const cut = said < 0 ? c.message : c.message.slice(0, c.message.lastIndexOf(". ", said) + 1);
  return { ...c, kpiImpact: [], valueAtRisk: 0, message: cut };
}

/** The diff of own facts, in fingerprint order (value at risk, which orders conflicts, is not an own fact). */
function ownDiff(d: ConflictDiff): ConflictDiff {
  const byFp = (a: { fingerprint: string }, b: { fingerprint: string }) =>
    a.fingerprint.localeCompare(b.fingerprint);
  return {
    opened: d.opened.map(ownFacts).sort(byFp),
    changed: d.changed
      .map((x) => ({ before: ownFacts(x.before), after: ownFacts(x.after) }))
      .sort((a, b) => byFp(a.after, b.after)),
    resolved: d.resolved.map(ownFacts).sort(byFp),
  };
}

function snapshot(r: ReconcileResult) {
  return {
    conflicts: r.conflicts,
    rollups: r.rollups,
    edges: r.edges,
    forecast: [...r.forecast],
    owners: [...r.owners],
  };
}

describe("incremental reconcile", () => {
  it("equals a fresh full reconcile after any sequence of edits, and returns the same diff", () => {
    const base = { directory: directory(), kpis: kpis() };
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...ALL_IDS), { minLength: 1, maxLength: 10 }),
        fc.array(specArb, { minLength: 10, maxLength: 10 }),
        fc.constantFrom(...TODAYS),
        fc.array(fc.array(editArb, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 8 }),
        (ids, specs, today, steps) => {
          const current = new Map(ids.map((id, i) => [id, build(id, specs[i]!)]));
          let currentToday = today;
          const inc = new IncrementalReconciler({ ...base, actions: [...current.values()], today });
          let previous = reconcile({ ...base, actions: [...current.values()], today });
          expect(snapshot(inc.result())).toEqual(snapshot(previous));
          for (const step of steps) {
            const change = merge(step.map((edit) => toChange(current, edit)));
            currentToday = change.today ?? currentToday;
            const diff = inc.apply(change);
            const full = reconcile({ ...base, actions: [...current.values()], today: currentToday });
            expect(snapshot(inc.result())).toEqual(snapshot(full));
            expect(ownDiff(diff)).toEqual(
              ownDiff(diffConflicts(previous.conflicts.map(ownFacts), full.conflicts.map(ownFacts))),
            );
            for (const c of full.conflicts) expect(ConflictSchema.parse(c)).toEqual(c);
            previous = full;
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it("stays equal to a full reconcile through many edits (overflow edges compacted into a new CSR)", () => {
    const ids = Array.from({ length: 120 }, (_, i) => `a:T${i}`);
    const current = new Map<string, Action>();
    ids.forEach((id, i) => {
      const deps = i < 10 ? [] : [ids[i - 10]!, ids[(i * 7) % i]!];
      current.set(
        id,
        build(id, { start: day(i % 9), due: day((i % 9) + 2), dependsOn: deps, kpis: ["conv"] }),
      );
    });
    const base = { directory: directory(), kpis: kpis(), today: "2026-03-02" };
    const inc = new IncrementalReconciler({ ...base, actions: [...current.values()] });
    let previous = reconcile({ ...base, actions: [...current.values()] });
    for (let step = 0; step < 900; step++) {
      const i = 10 + ((step * 37) % 110);
      const a = current.get(ids[i]!)!;
      const other = ids[(step * 13) % i]!;
      const next = {
        ...a,
        due: day((step % 11) + 1),
        dependsOn: [{ ref: other, type: "FS" as const, lagDays: step % 3 }],
      };
      current.set(next.id, next);
      const diff = inc.apply({ upserted: [next] });
      const full = reconcile({ ...base, actions: [...current.values()] });
      expect(ownDiff(diff)).toEqual(
        ownDiff(diffConflicts(previous.conflicts.map(ownFacts), full.conflicts.map(ownFacts))),
      );
      if (step % 100 === 99) expect(snapshot(inc.result())).toEqual(snapshot(full));
      previous = full;
    }
  });

  it("reports a slip as opened conflicts downstream and its fix as resolved", () => {
    const actions = [
      act("eng:A", { start: "2026-03-01", due: "2026-03-10" }),
      act("eng:B", { start: "2026-03-11", due: "2026-03-15", dependsOn: ["A"] }),
      act("eng:C", { start: "2026-03-16", due: "2026-03-20", dependsOn: ["B"] }),
    ];
    const inc = new IncrementalReconciler({
      actions,
      directory: directory(),
      kpis: kpis(),
      today: "2026-01-12",
    });
    expect(inc.result().conflicts).toEqual([]);
    const slip = inc.apply({ upserted: [{ ...actions[0]!, due: "2026-03-14" }] });
    expect(slip.opened.map((c) => [c.fingerprint, c.rootCauseId, c.daysShort])).toEqual([
      ["schedule|eng:B", "eng:A", 4],
      ["schedule|eng:C", "eng:A", 4],
    ]);
    const worse = inc.apply({ upserted: [{ ...actions[0]!, due: "2026-03-16" }] });
    expect(worse.opened).toEqual([]);
    expect(worse.changed.map((c) => [c.after.fingerprint, c.before.daysShort, c.after.daysShort])).toEqual([
      ["schedule|eng:B", 4, 6],
      ["schedule|eng:C", 4, 6],
    ]);
    const same = inc.apply({ upserted: [{ ...actions[0]!, due: "2026-03-16" }] });
    expect(same).toEqual({ opened: [], changed: [], resolved: [] });
    const fixed = inc.apply({ upserted: [actions[0]!] });
    expect(fixed.resolved.map((c) => c.fingerprint)).toEqual(["schedule|eng:B", "schedule|eng:C"]);
  });

  it("refuses to read a result's views after a later apply", () => {
    const actions = [act("eng:A", { due: "2026-03-10" })];
    const inc = new IncrementalReconciler({
      actions,
      directory: directory(),
      kpis: kpis(),
      today: "2026-01-12",
    });
    const before = inc.result();
    inc.apply({ upserted: [{ ...actions[0]!, due: "2026-03-11" }] });
    expect(() => before.forecast.get("eng:A")).toThrow(expect.objectContaining({ code: "stale_result" }));
    expect(() => before.edges).toThrow(expect.objectContaining({ code: "stale_result" }));
    expect(inc.result().forecast.get("eng:A")?.forecastFinish).toBe("2026-03-11");
  });
});
