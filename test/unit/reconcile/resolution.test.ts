import { describe, expect, it } from "vitest";
import { act, directory, ofType, run } from "./helpers.js";

describe("dependency refs", () => {
  it("resolves hub ids, unique native keys and Jira browse URLs", () => {
    const r = run([
      act("jira-eng:PAY-1", { url: "https://acme.atlassian.net/browse/PAY-1", due: "2026-03-01" }),
      act("mkt:M-1", { due: "2026-04-01", dependsOn: ["jira-eng:PAY-1"] }),
      act("mkt:M-2", { due: "2026-04-01", dependsOn: ["PAY-1"] }),
      act("mkt:M-3", {
        due: "2026-04-01",
        dependsOn: ["https://acme.atlassian.net/browse/PAY-1?focusedCommentId=3"],
      }),
      act("mkt:M-4", { due: "2026-04-01", dependsOn: ["https://acme.atlassian.net/browse/pay-1"] }),
    ]);
    expect(r.edges.map((e) => [e.dependentId, e.dependencyId])).toEqual([
      ["mkt:M-1", "jira-eng:PAY-1"],
      ["mkt:M-2", "jira-eng:PAY-1"],
      ["mkt:M-3", "jira-eng:PAY-1"],
      ["mkt:M-4", "jira-eng:PAY-1"],
    ]);
    expect(r.conflicts.filter((c) => c.type.endsWith("_dependency"))).toEqual([]);
  });

  it("reports a native key two instances share as ambiguous, listing the candidates", () => {
    const r = run([
      act("jira-eng:PAY-1", { due: "2026-03-01" }),
      act("jira-ops:PAY-1", { due: "2026-03-01" }),
      act("mkt:M-1", { title: "Campaign", due: "2026-04-01", dependsOn: ["PAY-1"] }),
    ]);
    const [c, ...rest] = ofType(r, "ambiguous_dependency");
    expect(rest).toEqual([]);
    expect(c).toMatchObject({
      fingerprint: "ambiguous_dependency|mkt:M-1|dependsOn|PAY-1",
      actionId: "mkt:M-1",
      severity: "warning",
      facts: { ref: "PAY-1", relation: "dependsOn", candidates: ["jira-eng:PAY-1", "jira-ops:PAY-1"] },
    });
    expect(c?.message).toContain("matches 2 actions (jira-eng:PAY-1, jira-ops:PAY-1)");
    expect(r.edges).toEqual([]);
  });

  it("lets a Jira URL's host pick between instances sharing a key", () => {
    const actions = [
      act("jira-eng:PAY-1", { url: "https://eng.atlassian.net/browse/PAY-1", due: "2026-03-01" }),
      act("jira-ops:PAY-1", { url: "https://ops.atlassian.net/browse/PAY-1", due: "2026-05-01" }),
      act("mkt:M-1", {
        start: "2026-04-01",
        due: "2026-04-09",
        dependsOn: ["https://ops.atlassian.net/browse/PAY-1"],
      }),
    ];
    const r = run(actions);
    expect(r.edges).toEqual([
      {
        dependentId: "mkt:M-1",
        dependencyId: "jira-ops:PAY-1",
        type: "FS",
        lagDays: 0,
        ref: "https://ops.atlassian.net/browse/PAY-1",
      },
    ]);
    expect(ofType(r, "schedule")).toHaveLength(1);
    const unknownHost = run([
      ...actions.slice(0, 2),
      act("mkt:M-2", { dependsOn: ["https://x.atlassian.net/browse/PAY-1"] }),
    ]);
    expect(ofType(unknownHost, "ambiguous_dependency")).toHaveLength(1);
  });

  it("reports refs that match nothing as dangling, never dropping them", () => {
    const r = run([
      act("mkt:M-1", {
        title: "Campaign",
        dependsOn: [
          "NOPE-9",
          "https://acme.atlassian.net/browse/NOPE-9",
          "https://docs.google.com/x",
          "NOPE-9",
        ],
      }),
    ]);
    const dangling = ofType(r, "dangling_dependency");
    expect(dangling.map((c) => c.facts.ref).sort()).toEqual([
      "NOPE-9",
      "https://acme.atlassian.net/browse/NOPE-9",
      "https://docs.google.com/x",
    ]);
    expect(dangling[0]?.message).toMatch(/^Campaign depends on “.+”, which matches no action/);
  });

  it("does not resolve refs to removed actions", () => {
    const r = run([
      act("eng:A", { due: "2026-03-01", removedAt: "2026-01-10T00:00:00Z" }),
      act("eng:B", { dependsOn: ["A"] }),
    ]);
    expect(ofType(r, "dangling_dependency")).toHaveLength(1);
    expect(r.owners.has("eng:A")).toBe(false);
  });

  it("drops an edge an owner marked as not a dependency", () => {
    const actions = [
      act("eng:A", { start: "2026-03-01", due: "2026-03-10" }),
      act("eng:B", { start: "2026-03-02", due: "2026-03-05", dependsOn: ["A"] }),
    ];
    expect(ofType(run(actions), "schedule")).toHaveLength(1);
    const r = run(actions, { overrides: [{ dependentId: "eng:B", dependencyId: "eng:A" }] });
    expect(r.conflicts.filter((c) => c.type === "schedule" || c.type === "dangling_dependency")).toEqual([]);
    expect(r.edges).toEqual([]);
  });
});

describe("owners", () => {
  const resolve = (ownerRaw: string | null) => run([act("eng:A", { ownerRaw })]).owners.get("eng:A");

  it("resolves by e-mail, person id, display name, alias, Slack mention and Jira accountId", () => {
    expect(resolve("ANA@Example.com")).toEqual({ personId: "ana", via: "email", raw: "ANA@Example.com" });
    expect(resolve("Bo Chen <bo@example.com>")).toMatchObject({ personId: "bo", via: "email" });
    expect(resolve("dee")).toMatchObject({ personId: "dee", via: "id" });
    expect(resolve("  bo   CHEN ")).toMatchObject({ personId: "bo", via: "name" });
    expect(resolve("CYP")).toMatchObject({ personId: "cy", via: "alias" });
    expect(resolve("<@U003|cy>")).toMatchObject({ personId: "cy", via: "slack" });
    expect(resolve("@cyp")).toMatchObject({ personId: "cy", via: "slack" });
    expect(resolve("@U001")).toMatchObject({ personId: "ana", via: "slack" });
    expect(resolve("5b10ac8d82e05b22cc7d4ef5")).toMatchObject({ personId: "bo", via: "jira" });
  });

  it("reports empty, team and unknown owners as ownership vacuums with the reason", () => {
    const r = run(
      [
        act("eng:EMPTY", { ownerRaw: null }),
        act("eng:BLANK", { ownerRaw: "   " }),
        act("eng:TEAM", { ownerRaw: "Marketing" }),
        act("eng:TEAMALIAS", { ownerRaw: "MKT" }),
        act("eng:TEAMMAIL", { ownerRaw: "marketing@example.com" }),
        act("eng:WHO", { ownerRaw: "Zed Unknown" }),
        act("eng:DONE", { ownerRaw: null, status: "done" }),
      ],
      { adminFallback: "dee" },
    );
    const reasons = Object.fromEntries(
      ofType(r, "ownership_vacuum").map((c) => [c.actionId, c.facts.reason]),
    );
    expect(reasons).toEqual({
      "eng:EMPTY": "empty",
      "eng:BLANK": "empty",
      "eng:TEAM": "team",
      "eng:TEAMALIAS": "team",
      "eng:TEAMMAIL": "team",
      "eng:WHO": "unresolved",
    });
    expect(r.owners.get("eng:TEAMALIAS")).toEqual({
      personId: null,
      via: null,
      raw: "MKT",
      vacuumReason: "team",
      team: "Marketing",
    });
    for (const c of ofType(r, "ownership_vacuum")) expect(c.notify).toEqual(["dee"]);
    expect(ofType(r, "ownership_vacuum").find((c) => c.actionId === "eng:WHO")?.message).toContain(
      "not in the people directory",
    );
  });

  it("treats a display name two people share as unresolved, naming both", () => {
    const dir = directory({
      people: [
        { id: "a1", name: "Sam Lee", emails: ["sam.a@example.com"] },
        { id: "a2", name: "Sam Lee", emails: ["sam.b@example.com"] },
      ],
      teams: [],
    });
    const r = run([act("eng:A", { ownerRaw: "Sam Lee" })], { directory: dir });
    expect(r.owners.get("eng:A")).toMatchObject({
      personId: null,
      vacuumReason: "unresolved",
      candidates: ["a1", "a2"],
    });
    expect(ofType(r, "ownership_vacuum")[0]?.facts.candidates).toEqual(["a1", "a2"]);
  });
});
