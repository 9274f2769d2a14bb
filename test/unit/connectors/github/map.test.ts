import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type GitHubMapContext, mapIssue, mapMilestone } from "../../../../connectors/github/map.js";
import { GitHubIssueSchema, GitHubMilestoneSchema } from "../../../../connectors/github/raw-schema.js";
import { ActionRecordSchema } from "../../../../src/model/index.js";

const FIXTURES = new URL("../../../../fixtures/github/payments/", import.meta.url);
const issues = GitHubIssueSchema.array().parse(
  JSON.parse(readFileSync(new URL("issues.json", FIXTURES), "utf8")),
);
const milestones = GitHubMilestoneSchema.array().parse(
  JSON.parse(readFileSync(new URL("milestones.json", FIXTURES), "utf8")),
);
const ctx: GitHubMapContext = {
  instance: "gh-payments",
  repo: "acme/payments",
  kpiLabelPrefix: "kpi:",
  teamLabelPrefix: "team:",
  team: null,
  businessUnit: "Payments",
};
const issue = (n: number) => {
  const found = issues.find((i) => i.number === n);
  if (!found) throw new Error(`fixture has no issue #${n}`);
  return found;
};
const recordOf = (item: ReturnType<typeof mapIssue>) => {
  if (item.kind !== "record") throw new Error(`rejected: ${item.reason}`);
  return ActionRecordSchema.parse(item.record);
};

describe("mapIssue", () => {
  it("maps a recorded issue: body due date over the milestone's, labels to KPI and team, the assignee", () => {
    expect(recordOf(mapIssue(issue(12), [], ctx))).toMatchObject({
      nativeKey: "acme/payments#12",
      url: "https://github.com/acme/payments/issues/12",
      title: "Checkout API v2",
      status: "in_progress",
      ownerRaw: "dev-patel",
      team: "Engineering",
      businessUnit: "Payments",
      program: "Launch Q2",
      due: "2026-04-03",
      kpis: ["activation"],
      dependsOn: [],
      sourceUpdatedAt: "2026-02-20T11:15:02Z",
    });
  });

  it("takes the milestone's day when the body names none, and joins blocked-by issues with body refs", () => {
    const record = recordOf(mapIssue(issue(15), ["acme/payments#14", "acme/payments#15"], ctx));
    expect(record.due).toBe("2026-04-15");
    expect(record.dependsOn.map((d) => d.ref)).toEqual([
      "acme/payments#14",
      "acme/payments#16",
      "acme/web#4",
    ]);
  });

  it("reads closed-as-not-planned as cancelled, an unassigned open issue as todo, a blocked label as blocked", () => {
    expect(recordOf(mapIssue(issue(13), [], ctx)).status).toBe("cancelled");
    const unassigned = { ...issue(12), assignee: null, assignees: [] };
    expect(recordOf(mapIssue(unassigned, [], ctx)).status).toBe("todo");
    const blocked = { ...issue(12), labels: [{ name: "Blocked" }] };
    expect(recordOf(mapIssue(blocked, [], ctx)).status).toBe("blocked");
  });

  it("rejects an issue whose body has an impossible date, saying where", () => {
    const item = mapIssue(issue(16), [], ctx);
    expect(item).toMatchObject({
      kind: "rejected",
      reason: 'body line 1: due "2026-02-30" is not a date (write it as 2026-04-03)',
      origin: {
        location: "gh-payments issue acme/payments#16",
        nativeKey: "acme/payments#16",
        field: "body",
      },
    });
  });
});

describe("mapMilestone", () => {
  it("is due on the day GitHub stores (Pacific midnight), owned by its creator, waiting for its open issues", () => {
    const q2 = milestones.find((m) => m.number === 3);
    if (!q2) throw new Error("fixture has no milestone 3");
    const item = mapMilestone(q2, [12, 14], ctx);
    expect(item.kind === "record" ? ActionRecordSchema.parse(item.record) : item).toMatchObject({
      nativeKey: "acme/payments/milestones/3",
      title: "Launch Q2",
      status: "in_progress",
      ownerRaw: "mlopez",
      due: "2026-04-15",
      dependsOn: [{ ref: "acme/payments#12" }, { ref: "acme/payments#14" }],
    });
    // Winter: GitHub sends 08:00 UTC for the same midnight.
    const winter = mapMilestone({ ...q2, due_on: "2026-01-20T08:00:00Z" }, [], ctx);
    expect(winter.kind === "record" ? ActionRecordSchema.parse(winter.record).due : null).toBe("2026-01-20");
  });
});
