import { describe, expect, it } from "vitest";
import { planAlerts } from "../../../src/alerts/plan.js";
import { type Directory, type PersonInput, PersonSchema } from "../../../src/model/index.js";
import { actionsById, campaignConflict, diff, directory, planInput } from "./fixtures.js";

/**
 * A conflict on the campaign whose only recipient is the campaign's owner, `owner`. The action's team is Ops,
 * which has no channel of its own: what nobody can hear goes to the admins.
 */
function soloConflict(owner: string, team = "Ops") {
  return {
    conflict: campaignConflict({
      dependencyId: null,
      rootCauseId: null,
      severity: "warning",
      notify: [owner],
    }),
    actions: actionsById({
      "mkt-plan:MKT-7": {
        id: "mkt-plan:MKT-7",
        title: "Go-to-market campaign",
        owner,
        team,
        url: null,
        source: { kind: "sheets", instance: "mkt-plan" },
      },
    }),
  };
}

/** An ownership vacuum on the campaign: nobody in notify, no owner on the action. */
function vacuumConflict() {
  return campaignConflict({
    type: "ownership_vacuum",
    facts: { reason: "empty", ownerRaw: null, team: "Marketing", candidates: [] },
    notify: [],
    dependencyId: null,
    rootCauseId: null,
    kpis: [],
  });
}

function withPerson(dir: Directory, person: PersonInput): Directory {
  return { ...dir, people: [...dir.people, PersonSchema.parse(person)] };
}

function planFor(dir: Directory, owner: string, adminChannel: string | null = "#sightline-admin") {
  const { conflict, actions } = soloConflict(owner);
  return planAlerts(
    planInput({
      directory: dir,
      actionsById: actions,
      diff: diff({ opened: [conflict] }),
      settings: { adminChannel, orgTimeZone: "Europe/Paris" },
    }),
  );
}

describe("recipient routing", () => {
  it("falls back from Slack DM to the team channel, to the person's e-mail, to the team's e-mail", () => {
    const base = directory();
    const noSlack = withPerson(base, {
      id: "p1",
      name: "Pat",
      team: "Marketing",
      emails: ["pat@example.com"],
    });
    expect(planFor(noSlack, "p1").map((i) => i.recipient.target)).toEqual([
      { channel: "slack-channel", to: "#marketing" },
    ]);
    const noChannel = withPerson(base, { id: "p2", name: "Lee", team: "Legal", emails: ["lee@example.com"] });
    expect(planFor(noChannel, "p2").map((i) => i.recipient.target)).toEqual([
      { channel: "email", to: "lee@example.com" },
    ]);
    const noEmail = withPerson(base, { id: "p3", name: "Kim", team: "Legal" });
    expect(planFor(noEmail, "p3").map((i) => i.recipient.target)).toEqual([
      { channel: "email", to: "legal@example.com" },
    ]);
  });

  it("sends what no owner can hear to the admin channel, or marks it unrouted when there is none", () => {
    const base = directory();
    const unreachable = withPerson(base, { id: "ghost", name: "Ghost", team: "Ops" });
    const toAdmin = planFor(unreachable, "ghost");
    expect(toAdmin.map((i) => [i.role, i.recipient.personId, i.recipient.target])).toEqual([
      ["fallback", null, { channel: "slack-channel", to: "#sightline-admin" }],
    ]);
    // An owner id that is not in the directory at all is just as unreachable.
    expect(planFor(base, "nobody-known").map((i) => i.role)).toEqual(["fallback"]);
    expect(planFor(base, "nobody-known", "ops@example.com").map((i) => i.recipient.target)).toEqual([
      { channel: "email", to: "ops@example.com" },
    ]);
    expect(planFor(base, "nobody-known", null).map((i) => i.recipient.target)).toEqual([
      { channel: "unrouted", to: null },
    ]);
    // An ownership vacuum: nobody in notify, no owner on the action.
    const vacuum = vacuumConflict();
    const intents = planAlerts(
      planInput({ diff: diff({ opened: [vacuum] }), actionsById: soloConflict("nobody", "Ops").actions }),
    );
    expect(intents.map((i) => [i.role, i.recipient.target])).toEqual([
      ["fallback", { channel: "slack-channel", to: "#sightline-admin" }],
    ]);
  });

  it("does not copy into a team channel what a teammate has by DM, unless the channel is the only route", () => {
    // Anna (Engineering) gets the campaign conflict by DM; Dev, her teammate without a Slack id, would be routed
    // to #eng, which only repeats it: he gets it by e-mail. Without an e-mail, the channel is his one route.
    const dir = directory();
    const route = (dev: Partial<PersonInput>) =>
      planAlerts(
        planInput({
          directory: {
            ...dir,
            people: dir.people.map((p) => (p.id === "dev" ? PersonSchema.parse({ ...p, ...dev }) : p)),
          },
          diff: diff({ opened: [campaignConflict()] }),
        }),
      ).find((i) => i.recipient.personIds.includes("dev"))?.recipient.target;
    expect(route({ slackUserId: null, emails: ["dev@example.com"] })).toEqual({
      channel: "email",
      to: "dev@example.com",
    });
    expect(route({ slackUserId: null, emails: [] })).toEqual({ channel: "slack-channel", to: "#eng" });
  });

  it("sends a no-owner alert to the action's team when the team has a channel or an e-mail, not to the admins", () => {
    const vacuum = vacuumConflict();
    const route = (channels: { slack: boolean; email: boolean }) =>
      planAlerts(
        planInput({
          diff: diff({ opened: [vacuum] }),
          actionsById: soloConflict("nobody", "Marketing").actions,
          settings: { adminChannel: "#sightline-admin", orgTimeZone: "Europe/Paris", channels },
        }),
      ).map((i) => [i.role, i.recipient.target]);
    expect(route({ slack: true, email: true })).toEqual([
      ["fallback", { channel: "slack-channel", to: "#marketing" }],
    ]);
    expect(route({ slack: false, email: true })).toEqual([
      ["fallback", { channel: "email", to: "marketing@example.com" }],
    ]);
  });

  it("gives a person with two roles one intent, in the more specific role", () => {
    // Dev owns both the dependency and the root cause.
    const actions = actionsById({
      "jira-eng:PAY-142": {
        id: "jira-eng:PAY-142",
        title: "Backend API integration",
        owner: "dev",
        team: "Engineering",
        url: null,
        source: { kind: "jira", instance: "jira-eng" },
      },
    });
    const intents = planAlerts(
      planInput({
        actionsById: actions,
        diff: diff({ opened: [campaignConflict({ notify: ["cfo", "dev", "maria"] })] }),
      }),
    );
    expect(intents.map((i) => [i.recipient.personId, i.role])).toEqual([
      ["maria", "dependent_owner"],
      ["dev", "dependency_owner"],
      ["cfo", "kpi_owner"],
    ]);
  });

  it("merges two people routed to one team channel into one intent speaking for both", () => {
    let dir = withPerson(directory(), { id: "e1", name: "Eve", team: "Engineering" });
    dir = withPerson(dir, { id: "e2", name: "Eli", team: "Engineering" });
    const actions = actionsById({
      "jira-eng:QA-7": {
        id: "jira-eng:QA-7",
        title: "QA sign-off",
        owner: "e1",
        team: "Engineering",
        url: null,
        source: { kind: "jira", instance: "jira-eng" },
      },
      "jira-eng:PAY-142": {
        id: "jira-eng:PAY-142",
        title: "Backend API",
        owner: "e2",
        team: "Engineering",
        url: null,
        source: { kind: "jira", instance: "jira-eng" },
      },
    });
    const intents = planAlerts(
      planInput({
        directory: dir,
        actionsById: actions,
        diff: diff({ opened: [campaignConflict({ severity: "warning", notify: [] })] }),
      }),
    );
    expect(intents.map((i) => [i.role, i.recipient.target.to, i.recipient.personIds])).toEqual([
      ["dependent_owner", "U_MARIA", ["maria"]],
      ["dependency_owner", "#eng", ["e1", "e2"]],
    ]);
  });

  it("alerts the KPI owner only for critical conflicts", () => {
    const critical = planAlerts(planInput({ diff: diff({ opened: [campaignConflict()] }) }));
    expect(critical.filter((i) => i.role === "kpi_owner").map((i) => i.recipient.personId)).toEqual(["cfo"]);
    for (const severity of ["info", "warning"] as const) {
      const lower = planAlerts(planInput({ diff: diff({ opened: [campaignConflict({ severity })] }) }));
      expect(lower.map((i) => i.recipient.personId)).not.toContain("cfo");
    }
  });
});

describe("routing among the sinks that are configured", () => {
  const plan = (dir: Directory, owner: string, channels: { slack: boolean; email: boolean }) => {
    const { conflict, actions } = soloConflict(owner);
    return planAlerts(
      planInput({
        directory: dir,
        actionsById: actions,
        diff: diff({ opened: [conflict] }),
        settings: {
          adminChannel: "#sightline-admin",
          adminEmail: "ops@acme.example",
          orgTimeZone: "Europe/Paris",
          channels,
        },
      }),
    ).map((i) => [i.role, i.recipient.target]);
  };
  const base = directory();
  const both = withPerson(base, {
    id: "sam",
    name: "Sam",
    emails: ["sam@acme.example"],
    slackUserId: "U0SAM",
    team: "Ops",
  });

  it("sends someone with a Slack id an e-mail when only SMTP is configured, and Slack when only Slack is", () => {
    expect(plan(both, "sam", { slack: false, email: true })).toEqual([
      ["dependent_owner", { channel: "email", to: "sam@acme.example" }],
    ]);
    expect(plan(both, "sam", { slack: true, email: false })).toEqual([
      ["dependent_owner", { channel: "slack-dm", to: "U0SAM" }],
    ]);
  });

  it("takes the admin route the configured sink can reach when the owner has no address it can", () => {
    const slackOnly = withPerson(base, { id: "kai", name: "Kai", slackUserId: "U0KAI", team: "Ops" });
    expect(plan(slackOnly, "kai", { slack: false, email: true })).toEqual([
      ["fallback", { channel: "email", to: "ops@acme.example" }],
    ]);
    const mailOnly = withPerson(base, { id: "lu", name: "Lu", emails: ["lu@acme.example"], team: "Ops" });
    expect(plan(mailOnly, "lu", { slack: true, email: false })).toEqual([
      ["fallback", { channel: "slack-channel", to: "#sightline-admin" }],
    ]);
  });

  it("keeps the configured targets when no sink delivers (the console prints them)", () => {
    expect(plan(both, "sam", { slack: false, email: false })).toEqual([
      ["dependent_owner", { channel: "slack-dm", to: "U0SAM" }],
    ]);
  });
});
