import { describe, expect, it } from "vitest";
import { act, kpis, ofType, run, scheduleOf } from "./helpers.js";

/** DESIGN.md's fintech launch: the API slips six weeks, QA depends on it, the campaign on QA. */
function launch(apiDue = "2026-04-03") {
  return [
    act("jira-eng:PAY-142", {
      title: "Backend API integration",
      status: "in_progress",
      start: "2026-01-15",
      due: apiDue,
      baselineDue: "2026-02-20",
      ownerRaw: "5b10ac8d82e05b22cc7d4ef5",
      kpis: ["conv"],
      kind: "jira",
    }),
    act("jira-eng:QA-9", {
      title: "QA sign-off",
      start: "2026-02-23",
      due: "2026-02-27",
      dependsOn: ["PAY-142"],
      ownerRaw: "<@U003>",
      kpis: ["conv"],
    }),
    act("mkt-plan:MKT-7", {
      title: "Go-to-market campaign",
      start: "2026-03-02",
      due: "2026-03-31",
      dependsOn: ["https://acme.atlassian.net/browse/QA-9"],
      ownerRaw: "ana@example.com",
      team: "Marketing",
      kpis: ["conv"],
      kind: "sheets",
    }),
  ];
}

describe("the fintech launch", () => {
  it("flags QA and the campaign, both rooted in the API slip, with the path between them", () => {
    const r = run(launch());
    const qa = scheduleOf(r, "jira-eng:QA-9");
    const campaign = scheduleOf(r, "mkt-plan:MKT-7");
    expect(qa).toMatchObject({
      rootCauseId: "jira-eng:PAY-142",
      dependencyId: "jira-eng:PAY-142",
      path: ["jira-eng:PAY-142", "jira-eng:QA-9"],
      plannedDate: "2026-02-23",
      earliestDate: "2026-04-04",
      daysShort: 40,
    });
    // QA's own dates never moved, but its forecast is pushed: 4 Apr + its 4 days = 8 Apr, so the campaign
    // can start on 9 Apr at the earliest.
    expect(campaign).toMatchObject({
      rootCauseId: "jira-eng:PAY-142",
      dependencyId: "jira-eng:QA-9",
      path: ["jira-eng:PAY-142", "jira-eng:QA-9", "mkt-plan:MKT-7"],
      plannedDate: "2026-03-02",
      earliestDate: "2026-04-09",
      daysShort: 38,
      kpis: ["conv"],
      valueAtRisk: 38 * 5000,
      severity: "critical",
    });
    expect(campaign?.message).toBe(
      "Go-to-market campaign starts 2 Mar 2026, but QA sign-off can only finish on 8 Apr 2026, so it cannot " +
        "start before 9 Apr 2026 (38 days short). Root cause: Backend API integration, due 3 Apr 2026 " +
        "(was 20 Feb 2026). Launch conversions lands 38 days late (8 May 2026, planned 31 Mar 2026): €190,000.",
    );
    expect(campaign?.facts).toMatchObject({
      rootCauseSlipDays: 42,
      rootCauseOverdue: false,
      ref: expect.any(String),
    });
    // Campaign owner, the dependency's owner (Slack mention), the root cause owner (Jira accountId), then
    // the KPI owner because the conflict is critical.
    expect(campaign?.notify).toEqual(["ana", "cy", "bo", "dee"]);
  });

  it("asks for a commitment only where the dependency can still make the date", () => {
    const r = run(launch());
    // The API waits on nothing: it can be pulled back to 22 Feb. QA cannot finish by 1 Mar: it cannot start
    // before the API finishes on 3 Apr.
    expect(scheduleOf(r, "jira-eng:QA-9")?.facts).toMatchObject({
      neededBy: "2026-02-22",
      neededByReachable: true,
    });
    expect(scheduleOf(r, "mkt-plan:MKT-7")?.facts).toMatchObject({
      neededBy: "2026-03-01",
      neededByReachable: false,
    });
    // A needed-by date already past cannot be committed to either.
    const later = run(launch(), { today: "2026-02-25" });
    expect(scheduleOf(later, "jira-eng:QA-9")?.facts).toMatchObject({ neededByReachable: false });
  });

  it("resolves to no conflict when the API is back on its original date", () => {
    const r = run(launch("2026-02-20"));
    expect(ofType(r, "schedule")).toEqual([]);
  });

  it("keeps a schedule conflict below both thresholds a warning", () => {
    const r = run(launch("2026-02-23"), { kpis: kpis().map((k) => ({ ...k, costOfDelayPerDay: 10 })) });
    expect(scheduleOf(r, "jira-eng:QA-9")).toMatchObject({
      daysShort: 1,
      severity: "warning",
      notify: ["cy", "bo"],
    });
  });

  it("rolls value at risk up per KPI, objective, team and business unit, each KPI once", () => {
    const r = run(launch());
    // The KPI lands when its last action (the campaign) does: 8 May against 31 Mar, 38 days × €5,000. QA's
    // 40 days short and the campaign's 38 are the same slip seen twice, not 78 days.
    const conv = { valueAtRisk: 38 * 5000, daysShort: 38 };
    expect(r.rollups.kpi).toEqual([{ key: "conv", conflicts: 2, ...conv }]);
    expect(r.rollups.objective).toEqual([{ key: "Launch the card", conflicts: 2, ...conv }]);
    expect(r.rollups.team).toEqual([
      { key: "Engineering", conflicts: 1, ...conv },
      { key: "Marketing", conflicts: 1, ...conv },
    ]);
    // Neither action names a business unit: each takes its team's from the directory.
    expect(r.rollups.businessUnit.map((b) => b.key).sort()).toEqual(["Growth", "Platform"]);
    expect(r.rollups.total).toEqual({ conflicts: 2, ...conv });
  });

  it("orders conflicts by severity, then value at risk, then fingerprint", () => {
    const r = run([...launch(), act("mkt-plan:MKT-8", { title: "Press kit", kpis: [] })]);
    expect(r.conflicts.map((c) => c.fingerprint)).toEqual([
      "schedule|jira-eng:QA-9",
      "schedule|mkt-plan:MKT-7",
      "unlinked_kpi|mkt-plan:MKT-8",
    ]);
  });

  it("splits value at risk per KPI so objectives do not double count", () => {
    const actions = launch();
    actions[2] = { ...actions[2]!, kpis: ["conv", "nps", "conv"] };
    const r = run(actions);
    const c = scheduleOf(r, "mkt-plan:MKT-7");
    expect(c).toMatchObject({ kpis: ["conv", "nps"], valueAtRisk: 38 * 5100 });
    expect(r.rollups.kpi.find((k) => k.key === "nps")).toEqual({
      key: "nps",
      valueAtRisk: 3800,
      conflicts: 1,
      daysShort: 38,
    });
    expect(c?.notify).toEqual(["ana", "cy", "bo", "dee"]);
  });
});
