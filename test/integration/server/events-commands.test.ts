import nock from "nock";
import { describe, expect, it } from "vitest";
import { eventually, mockMethod } from "../slack/slack-api-mock.js";
import { API, type Harness, post, sendInteraction, slackHeaders, startHarness } from "./harness.js";
import { appHomeOpened, blockActions, slashCommand, viewSubmission } from "./payloads.js";

async function sendEvent(h: Harness, payload: unknown, extra: Record<string, string> = {}) {
  const body = JSON.stringify(payload);
  return post(h.url, body, "application/json", { ...slackHeaders(body), ...extra });
}

/** The response_url Slack gave the command: respond() posts the answer there. */
function mockResponseUrl() {
  const bodies: Record<string, unknown>[] = [];
  nock("https://hooks.slack.test")
    .post("/commands/T_TEST/2/xyz")
    .reply(async (request: Request) => {
      const body: unknown = await request.json();
      if (body !== null && typeof body === "object") bodies.push(Object.fromEntries(Object.entries(body)));
      return [200, "ok"];
    });
  return bodies;
}

async function openProposeModal(h: Harness) {
  const anna = h.posted.get("U_ANNA");
  if (!anna) throw new Error("fixture: anna was alerted");
  const open = mockMethod("views.open", () => ({ ok: true, view: { id: "V_TEST" } }));
  await sendInteraction(h, blockActions("U_ANNA", anna, "propose"));
  await eventually(() => open.calls.length === 1, "views.open");
  const call = open.calls[0];
  const view = call?.view;
  if (!view || typeof view !== "object") throw new Error("views.open without a view");
  return { call, view: Object.fromEntries(Object.entries(view)), message: anna };
}

describe("events", () => {
  it("handles an event once: a redelivery with the same event_id is dropped", async () => {
    const h = await startHarness();
    const publish = mockMethod("views.publish", () => ({ ok: true }), { times: 3 });

    expect((await sendEvent(h, appHomeOpened("U_MARIA", "Ev0A1"))).status).toBe(200);
    expect(
      (
        await sendEvent(h, appHomeOpened("U_MARIA", "Ev0A1"), {
          "X-Slack-Retry-Num": "1",
          "X-Slack-Retry-Reason": "http_timeout",
        })
      ).status,
    ).toBe(200);
    expect((await sendEvent(h, appHomeOpened("U_ANNA", "Ev0A2"))).status).toBe(200);
    await eventually(
      () => publish.calls.some((c) => c.user_id === "U_ANNA"),
      "the second event's views.publish",
    );

    expect(publish.calls.map((c) => c.user_id)).toEqual(["U_MARIA", "U_ANNA"]);
    expect(h.log).toContain("slack: event Ev0A1 already handled; duplicate dropped");
    // The App Home shows the same as `/sightline mine`.
    const home = JSON.stringify(publish.calls[0]?.view);
    expect(home).toContain('"type":"home"');
    expect(home).toContain("Go-to-market campaign");
    expect(home).toContain("33 days short");
  });
});

describe("/sightline", () => {
  it("`mine` acks, then answers privately with my actions and my open conflicts", async () => {
    const h = await startHarness();
    const answers = mockResponseUrl();
    const body = slashCommand("U_MARIA", "mine");

    const res = await post(h.url, body, "application/x-www-form-urlencoded", slackHeaders(body));

    expect(res.status).toBe(200);
    expect(res.text).toBe("");
    await eventually(() => answers.length === 1, "the response_url answer");
    const answer = answers[0];
    expect(answer?.response_type).toBe("ephemeral");
    const text = JSON.stringify(answer?.blocks);
    expect(text).toContain("Maria Lopez");
    expect(text).toContain("Your open actions* (1)");
    expect(text).toContain("Go-to-market campaign");
    expect(text).toContain("Open conflicts you are part of* (1)");
    expect(text).not.toContain("Backend API integration>: due"); // Anna's action, not Maria's
  });

  it("`conflicts <team>` filters by team; someone outside the directory is told so", async () => {
    const h = await startHarness();
    const answers = mockResponseUrl();
    const body = slashCommand("U_ANNA", "conflicts Legal");
    await post(h.url, body, "application/x-www-form-urlencoded", slackHeaders(body));
    await eventually(() => answers.length === 1, "the answer");
    expect(JSON.stringify(answers[0]?.blocks)).toContain("Open conflicts in Legal*\\nNone.");

    const second = mockResponseUrl();
    const mine = slashCommand("U_NOBODY", "mine");
    await post(h.url, mine, "application/x-www-form-urlencoded", slackHeaders(mine));
    await eventually(() => second.length === 1, "the answer");
    expect(JSON.stringify(second[0]?.blocks)).toContain("nobody with your Slack id (U_NOBODY)");
  });
});

describe("Propose a new date", () => {
  it("opens a modal with a date picker for the dependency's owner", async () => {
    const h = await startHarness();
    const { call, view } = await openProposeModal(h);
    expect(call?.trigger_id).toBe("1767000100123.1234.abcdef0123456789");
    expect(view.type).toBe("modal");
    expect(view.callback_id).toBe("sightline_propose_date");
    expect(JSON.stringify(view.blocks)).toContain('"type":"datepicker"');
    expect(JSON.stringify(view.blocks)).toContain('"initial_date":"2026-04-03"');
  });

  it.each([
    ["a date in the past", "2025-12-01", "1 Dec 2025 is in the past."],
    ["no date", null, "Pick a date."],
    ["an impossible date", "2026-02-30", "2026-02-30 is not a calendar date (YYYY-MM-DD)."],
    ["the current due date", "2026-04-03", "3 Apr 2026 is already its due date."],
  ])("refuses %s with response_action errors", async (_what, date, message) => {
    const h = await startHarness();
    const { view } = await openProposeModal(h);

    const res = await sendInteraction(h, viewSubmission("U_ANNA", view, date));

    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ response_action: "errors", errors: { date: message } });
    expect(h.work.writes).toEqual([]);
  });

  it("a valid date closes the modal, is written back, and is said in the alert's thread", async () => {
    const h = await startHarness();
    const { view, message } = await openProposeModal(h);
    const reply = mockMethod("chat.postMessage", () => ({ ok: true, ts: "1767000600.000100" }));

    const res = await sendInteraction(h, viewSubmission("U_ANNA", view, "2026-03-20"));

    expect(res.status).toBe(200);
    expect(res.text).toBe("");
    await eventually(() => reply.calls.length === 1, "the thread reply");
    expect(h.work.writes).toEqual([
      { actionId: API, change: { due: "2026-03-20" }, by: "slack:U_ANNA", reason: "propose" },
    ]);
    expect(reply.calls[0]).toMatchObject({ channel: message.channel, thread_ts: message.ts });
    expect(String(reply.calls[0]?.text)).toContain(
      "<@U_ANNA> proposed 20 Mar 2026 for Backend API integration",
    );
  });

  it("a stranger cannot propose, even with the modal's payload", async () => {
    const h = await startHarness();
    const { view } = await openProposeModal(h);
    const res = await sendInteraction(h, viewSubmission("U_STRANGER", view, "2026-03-20"));
    expect(JSON.parse(res.text)).toMatchObject({ response_action: "errors" });
    expect(h.work.writes).toEqual([]);
  });
});
