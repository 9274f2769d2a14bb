import { afterEach, describe, expect, it } from "vitest";
import { createSinkOutage, recipientOrder } from "../../../src/jobs/queue/index.js";
import { type QueueHarness, queueHarness } from "./harness.js";

let h: QueueHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const ALERT_DATA = {};

describe("the per-recipient order of alert jobs", () => {
  it("lets a job send only when it heads its recipient's list, by due time then enqueue order", async () => {
    h = queueHarness();
    const order = recipientOrder(h.producer, h.queues.alert);
    // Jobs must exist for the order to wait on them; their data is never processed here (no worker).
    for (const id of ["a", "b", "c"])
      await h.queues.alert.add("alert", ALERT_DATA as never, { jobId: id, delay: 60_000 });
    await order.enlist("slack-dm:U1", "b", 1_000);
    await order.enlist("slack-dm:U1", "a", 1_000);
    await order.enlist("slack-dm:U1", "c", 500);
    await order.enlist("slack-dm:U2", "a", 2_000);
    expect(await order.ahead("slack-dm:U1", "c")).toBe(0);
    // Same due time: enqueue order, not job id order.
    expect(await order.ahead("slack-dm:U1", "b")).toBe(1);
    expect(await order.ahead("slack-dm:U1", "a")).toBe(2);
    // Another recipient is another list.
    expect(await order.ahead("slack-dm:U2", "a")).toBe(0);
    // Listing again keeps the first place.
    await order.enlist("slack-dm:U1", "a", 1);
    expect(await order.ahead("slack-dm:U1", "a")).toBe(2);

    await order.done("slack-dm:U1", "c");
    expect(await order.ahead("slack-dm:U1", "b")).toBe(0);
    expect(await order.ahead("slack-dm:U1", "a")).toBe(1);
  });

  it("drops a head whose job is gone or failed for good, so the ones behind it are not blocked", async () => {
    h = queueHarness();
    const order = recipientOrder(h.producer, h.queues.alert);
    await h.queues.alert.add("alert", ALERT_DATA as never, { jobId: "kept", delay: 60_000 });
    await order.enlist("slack-channel:#ops", "never-added", 1);
    await order.enlist("slack-channel:#ops", "removed", 2);
    await order.enlist("slack-channel:#ops", "kept", 3);
    await h.queues.alert.add("alert", ALERT_DATA as never, { jobId: "removed", delay: 60_000 });
    await (await h.queues.alert.getJob("removed"))?.remove();
    expect(await order.ahead("slack-channel:#ops", "kept")).toBe(0);
    expect(await h.producer.zcard(`${h.prefix}:alert:order:slack-channel:#ops`)).toBe(1);
  });
});

describe("a sink marked down", () => {
  it("holds longer after each failed probe, once per hold however many workers failed, and clears when reached", async () => {
    h = queueHarness();
    const outage = createSinkOutage(h.producer, h.prefix, { initialMs: 400, maxMs: 1_000 });
    expect(await outage.downFor("slack")).toBe(0);
    // Three workers fail together: one hold, not three doublings.
    await Promise.all([outage.failed("slack"), outage.failed("slack"), outage.failed("slack")]);
    expect(await h.producer.get(`${h.prefix}:sink-probes:slack`)).toBe("1");
    expect(await outage.downFor("slack")).toBeGreaterThan(0);
    expect(await outage.downFor("email")).toBe(0);

    // The next probe (after the hold) fails: twice as long, then capped.
    await h.producer.pexpire(`${h.prefix}:sink-down:slack`, 1);
    await new Promise((r) => setTimeout(r, 5));
    expect(await outage.failed("slack")).toBe(800);
    await h.producer.pexpire(`${h.prefix}:sink-down:slack`, 1);
    await new Promise((r) => setTimeout(r, 5));
    expect(await outage.failed("slack")).toBe(1_000);

    await outage.reached("slack");
    expect(await outage.downFor("slack")).toBe(0);
    expect(await outage.failed("slack")).toBe(400);
  });
});
