import { afterEach, describe, expect, it } from "vitest";
import { type AlertIntent, mergeForRecipient } from "../../../src/alerts/index.js";
import { createSlackSink, createSlackWebClient } from "../../../src/alerts/sinks/slack-sink.js";
import type { AppContext } from "../../../src/jobs/app-context.js";
import { enqueueAlertIntents } from "../../../src/jobs/queue/index.js";
import { type FakeSlackApi, type SlackCall, startFakeSlackApi } from "../../support/fake-slack-api.js";
import {
  demoContext,
  planDemoIntents,
  type QueueHarness,
  queueHarness,
  setDue,
  tempDemo,
  waitFor,
} from "../queue/harness.js";

let h: QueueHarness | null = null;
let ctx: AppContext | null = null;
let slack: FakeSlackApi | null = null;

afterEach(async () => {
  await h?.close();
  await ctx?.store.close();
  await slack?.close();
  h = ctx = slack = null;
});

/** The Slack messages of one reconcile (the e-mail targets have no sink here). */
async function slackIntents(c: AppContext): Promise<AlertIntent[]> {
  return (await planDemoIntents(c)).filter((i) => !i.digest && i.recipient.target.channel !== "email");
}

const batchOf = (call: SlackCall): string => {
  const metadata = call.args.metadata as { event_payload?: { batch?: string } } | undefined;
  return metadata?.event_payload?.batch ?? "";
};

describe("Slack unreachable for a while, then back, under the queue worker", () => {
  it("delivers every pending message once, in order per recipient, one per second per channel, after Retry-After", async () => {
    slack = await startFakeSlackApi();
    h = queueHarness();
    const demo = tempDemo();
    ctx = await demoContext(demo);
    const api = slack;
    const sink = createSlackSink({ client: createSlackWebClient({ token: "xoxb-test", apiUrl: api.url }) });
    const failedPosts = () =>
      api.calls.filter((c) => c.method === "chat.postMessage" && c.status !== 200 && c.status !== 429).length;

    api.fail({ kind: "refuse" });
    h.start({
      ctx,
      sinks: [sink],
      only: ["alert"],
      concurrency: { alert: 6 },
      outageBackoff: { initialMs: 200, maxMs: 800 },
    });
    // First reconcile: its messages find Slack down.
    const first = mergeForRecipient(await slackIntents(ctx)).batches;
    await enqueueAlertIntents(
      h.queues,
      first.flatMap((b) => b.intents),
      ctx.now(),
    );
    await waitFor("probes refused", () => failedPosts() >= 3, 15_000);

    // Engineering slips again meanwhile: a second message for the same people, queued behind the first.
    setDue(demo, "PAY-142", "2026-04-24");
    const second = mergeForRecipient(await slackIntents(ctx)).batches;
    const both = new Set(
      first.map((b) => b.recipientKey).filter((r) => second.some((b) => b.recipientKey === r)),
    );
    expect(both.size).toBeGreaterThan(1);
    await enqueueAlertIntents(
      h.queues,
      second.flatMap((b) => b.intents),
      ctx.now(),
    );
    // Then Slack's edge answers 503 for a while: still an outage, still no attempt spent.
    api.fail({ kind: "http", status: 503 });
    const before503 = failedPosts();
    await waitFor("probes answered 503", () => failedPosts() >= before503 + 3, 15_000);
    const all = [...first, ...second];
    expect(all.every((b) => b.mode === "post")).toBe(true);
    for (const b of all) expect((await h.queues.alert.getJob(b.key))?.attemptsMade).toBe(0);
    expect(api.calls.filter((c) => c.method === "chat.postMessage" && c.status === 200)).toHaveLength(0);

    // Back, and rate-limiting for a second.
    api.rateLimitPosts(1);
    api.fail(null);
    const queue = h.queues.alert;
    await waitFor(
      "every message delivered",
      async () => (await queue.getJobCounts("completed")).completed === all.length,
      30_000,
    );

    const posts = api.calls.filter((c) => c.method === "chat.postMessage" && c.status === 200);
    // Once each.
    expect(posts.map(batchOf).sort()).toEqual(all.map((b) => b.key).sort());
    // In order per recipient: each person's first message before their second.
    const at = (key: string) => posts.findIndex((p) => batchOf(p) === key);
    for (const r of both) {
      const one = first.find((b) => b.recipientKey === r);
      const two = second.find((b) => b.recipientKey === r);
      expect(at(one?.key ?? "")).toBeLessThan(at(two?.key ?? ""));
    }
    // One message per second per channel.
    const byChannel = new Map<string, SlackCall[]>();
    for (const p of posts)
      byChannel.set(String(p.args.channel), [...(byChannel.get(String(p.args.channel)) ?? []), p]);
    for (const inChannel of byChannel.values())
      for (let i = 1; i < inChannel.length; i++)
        expect(inChannel[i]!.at - inChannel[i - 1]!.at).toBeGreaterThanOrEqual(900);
    // Retry-After was obeyed: only the posts already on their way when the first 429 came met the limit (at
    // most one per worker slot); the queue then waited instead of asking again inside the window.
    const limited = api.calls.filter((c) => c.status === 429).length;
    expect(limited).toBeGreaterThanOrEqual(1);
    expect(limited).toBeLessThanOrEqual(6);

    for (const b of all) {
      for (const i of b.intents)
        expect((await ctx.store.alerts.find(i.conflict.fingerprint, i.recipientKey))?.status).toBe("sent");
    }
    // Nothing left waiting in the per-recipient order.
    expect(await h.producer.keys(`${h.prefix}:alert:order:*`)).toEqual([]);
  }, 90_000);
});
