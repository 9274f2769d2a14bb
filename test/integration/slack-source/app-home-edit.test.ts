import { describe, expect, it } from "vitest";
import { eventually, type Fields, mockMethod } from "../slack/slack-api-mock.js";
import {
  CAMILLE,
  mockResponseUrl,
  type SourceHarness,
  sendEvent,
  sendForm,
  sendPayload,
  slackActions,
  startSourceHarness,
  TOMASZ,
} from "./harness.js";
import { appHomeOpened, homeButtonClick, initialValues, slashCommand, viewSubmission } from "./payloads.js";

function record(v: unknown): Record<string, unknown> {
  if (!v || typeof v !== "object") throw new Error("expected an object");
  return Object.fromEntries(Object.entries(v));
}

async function addWebinar(h: SourceHarness): Promise<string> {
  const answers = mockResponseUrl();
  await sendForm(
    h,
    slashCommand(
      CAMILLE,
      "add Payouts launch webinar start:2026-03-02 due:2026-03-20 depends:PAY-142 kpi:arr-payouts",
      answers.url,
      "1768208400123.1234.webinar",
    ),
  );
  await eventually(() => answers.bodies.length === 1, "the add answer");
  const [action] = await slackActions(h);
  if (!action) throw new Error("the webinar was not created");
  return action.id;
}

async function openHome(h: SourceHarness, userId: string, eventId: string) {
  const publish = mockMethod("views.publish", () => ({ ok: true }));
  await sendEvent(h, appHomeOpened(userId, eventId));
  await eventually(() => publish.calls.length === 1, "views.publish");
  return record(publish.calls[0]?.view);
}

async function openEdit(h: SourceHarness, userId: string, home: Record<string, unknown>, id: string) {
  const open = mockMethod("views.open", () => ({ ok: true, view: { id: "V0EDIT" } }));
  await sendPayload(h, homeButtonClick(userId, home, "edit_slack_action", id));
  await eventually(() => open.calls.length === 1, "views.open");
  const call: Fields | undefined = open.calls[0];
  if (!call) throw new Error("views.open was not called");
  return { call, view: record(call.view) };
}

describe("App Home: Slack-created actions", () => {
  it("lists the caller's Slack-created actions with an Edit button; the edit is written with history and reconciled", async () => {
    const h = await startSourceHarness();
    const id = await addWebinar(h);
    expect((await h.ctx.store.conflicts.list({ status: ["open"] })).some((c) => c.actionId === id)).toBe(
      true,
    );

    const home = await openHome(h, CAMILLE, "Ev0HOME1");
    const text = JSON.stringify(home.blocks);
    expect(home.type).toBe("home");
    expect(text).toContain("Actions you track from Slack* (1)");
    expect(text).toContain("Payouts launch webinar");

    const { call, view } = await openEdit(h, CAMILLE, home, id);
    expect(call.trigger_id).toBe("1768208800123.1234.0123456789abcdef");
    expect(view.callback_id).toBe("sightline_edit_slack_action");
    expect(initialValues(view)).toEqual({
      start: { selected_date: "2026-03-02" },
      due: { selected_date: "2026-03-20" },
      status: { selected_option: { text: { type: "plain_text", text: "To do" }, value: "todo" } },
      owner: { selected_user: CAMILLE },
    });

    // Replanned after the API's 3 Apr: the conflict clears, and the App Home is refreshed.
    const publish = mockMethod("views.publish", () => ({ ok: true }));
    const res = await sendPayload(
      h,
      viewSubmission(CAMILLE, "V0EDIT", view, {
        ...initialValues(view),
        start: { selected_date: "2026-04-06" },
        due: { selected_date: "2026-04-24" },
        status: {
          selected_option: { text: { type: "plain_text", text: "In progress" }, value: "in_progress" },
        },
      }),
    );
    expect(res.status).toBe(200);
    expect(res.text).toBe("");
    await eventually(() => publish.calls.length === 1, "the refreshed App Home");

    expect(await h.ctx.store.actions.get(id)).toMatchObject({
      start: "2026-04-06",
      due: "2026-04-24",
      status: "in_progress",
      baselineDue: "2026-03-20",
    });
    const events = (await h.ctx.store.actions.history(id)).filter((e) => e.field !== "created");
    expect(events.map((e) => [e.field, e.from, e.to, e.source]).sort()).toEqual([
      ["due", '"2026-03-20"', '"2026-04-24"', `slack:${CAMILLE}`],
      ["start", '"2026-03-02"', '"2026-04-06"', `slack:${CAMILLE}`],
      ["status", '"todo"', '"in_progress"', `slack:${CAMILLE}`],
    ]);
    expect(h.reconciles).toEqual([
      `slack command create of ${id} by slack:${CAMILLE}`,
      `slack app_home edit of ${id} by slack:${CAMILLE}`,
    ]);
    expect((await h.ctx.store.conflicts.list({ status: ["open"] })).some((c) => c.actionId === id)).toBe(
      false,
    );
    expect(JSON.stringify(publish.calls[0]?.view)).toContain("due 24 Apr 2026");
  });

  it("moves the owner: the new owner's directory entry is stored and resolved", async () => {
    const h = await startSourceHarness();
    const id = await addWebinar(h);
    const home = await openHome(h, CAMILLE, "Ev0HOME2");
    const { view } = await openEdit(h, CAMILLE, home, id);
    const publish = mockMethod("views.publish", () => ({ ok: true }));

    await sendPayload(
      h,
      viewSubmission(CAMILLE, "V0EDIT", view, { ...initialValues(view), owner: { selected_user: TOMASZ } }),
    );
    await eventually(() => publish.calls.length === 1, "the refreshed App Home");

    expect(await h.ctx.store.actions.get(id)).toMatchObject({
      ownerRaw: "tomasz.nowak@acmepay.example",
      owner: "tomasz",
    });
    expect((await h.ctx.store.actions.history(id)).filter((e) => e.field === "ownerRaw")).toEqual([
      expect.objectContaining({
        from: '"camille.durand@acmepay.example"',
        to: '"tomasz.nowak@acmepay.example"',
        source: `slack:${CAMILLE}`,
      }),
    ]);
  });

  it("someone who neither created nor owns it is refused, and nothing changes", async () => {
    const h = await startSourceHarness();
    const id = await addWebinar(h);
    const camilleHome = await openHome(h, CAMILLE, "Ev0HOME3");

    // Tomasz's own home does not list it.
    const tomaszHome = await openHome(h, TOMASZ, "Ev0HOME4");
    expect(JSON.stringify(tomaszHome.blocks)).not.toContain("Payouts launch webinar");

    // A click with the button's payload anyway: told privately (a DM: the App Home has no channel).
    const dm = mockMethod("chat.postMessage", () => ({ ok: true, ts: "1768208900.000100" }));
    await sendPayload(h, homeButtonClick(TOMASZ, camilleHome, "edit_slack_action", id));
    await eventually(() => dm.calls.length === 1, "the refusal");
    expect(dm.calls[0]).toMatchObject({ channel: TOMASZ });
    expect(String(dm.calls[0]?.text)).toContain("Only the person who created");

    // And a forged submission of the edit form.
    const { view } = await openEdit(h, CAMILLE, camilleHome, id);
    const res = await sendPayload(
      h,
      viewSubmission(TOMASZ, "V0EDIT", view, {
        ...initialValues(view),
        due: { selected_date: "2026-05-01" },
      }),
    );
    expect(JSON.parse(res.text)).toMatchObject({ response_action: "errors" });
    expect((await h.ctx.store.actions.get(id))?.due).toBe("2026-03-20");
    expect((await h.ctx.store.actions.history(id)).map((e) => e.field)).toEqual(["created"]);
  });
});
