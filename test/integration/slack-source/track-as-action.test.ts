import { describe, expect, it } from "vitest";
import { eventually, type Fields, mockMethod } from "../slack/slack-api-mock.js";
import {
  CAMILLE,
  PAY_142,
  type SourceHarness,
  STRANGER,
  sendPayload,
  slackActions,
  startSourceHarness,
  TOMASZ,
} from "./harness.js";
import { CHANNEL, initialValues, messageShortcut, type SlackMessage, viewSubmission } from "./payloads.js";

const MESSAGE: SlackMessage = {
  user: CAMILLE,
  ts: "1768208000.000200",
  text:
    "<@U05B7K2QA09> can you run the payout regression suite before the campaign?\n" +
    "Start 2026-02-23, done by March 6. It needs PAY-142 first.",
};
const PERMALINK = `https://acmepay.slack.com/archives/${CHANNEL.id}/p1768208000000200`;

function record(fields: Fields): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields));
}

/** Runs the shortcut and returns the modal Sightline opened. */
async function openModal(h: SourceHarness, clicker = CAMILLE) {
  const open = mockMethod("views.open", () => ({ ok: true, view: { id: "V0TRACK" } }));
  const res = await sendPayload(h, messageShortcut(clicker, MESSAGE));
  expect(res.status).toBe(200);
  await eventually(() => open.calls.length === 1, "views.open");
  const call = open.calls[0];
  const view = call?.view;
  if (!view || typeof view !== "object") throw new Error("views.open without a view");
  return { triggerId: call?.trigger_id, view: record(Object.fromEntries(Object.entries(view))) };
}

describe("Track as action (message shortcut)", () => {
  it("opens a modal prefilled from the message: title, mentioned owner, dates, refs", async () => {
    const h = await startSourceHarness();
    const { triggerId, view } = await openModal(h);

    expect(triggerId).toBe("1768208500123.1234.5566778899aabbcc");
    expect(view).toMatchObject({ type: "modal", callback_id: "track_as_action" });
    expect(JSON.parse(String(view.private_metadata))).toEqual({ channel: CHANNEL.id, ts: MESSAGE.ts });
    expect(initialValues(view)).toEqual({
      title: { value: "@Tomasz Nowak can you run the payout regression suite before the campaign?" },
      owner: { selected_user: TOMASZ },
      start: { selected_date: "2026-02-23" },
      due: { selected_date: "2026-03-06" },
      depends: { value: "PAY-142" },
      kpi: { value: null },
    });
  });

  it("on submit: stores the action linked to the message, reconciles, and replies in the thread", async () => {
    const h = await startSourceHarness();
    const { view } = await openModal(h);
    const permalink = mockMethod("chat.getPermalink", (f) => ({
      ok: true,
      channel: f.channel,
      permalink: PERMALINK,
    }));
    const reply = mockMethod("chat.postMessage", () => ({
      ok: true,
      channel: CHANNEL.id,
      ts: "1768208700.000300",
    }));

    const res = await sendPayload(
      h,
      viewSubmission(CAMILLE, "V0TRACK", view, {
        ...initialValues(view),
        title: { value: "Payout regression suite" },
        kpi: { value: "merchant-activation" },
      }),
    );

    expect(res.status).toBe(200);
    expect(res.text).toBe("");
    await eventually(() => reply.calls.length === 1, "the thread reply");
    expect(permalink.calls).toEqual([
      expect.objectContaining({ channel: CHANNEL.id, message_ts: MESSAGE.ts }),
    ]);

    const [action, ...others] = await slackActions(h);
    expect(others).toEqual([]);
    if (!action) throw new Error("nothing stored");
    expect(action).toMatchObject({
      title: "Payout regression suite",
      url: PERMALINK,
      ownerRaw: "tomasz.nowak@acmepay.example",
      owner: "tomasz",
      team: "QA",
      start: "2026-02-23",
      due: "2026-03-06",
      dependsOn: [{ ref: "PAY-142", type: "FS", lagDays: 0 }],
      kpis: ["merchant-activation"],
    });
    expect(await h.ctx.store.actions.history(action.id)).toEqual([
      expect.objectContaining({ field: "created", source: `slack:${CAMILLE}` }),
    ]);
    expect(h.reconciles).toEqual([`slack shortcut create of ${action.id} by slack:${CAMILLE}`]);
    const conflict = (await h.ctx.store.conflicts.list({ status: ["open"] })).find(
      (c) => c.type === "schedule" && c.actionId === action.id,
    );
    expect(conflict).toMatchObject({ dependencyId: PAY_142 });

    const r = reply.calls[0];
    expect(r).toMatchObject({ channel: CHANNEL.id, thread_ts: MESSAGE.ts });
    const text = String(r?.text);
    expect(text).toContain(`<@${CAMILLE}> is tracking this as \`${action.id}\``);
    expect(text).toContain(`<@${TOMASZ}>`);
    expect(text).toContain(`${conflict?.daysShort} days short`);
    // The owners hear about it the way every conflict is alerted.
    expect(h.alerts.some((a) => a.includes("Tomasz Nowak") && a.includes("Payout regression suite"))).toBe(
      true,
    );
  });

  it("a retried submission (same view id, X-Slack-Retry-Num) creates no second action and no second reply", async () => {
    const h = await startSourceHarness();
    const { view } = await openModal(h);
    const permalink = mockMethod("chat.getPermalink", () => ({ ok: true, permalink: PERMALINK }), {
      times: 2,
    });
    const reply = mockMethod("chat.postMessage", () => ({ ok: true, ts: "1768208700.000300" }), { times: 2 });
    const payload = viewSubmission(CAMILLE, "V0TRACK", view, initialValues(view));

    // The retry arrives while the first is still being written, and once more after.
    const [first, second] = await Promise.all([
      sendPayload(h, payload),
      sendPayload(h, payload, { "X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout" }),
    ]);
    await eventually(() => reply.calls.length === 1, "the thread reply");
    const third = await sendPayload(h, payload, {
      "X-Slack-Retry-Num": "2",
      "X-Slack-Retry-Reason": "http_timeout",
    });
    await eventually(
      () => h.log.filter((l) => l.includes("a repeated creation request is not written again")).length === 2,
      "both repeats seen",
    );

    expect([first.status, second.status, third.status]).toEqual([200, 200, 200]);
    expect(await slackActions(h)).toHaveLength(1);
    expect(permalink.calls).toHaveLength(1);
    expect(reply.calls).toHaveLength(1);
    expect(h.reconciles).toHaveLength(1);
    expect(h.log.filter((l) => l.includes("a listener failed"))).toEqual([]);
  });

  it.each([
    [
      "a start after the due date",
      { start: { selected_date: "2026-03-10" }, due: { selected_date: "2026-03-06" } },
      { start: "The start (2026-03-10) is after the due date (2026-03-06)." },
    ],
    [
      "an impossible date",
      { due: { selected_date: "2026-02-30" } },
      { due: "2026-02-30 is not a calendar date (YYYY-MM-DD)." },
    ],
    [
      "an owner outside the directory",
      { owner: { selected_user: STRANGER } },
      {
        owner: `Owner: <@${STRANGER}> is not in Sightline's people directory (no person with that Slack id or Slack e-mail)`,
      },
    ],
    ["no title", { title: { value: "  " } }, { title: "Give the action a title." }],
  ])("refuses %s with response_action errors and stores nothing", async (_what, change, errors) => {
    const h = await startSourceHarness();
    const { view } = await openModal(h);
    mockMethod("users.info", () => ({ ok: false, error: "user_not_found" }));

    const res = await sendPayload(
      h,
      viewSubmission(CAMILLE, "V0TRACK", view, { ...initialValues(view), ...change }),
    );

    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ response_action: "errors", errors });
    expect(await slackActions(h)).toEqual([]);
    expect(h.reconciles).toEqual([]);
  });
});
