import { describe, expect, it } from "vitest";
import {
  createSlackConnectorFromConfig,
  SlackConnectorOptionsSchema,
} from "../../../connectors/slack/config.js";
import { runSync } from "../../../src/sync/index.js";
import { eventually, mockMethod } from "../slack/slack-api-mock.js";
import {
  CAMILLE,
  LEA,
  mockResponseUrl,
  NOW,
  PAY_142,
  type SourceHarness,
  STRANGER,
  sendForm,
  slackActions,
  startSourceHarness,
} from "./harness.js";
import { APP_ID, slashCommand, TEAM } from "./payloads.js";

async function add(
  h: SourceHarness,
  userId: string,
  text: string,
  triggerId = "1768208400123.1234.aa11bb22cc33",
) {
  const answers = mockResponseUrl();
  const res = await sendForm(h, slashCommand(userId, `add ${text}`, answers.url, triggerId));
  expect(res.status).toBe(200);
  expect(res.text).toBe("");
  await eventually(() => answers.bodies.length === 1, "the response_url answer");
  const answer = answers.bodies[0];
  expect(answer?.response_type).toBe("ephemeral");
  return String(answer?.text);
}

describe("/sightline add", () => {
  it("creates the action in the slack instance, with history, reconciled against the demo's PAY-142", async () => {
    const h = await startSourceHarness();

    const answer = await add(
      h,
      CAMILLE,
      "Payouts launch webinar owner:<@U05C1MKT007|camille> start:2026-03-02 due:2026-03-20 depends:PAY-142 kpi:ARR-payouts",
    );

    const [action, ...others] = await slackActions(h);
    expect(others).toEqual([]);
    if (!action) throw new Error("no Slack-created action stored");
    expect(action.id).toMatch(/^slack:SL-[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(action).toMatchObject({
      source: { kind: "slack", instance: "slack" },
      title: "Payouts launch webinar",
      status: "todo",
      ownerRaw: "camille.durand@acmepay.example",
      owner: "camille",
      team: "Marketing",
      start: "2026-03-02",
      due: "2026-03-20",
      baselineDue: "2026-03-20",
      kpis: ["arr-payouts"],
      dependsOn: [{ ref: "PAY-142", type: "FS", lagDays: 0 }],
      url: `https://slack.com/app_redirect?app=${APP_ID}&team=${TEAM.id}`,
      sourceUpdatedAt: NOW,
    });
    expect(await h.ctx.store.actions.history(action.id)).toEqual([
      { actionId: action.id, field: "created", from: null, to: null, at: NOW, source: `slack:${CAMILLE}` },
    ]);

    // The reconcile ran: the webinar starts 2 Mar, but PAY-142 finishes 3 Apr.
    expect(h.reconciles).toEqual([`slack command create of ${action.id} by slack:${CAMILLE}`]);
    const conflict = (await h.ctx.store.conflicts.list({ status: ["open"] })).find(
      (c) => c.type === "schedule" && c.actionId === action.id,
    );
    expect(conflict).toMatchObject({ dependencyId: PAY_142, daysShort: 33 });

    expect(answer).toContain(`Created \`${action.id}\``);
    expect(answer).toContain("Payouts launch webinar");
    expect(answer).toContain("33 days short");
  });

  it("a regular sync of the slack instance is a no-op that keeps the Slack-created actions", async () => {
    const h = await startSourceHarness();
    await add(h, CAMILLE, "Payouts FAQ due:2026-02-20");
    const before = await slackActions(h);
    expect(before).toHaveLength(1);

    // What `sightline sync --connector slack` runs once the factory knows the kind.
    const report = await runSync(
      createSlackConnectorFromConfig("slack", SlackConnectorOptionsSchema.parse({})),
      h.ctx.store.sync,
      { now: () => "2026-01-13T09:00:00.000Z" },
    );

    expect(report).toMatchObject({
      pages: 0,
      inserted: 0,
      updated: 0,
      removed: 0,
      paused: null,
      changedIds: [],
    });
    expect(await slackActions(h)).toEqual(before);
  });

  it("defaults the owner to the caller; resolves a mention known only by e-mail through users.info", async () => {
    const h = await startSourceHarness();
    const info = mockMethod("users.info", (f) => ({
      ok: true,
      user: {
        id: f.user,
        name: "lea",
        profile: { email: "lea.petit@acmepay.example", real_name: "Léa Petit" },
      },
    }));

    await add(h, CAMILLE, "Landing page copy", "1768208400123.1234.000000000001");
    await add(h, CAMILLE, `Press kit owner:<@${LEA}|lea> team:marketing`, "1768208400123.1234.000000000002");

    expect(info.calls).toEqual([expect.objectContaining({ user: LEA })]);
    const byTitle = new Map((await slackActions(h)).map((a) => [a.title, a]));
    expect(byTitle.get("Landing page copy")).toMatchObject({
      ownerRaw: "camille.durand@acmepay.example",
      owner: "camille",
    });
    expect(byTitle.get("Press kit")).toMatchObject({
      ownerRaw: "lea.petit@acmepay.example",
      owner: "lea",
      team: "Marketing",
    });
  });

  it.each([
    ["an impossible due date", "Payouts FAQ due:2026-02-30", "due: 2026-02-30 is not a calendar date"],
    [
      "an unknown field",
      "Payouts FAQ prio:high",
      '"prio:" is not a field (known: owner, due, start, depends, kpi, team, status)',
    ],
    [
      "an owner nobody knows",
      `Payouts FAQ owner:<@${STRANGER}|stranger>`,
      `owner: <@${STRANGER}> is not in Sightline's people directory`,
    ],
    [
      "a team as the owner",
      "Payouts FAQ owner:Marketing",
      'owner: "Marketing" is the team Marketing, not a person',
    ],
    [
      "a KPI not in the catalog",
      "Payouts FAQ kpi:ARR",
      'kpi: "ARR" is not in the KPI catalog (known: arr-payouts',
    ],
  ])("answers %s with an ephemeral error and stores nothing", async (_what, text, message) => {
    const h = await startSourceHarness();
    // users.info for the stranger: Slack knows them, the directory does not.
    mockMethod("users.info", (f) => ({
      ok: true,
      user: { id: f.user, profile: { email: "who@else.example" } },
    }));

    const answer = await add(h, CAMILLE, text);

    expect(answer).toContain("Nothing was created");
    expect(answer).toContain(message);
    expect(await slackActions(h)).toEqual([]);
    expect((await h.ctx.store.sync.states()).find((s) => s.instance === "slack")).toBeUndefined();
    expect(h.reconciles).toEqual([]);
  });

  it("the same command delivered twice (same trigger) creates one action", async () => {
    const h = await startSourceHarness();
    const first = await add(h, CAMILLE, "Payouts FAQ due:2026-02-20", "1768208400123.1234.dup");
    const second = await add(h, CAMILLE, "Payouts FAQ due:2026-02-20", "1768208400123.1234.dup");
    expect(await slackActions(h)).toHaveLength(1);
    expect(first).toContain("Created");
    expect(second).toContain("Already created");
    expect(h.reconciles).toHaveLength(1);
  });

  it("uses the configured instance id and key prefix", async () => {
    const h = await startSourceHarness({
      slackConnector: "  - { id: slack-desk, kind: slack, keyPrefix: ACT }",
    });
    await add(h, CAMILLE, "Payouts FAQ due:2026-02-20");
    expect((await slackActions(h)).map((a) => a.id)).toEqual([
      expect.stringMatching(/^slack-desk:ACT-[0-9A-Z]{8}$/),
    ]);
  });

  it("refuses when the slack instance is disabled", async () => {
    const h = await startSourceHarness({ slackConnector: "  - { id: slack, kind: slack, enabled: false }" });
    const answer = await add(h, CAMILLE, "Payouts FAQ due:2026-02-20");
    expect(answer).toContain('the Slack connector "slack" is disabled');
    expect(await slackActions(h)).toEqual([]);
  });
});
