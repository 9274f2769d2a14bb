import { describe, expect, it } from "vitest";
import { eventually, mockMethod } from "../slack/slack-api-mock.js";
import {
  API,
  CAMPAIGN,
  type Harness,
  NOW,
  type PostedMessage,
  sendInteraction,
  startHarness,
} from "./harness.js";
import { blockActions } from "./payloads.js";

function message(h: Harness, userId: string): PostedMessage {
  const m = h.posted.get(userId);
  if (!m) throw new Error(`the pipeline sent ${userId} no alert (sent: ${[...h.posted.keys()].join(", ")})`);
  return m;
}

async function conflictOf(h: Harness) {
  const [c] = await h.ctx.store.conflicts.list();
  if (!c) throw new Error("fixture: one conflict");
  return c;
}

const ids = (blocks: unknown) =>
  Array.isArray(blocks) ? blocks.map((b) => String(Reflect.get(b, "block_id"))) : [];

describe("alert buttons", () => {
  it("the pipeline DMed the campaign's owner and the API's owner, nobody else", async () => {
    const h = await startHarness();
    expect([...h.posted.keys()].sort()).toEqual(["U_ANNA", "U_MARIA"]);
    expect(await conflictOf(h)).toMatchObject({
      actionId: CAMPAIGN,
      dependencyId: API,
      daysShort: 33,
      status: "open",
    });
  });

  it("Acknowledge by the owner: acked at once, the conflict acknowledged, the message edited", async () => {
    const h = await startHarness();
    const maria = message(h, "U_MARIA");
    const update = mockMethod("chat.update", (f) => ({ ok: true, channel: f.channel, ts: f.ts }));

    const res = await sendInteraction(h, blockActions("U_MARIA", maria, "ack"));

    expect(res.status).toBe(200);
    expect(res.text).toBe("");
    await eventually(() => update.calls.length === 1, "chat.update");
    const c = await conflictOf(h);
    expect(c).toMatchObject({ status: "acknowledged", statusBy: "slack:U_MARIA", statusAt: NOW });
    const edit = update.calls[0];
    expect(edit).toMatchObject({ channel: "D_MARIA", ts: maria.ts });
    // The buttons are gone, the note says who acknowledged, every other block is as sent.
    const sentIds = ids(maria.blocks);
    const editedIds = ids(edit?.blocks);
    expect(editedIds).toEqual(sentIds.filter((id) => !id.startsWith("sl_actions|")));
    const blocks = Array.isArray(edit?.blocks) ? edit.blocks : [];
    const note = blocks.find((b) => String(Reflect.get(b, "block_id")).startsWith("sl_note|"));
    expect(JSON.stringify(note)).toContain("Acknowledged by <@U_MARIA>");
    for (const b of blocks.filter((x) => !String(Reflect.get(x, "block_id")).startsWith("sl_note|"))) {
      expect(maria.blocks).toContainEqual(b);
    }
  });

  it("a stranger's click is refused in an ephemeral message and changes nothing", async () => {
    const h = await startHarness();
    const maria = message(h, "U_MARIA");
    const ephemeral = mockMethod("chat.postEphemeral", () => ({ ok: true, message_ts: "1767000500.000100" }));
    const update = mockMethod("chat.update", () => ({ ok: true }));

    const res = await sendInteraction(h, blockActions("U_STRANGER", maria, "ack"));

    expect(res.status).toBe(200);
    await eventually(() => ephemeral.calls.length === 1, "chat.postEphemeral");
    expect(ephemeral.calls[0]).toMatchObject({ channel: "D_MARIA", user: "U_STRANGER" });
    expect(String(ephemeral.calls[0]?.text)).toContain("Only the people this conflict was sent to");
    expect(await conflictOf(h)).toMatchObject({ status: "open", statusBy: null });
    expect(update.calls).toHaveLength(0);
    expect(h.work.writes).toHaveLength(0);
  });

  it("Snooze 3 days sets snoozed until now + 3 days", async () => {
    const h = await startHarness();
    const update = mockMethod("chat.update", () => ({ ok: true }));
    await sendInteraction(
      h,
      blockActions("U_MARIA", message(h, "U_MARIA"), "snooze", { value: "3", label: "3 days" }),
    );
    await eventually(() => update.calls.length === 1, "chat.update");
    expect(await conflictOf(h)).toMatchObject({
      status: "snoozed",
      snoozedUntil: "2026-01-15T09:00:00.000Z",
    });
    expect(JSON.stringify(update.calls[0]?.blocks)).toContain("for 3 days (until 15 Jan 2026)");
  });

  it("Replan writes the earliest date back (start and due shifted together) and says it was queued", async () => {
    const h = await startHarness();
    const update = mockMethod("chat.update", () => ({ ok: true }));
    await sendInteraction(h, blockActions("U_MARIA", message(h, "U_MARIA"), "replan"));
    await eventually(() => update.calls.length === 1, "chat.update");
    // Earliest start 4 Apr (the day after the API's 3 Apr); the campaign keeps its 28 days: due 2 May.
    expect(h.work.writes).toEqual([
      {
        actionId: CAMPAIGN,
        change: { start: "2026-04-04", due: "2026-05-02" },
        by: "slack:U_MARIA",
        reason: "replan",
      },
    ]);
    expect(h.work.reconciles).toEqual([]); // a queued write-back reconciles in its own job
    expect(JSON.stringify(update.calls[0]?.blocks)).toContain("queued for write-back to plan");
  });

  it("Commit by the dependency's owner writes the needed-by date back to the dependency", async () => {
    const h = await startHarness();
    const update = mockMethod("chat.update", () => ({ ok: true }));
    await sendInteraction(h, blockActions("U_ANNA", message(h, "U_ANNA"), "commit"));
    await eventually(() => update.calls.length === 1, "chat.update");
    // The campaign starts 2 Mar (finish-to-start): the API must be done by 1 Mar for it to hold.
    expect(h.work.writes).toEqual([
      expect.objectContaining({
        actionId: API,
        change: { due: "2026-03-01" },
        by: "slack:U_ANNA",
        reason: "commit",
      }),
    ]);
  });

  it("Commit is not offered to the dependent's owner, and a forged commit click is refused", async () => {
    const h = await startHarness();
    expect(JSON.stringify(message(h, "U_MARIA").blocks)).not.toContain('"action_id":"commit"');
    const ephemeral = mockMethod("chat.postEphemeral", () => ({ ok: true }));
    const forged = blockActions("U_STRANGER", message(h, "U_ANNA"), "commit");
    await sendInteraction(h, forged);
    await eventually(() => ephemeral.calls.length === 1, "the ephemeral refusal");
    expect(h.work.writes).toEqual([]);
  });

  it("Replan done in-process reconciles right after the write", async () => {
    const h = await startHarness();
    h.work.outcome = "written";
    const update = mockMethod("chat.update", () => ({ ok: true }));
    await sendInteraction(h, blockActions("U_MARIA", message(h, "U_MARIA"), "replan"));
    await eventually(() => h.work.reconciles.length === 1, "the reconcile");
    expect(h.work.reconciles[0]).toContain(`replan of ${CAMPAIGN}`);
    expect(JSON.stringify(update.calls[0]?.blocks)).toContain("written back to plan");
  });

  it("Not a dependency records the override and reconciles", async () => {
    const h = await startHarness();
    const update = mockMethod("chat.update", () => ({ ok: true }));
    await sendInteraction(h, blockActions("U_MARIA", message(h, "U_MARIA"), "not_dependency"));
    await eventually(() => h.work.reconciles.length === 1, "the reconcile");
    expect(await h.ctx.store.conflicts.overrides()).toEqual([
      { dependentId: CAMPAIGN, dependencyId: API, by: "slack:U_MARIA", at: NOW },
    ]);
    expect(JSON.stringify(update.calls[0]?.blocks)).toContain("does not depend on Backend API integration");
  });

  it("a click on a conflict that has cleared is answered, and nothing is written", async () => {
    const h = await startHarness();
    await h.ctx.store.conflicts.setStatus((await conflictOf(h)).fingerprint, "resolved", { now: NOW });
    const ephemeral = mockMethod("chat.postEphemeral", () => ({ ok: true }));
    await sendInteraction(h, blockActions("U_MARIA", message(h, "U_MARIA"), "replan"));
    await eventually(() => ephemeral.calls.length === 1, "chat.postEphemeral");
    expect(String(ephemeral.calls[0]?.text)).toContain("already cleared");
    expect(h.work.writes).toEqual([]);
  });
});

describe("shutdown", () => {
  it("close() lets work started by an acked click finish", async () => {
    const h = await startHarness();
    h.work.delayMs = 300;
    const update = mockMethod("chat.update", () => ({ ok: true }));
    const res = await sendInteraction(h, blockActions("U_MARIA", message(h, "U_MARIA"), "replan"));
    expect(res.status).toBe(200);
    expect(h.work.writes).toHaveLength(0); // acked before the slow write-back

    await h.server.close();

    expect(h.work.writes).toHaveLength(1);
    expect(update.calls).toHaveLength(1);
  });
});
