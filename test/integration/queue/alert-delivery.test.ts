import { afterEach, describe, expect, it } from "vitest";
import { type AlertIntent, mergeForRecipient } from "../../../src/alerts/index.js";
import type { AppContext } from "../../../src/jobs/app-context.js";
import {
  type AlertJobResult,
  enqueueAlertIntents,
  readdress,
  SinkPermanentError,
  SinkRateLimitedError,
  type WorkerEvent,
} from "../../../src/jobs/queue/index.js";
import {
  type CountingSink,
  countingSink,
  demoContext,
  planDemoIntents,
  type QueueHarness,
  queueHarness,
  tempDemo,
  waitFor,
} from "./harness.js";

const CAMILLE = "slack-dm:U05C1MKT007";
const ADMIN = "slack-channel:#sightline-admin";

let h: QueueHarness | null = null;
let ctx: AppContext | null = null;

afterEach(async () => {
  await h?.close();
  await ctx?.store.close();
  h = null;
  ctx = null;
});

async function setup(): Promise<{
  h: QueueHarness;
  ctx: AppContext;
  intents: AlertIntent[];
  sink: CountingSink;
}> {
  h = queueHarness();
  ctx = await demoContext(tempDemo());
  const intents = (await planDemoIntents(ctx)).filter((i) => !i.digest);
  return { h, ctx, intents, sink: countingSink() };
}

async function statuses(c: AppContext, intents: readonly AlertIntent[]) {
  const out = [];
  for (const i of intents)
    out.push((await c.store.alerts.find(i.conflict.fingerprint, i.recipientKey))?.status ?? null);
  return out;
}

describe("alert jobs on the real Redis", () => {
  it("sends a batch enqueued twice (and again after its job is gone) exactly once", async () => {
    const { h, ctx, intents, sink } = await setup();
    const { batches } = mergeForRecipient(intents);
    expect(batches.length).toBeGreaterThan(2);

    await enqueueAlertIntents(h.queues, intents, ctx.now());
    await enqueueAlertIntents(h.queues, intents, ctx.now());
    // Same deterministic job ids: the second enqueue added nothing.
    expect((await h.queues.alert.getJobCounts("wait")).wait).toBe(batches.length);

    const results: AlertJobResult[] = [];
    const onEvent = (e: WorkerEvent) => {
      if (e.type === "completed") results.push(e.result as AlertJobResult);
    };
    h.start({ ctx, sinks: [sink], only: ["alert"], onEvent });
    await waitFor("every batch delivered", () => results.length === batches.length);
    expect(sink.deliveries.map((d) => d.batchKey).sort()).toEqual(batches.map((b) => b.key).sort());
    expect(new Set(sink.deliveries.map((d) => d.recipientKey)).size).toBe(batches.length);

    // The completed jobs are cleaned away, so BullMQ no longer knows the ids: the ledger still does.
    await h.queues.alert.clean(0, 1000, "completed");
    await enqueueAlertIntents(h.queues, intents, ctx.now());
    await waitFor("the re-enqueued batches processed", () => results.length === 2 * batches.length);
    expect(results.slice(batches.length).every((r) => r.outcome === "already_sent")).toBe(true);
    expect(sink.deliveries).toHaveLength(batches.length);
    expect((await statuses(ctx, intents)).every((s) => s === "sent")).toBe(true);
  });

  it("turns a 429 with Retry-After: 30 into a 30 s queue rate limit instead of retrying at once", async () => {
    const { h, ctx, intents, sink } = await setup();
    const mine = intents.filter((i) => i.recipientKey === CAMILLE);
    const [batch] = mergeForRecipient(mine).batches;
    if (!batch) throw new Error("the demo plans no alert for Camille");
    let calls = 0;
    sink.behave(async () => {
      calls++;
      throw new SinkRateLimitedError("slack", 30);
    });
    await enqueueAlertIntents(h.queues, mine, ctx.now());
    const first = h.start({ ctx, sinks: [sink], only: ["alert"] });

    // The alert worker's own limiter window (1 s) also shows as a TTL: only Retry-After makes it this long.
    await waitFor("the 30 s rate limit", async () => (await h.queues.alert.getRateLimitTtl()) > 25_000);
    // Longer than the channel's pace (1 s): a worker ignoring the limit would have tried again by now.
    await new Promise((r) => setTimeout(r, 1500));
    const job = await h.queues.alert.getJob(batch.key);
    expect(await job?.getState()).toBe("waiting");
    // Rate limiting is not a failed attempt, and nothing was retried in a loop.
    expect(job?.attemptsMade).toBe(0);
    expect(calls).toBe(1);
    expect(sink.deliveries).toHaveLength(0);
    // The claims were given back when the sink threw: nothing is recorded as sent or in flight.
    expect((await statuses(ctx, mine)).every((s) => s === null)).toBe(true);

    // Once the limit is over (removed here instead of waiting 30 s), the same job sends the message once.
    await first.close();
    await h.queues.alert.removeRateLimitKey();
    sink.behave(null);
    h.start({ ctx, sinks: [sink], only: ["alert"] });
    await waitFor("the delivery", () => sink.deliveries.length === 1);
    expect(sink.deliveries[0]?.batchKey).toBe(batch.key);
    expect((await statuses(ctx, mine)).every((s) => s === "sent")).toBe(true);
  });

  it("fails a message to a channel that does not exist without retrying, and re-plans it to the admin channel", async () => {
    const { h, ctx, intents, sink } = await setup();
    const mine = intents.filter((i) => i.recipientKey === CAMILLE);
    const [batch] = mergeForRecipient(mine).batches;
    if (!batch) throw new Error("the demo plans no alert for Camille");
    sink.behave(async (b) => {
      if (b.recipient.target.channel === "slack-dm") {
        throw new SinkPermanentError("channel_not_found", "slack: channel_not_found");
      }
    });
    const failed: WorkerEvent[] = [];
    await enqueueAlertIntents(h.queues, mine, ctx.now());
    h.start({ ctx, sinks: [sink], only: ["alert"], onEvent: (e) => e.type === "failed" && failed.push(e) });

    await waitFor("the fallback delivery", () => sink.deliveries.length === 1);
    const job = await h.queues.alert.getJob(batch.key);
    expect(await job?.getState()).toBe("failed");
    expect(job?.attemptsMade).toBe(1);
    expect(job?.failedReason).toMatch(/channel_not_found.*re-planned to slack-channel #sightline-admin/);
    expect(failed).toMatchObject([{ type: "failed", willRetry: false }]);
    expect((await statuses(ctx, mine)).every((s) => s === "failed")).toBe(true);

    const [fallback] = sink.deliveries;
    expect(fallback?.recipientKey).toBe(ADMIN);
    // New ledger keys for the admin, the same conflicts as the failed message.
    expect(fallback?.keys.some((k) => batch.keys.includes(k))).toBe(false);
    expect(fallback?.rendered.text).toMatch(/^\d+ conflicts need your attention/);
    for (const intent of mine) expect(fallback?.rendered.text).toContain(`"${intent.view.action?.title}"`);
    const adminStatus = [];
    for (const i of mine)
      adminStatus.push((await ctx.store.alerts.find(i.conflict.fingerprint, ADMIN))?.status);
    expect(adminStatus.every((s) => s === "sent")).toBe(true);
  });

  it("merges later digest alerts into the digest job waiting for its hour; one that left already gets a follow-up", async () => {
    h = queueHarness();
    ctx = await demoContext(tempDemo());
    const c = ctx;
    const qs = h.queues;
    const q = qs.alert;
    const sam = (await planDemoIntents(c)).filter((i) => i.digest);
    const [a, b] = sam;
    if (!a || !b) throw new Error("the demo plans fewer than two digest alerts for Sam");
    expect(b.deliverAfter).toBe(a.deliverAfter);
    const digestJobs = async () =>
      (await q.getJobs(["delayed", "completed"])).filter((j) => j.id?.startsWith("dg_"));

    await enqueueAlertIntents(qs, [a], c.now());
    const merged = await enqueueAlertIntents(qs, [b], c.now());
    expect(merged.mergedIntoDigest).toBe(1);
    await enqueueAlertIntents(qs, [a, b], c.now());
    const [slot, ...others] = await digestJobs();
    expect(others).toEqual([]);
    expect(await slot?.getState()).toBe("delayed");
    expect(slot?.data.batch.keys.sort()).toEqual([a.key, b.key].sort());

    const sink = countingSink();
    h.start({ ctx: c, sinks: [sink], only: ["alert"] });
    await slot?.promote();
    await waitFor("the digest", () => sink.deliveries.length === 1);
    expect(sink.deliveries[0]).toMatchObject({ digest: true, recipientKey: a.recipientKey });
    expect(sink.deliveries[0]?.keys.sort()).toEqual([a.key, b.key].sort());

    // Planned after its digest left: a follow-up digest with only what the first did not carry.
    const late = { ...a, key: `al_${"c".repeat(40)}`, changeKey: "critical/99" };
    await enqueueAlertIntents(qs, [a, late], c.now());
    const followUp = await q.getJob(late.key);
    expect(await followUp?.getState()).toBe("delayed");
    await followUp?.promote();
    await waitFor("the follow-up digest", () => sink.deliveries.length === 2);
    expect(sink.deliveries[1]?.keys).toEqual([late.key]);
  });

  it("posts at most one message per second to a channel, without holding other channels back", async () => {
    const { h, ctx, intents, sink } = await setup();
    const batches = mergeForRecipient(intents).batches.slice(0, 3);
    expect(batches).toHaveLength(3);
    for (const to of ["#pace-a", "#pace-b"]) {
      for (const batch of batches) {
        await enqueueAlertIntents(h.queues, readdress(batch, { channel: "slack-channel", to }), ctx.now());
      }
    }
    h.start({ ctx, sinks: [sink], only: ["alert"], concurrency: { alert: 6 } });
    await waitFor("six posts", () => sink.deliveries.length === 6, 15_000);
    for (const to of ["#pace-a", "#pace-b"]) {
      const times = sink.deliveries.filter((d) => d.recipientKey === `slack-channel:${to}`).map((d) => d.at);
      expect(times).toHaveLength(3);
      for (let i = 1; i < times.length; i++)
        expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeGreaterThanOrEqual(900);
    }
    // Paced per channel, not globally: each channel's first post leaves before the other channel's last one
    // (one global queue would send all of one channel, or strictly alternate with a 1 s gap between any two).
    const at = (to: string) =>
      sink.deliveries.filter((d) => d.recipientKey === `slack-channel:${to}`).map((d) => d.at);
    const [a, b] = [at("#pace-a"), at("#pace-b")];
    expect(a[0]!).toBeLessThan(b[b.length - 1]!);
    expect(b[0]!).toBeLessThan(a[a.length - 1]!);
    const sorted = sink.deliveries.map((d) => d.at).sort((x, y) => x - y);
    const closePairs = sorted.slice(1).filter((t, i) => t - sorted[i]! < 900).length;
    expect(closePairs).toBeGreaterThan(0);
  });
});
