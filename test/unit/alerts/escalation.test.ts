import { describe, expect, it } from "vitest";
import { planAlerts } from "../../../src/alerts/plan.js";
import { renderText } from "../../../src/alerts/render-text.js";
import { campaignConflict, diff, kpis, MemoryLedger, planInput } from "./fixtures.js";

const escalation = { conflict: campaignConflict(), workingHours: 26 };

describe("escalation of an unanswered conflict", () => {
  it("tells the KPI owner once, saying who has not answered", () => {
    const ledger = new MemoryLedger();
    const first = planAlerts(planInput({ ledger, diff: diff({}), escalations: [escalation] }));
    expect(first.map((i) => [i.kind, i.role, i.recipient.personId])).toEqual([
      ["escalated", "kpi_owner", "cfo"],
    ]);
    const text = renderText(first[0]!);
    expect(text).toContain(
      "Escalated: no answer for 26 working hours; Maria Lopez and Dev Patel have not acknowledged, replanned or committed.",
    );
    expect(text).toContain(
      "Ask Maria Lopez and Dev Patel for an answer, or decide for them from the web admin",
    );
    ledger.record(first);
    // The next run finds it recorded, however long the conflict stays unanswered.
    expect(
      planAlerts(planInput({ ledger, diff: diff({}), escalations: [{ ...escalation, workingHours: 40 }] })),
    ).toEqual([]);
  });

  it("goes to the escalation channel when no KPI owner can be reached, else to the admins", () => {
    const ownerless = kpis.map((k) => ({ ...k, owner: null }));
    const route = (escalationChannel: string | null) =>
      planAlerts(
        planInput({ kpis: ownerless, diff: diff({}), escalations: [escalation], escalationChannel }),
      ).map((i) => [i.role, i.recipient.target]);
    expect(route("#leadership")).toEqual([["fallback", { channel: "slack-channel", to: "#leadership" }]]);
    expect(route("leaders@example.com")).toEqual([
      ["fallback", { channel: "email", to: "leaders@example.com" }],
    ]);
    expect(route(null)).toEqual([["fallback", { channel: "slack-channel", to: "#sightline-admin" }]]);
  });
});
