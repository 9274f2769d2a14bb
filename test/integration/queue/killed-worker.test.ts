import { type ChildProcess, fork } from "node:child_process";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { mergeForRecipient } from "../../../src/alerts/index.js";
import { createSlackSink, createSlackWebClient } from "../../../src/alerts/sinks/slack-sink.js";
import type { AppContext } from "../../../src/jobs/app-context.js";
import { enqueueAlertIntents } from "../../../src/jobs/queue/index.js";
import { startFakeSlackApi } from "../../support/fake-slack-api.js";
import {
  countingSink,
  demoContext,
  planDemoIntents,
  type QueueHarness,
  queueHarness,
  tempDemo,
  waitFor,
} from "./harness.js";

const CHILD = join(import.meta.dirname, "alert-worker-child.ts");

let h: QueueHarness | null = null;
let ctx: AppContext | null = null;
let child: ChildProcess | null = null;

afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await h?.close();
  await ctx?.store.close();
  h = null;
  ctx = null;
  child = null;
});

function nextMessage(proc: ChildProcess, type: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: unknown) => {
      if (m !== null && typeof m === "object" && Reflect.get(m, "type") === type) {
        proc.off("message", onMessage);
        resolve(m as Record<string, unknown>);
      }
    };
    proc.on("message", onMessage);
    proc.once("exit", (code, signal) =>
      reject(new Error(`child exited (${code ?? signal}) before "${type}"`)),
    );
  });
}

/** The demo's alert for Camille (one DM), enqueued on fresh queues and a fresh store. */
async function camillesAlertQueued() {
  const harness = queueHarness();
  const demo = tempDemo();
  const context = await demoContext(demo);
  h = harness;
  ctx = context;
  const mine = (await planDemoIntents(context)).filter((i) => i.recipientKey === "slack-dm:U05C1MKT007");
  const [batch] = mergeForRecipient(mine).batches;
  if (!batch) throw new Error("the demo plans no alert for Camille");
  await enqueueAlertIntents(harness.queues, mine, context.now());
  return { demo, mine, batch, h: harness, ctx: context };
}

describe("a worker killed while its sink is sending", () => {
  it("leaves the job to be retried by another worker, and the message goes out exactly once", async () => {
    const { demo, mine, batch, h, ctx } = await camillesAlertQueued();

    let stderr = "";
    child = fork(CHILD, [demo.configPath, h.prefix], { execArgv: ["--import", "tsx"], stdio: "pipe" });
    child.stderr?.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    const sending = await nextMessage(child, "sending").catch((e: Error) => {
      throw new Error(`${e.message}\n${stderr}`);
    });
    expect(sending.batchKey).toBe(batch.key);
    // The claim is in the shared SQLite file: the child got as far as the send.
    const claimed = [];
    for (const i of mine)
      claimed.push((await ctx?.store.alerts.find(i.conflict.fingerprint, i.recipientKey))?.status);
    expect(claimed.every((s) => s === "pending")).toBe(true);

    const exited = new Promise((r) => child?.once("exit", r));
    child.kill("SIGKILL");
    await exited;
    const killed = await h.queues.alert.getJob(batch.key);
    expect(await killed?.getState()).toBe("active");
    // On a loaded machine the child's own 1 s lock can lapse before it reaches the send, so it may already be
    // on its second attempt: count the retries from the kill on, not from zero.
    const attemptsAtKill = killed?.attemptsStarted ?? 0;
    const stalledAtKill = killed?.stalledCounter ?? 0;
    expect(attemptsAtKill).toBeGreaterThanOrEqual(1);

    const sink = countingSink();
    h.start({
      ctx,
      sinks: [sink],
      only: ["alert"],
      // A long lock of its own so a slow renewal under load never stalls the retry itself;
      // the killed child's 1 s lock is what must expire.
      workerOptions: { lockDuration: 10_000, stalledInterval: 300 },
    });
    await waitFor("the retried delivery", () => sink.deliveries.length > 0, 15_000);
    const job = await h.queues.alert.getJob(batch.key);
    await waitFor("the job completed", async () => (await job?.getState()) === "completed");
    // Give a second (duplicate) delivery every chance to show up before counting.
    await new Promise((r) => setTimeout(r, 1000));
    expect(sink.deliveries.map((d) => d.batchKey)).toEqual([batch.key]);
    const done = await h.queues.alert.getJob(batch.key);
    // More than one activation after the kill is legitimate: the retry may be held by the per-channel pacer
    // (moveToDelayed) before it sends. The stall itself is counted exactly once.
    expect(done?.attemptsStarted).toBeGreaterThan(attemptsAtKill);
    expect(done?.stalledCounter).toBe(stalledAtKill + 1);
    const sent = [];
    for (const i of mine)
      sent.push((await ctx?.store.alerts.find(i.conflict.fingerprint, i.recipientKey))?.status);
    expect(sent.every((s) => s === "sent")).toBe(true);
  });

  it("after Slack accepted the post, does not post again: the retry finds the message by its metadata", async () => {
    const slack = await startFakeSlackApi();
    try {
      const { demo, mine, batch, h, ctx } = await camillesAlertQueued();

      child = fork(CHILD, [demo.configPath, h.prefix, slack.url], {
        execArgv: ["--import", "tsx"],
        stdio: "pipe",
      });
      const posted = await nextMessage(child, "posted");
      expect(posted.batchKey).toBe(batch.key);
      const exited = new Promise((r) => child?.once("exit", r));
      child.kill("SIGKILL");
      await exited;

      const sink = createSlackSink({
        client: createSlackWebClient({ token: "xoxb-test", apiUrl: slack.url }),
      });
      h.start({
        ctx,
        sinks: [sink],
        only: ["alert"],
        // A long lock of its own so a slow renewal under load never stalls the retry itself;
        // the killed child's 1 s lock is what must expire.
        workerOptions: { lockDuration: 10_000, stalledInterval: 300 },
      });
      const job = await h.queues.alert.getJob(batch.key);
      await waitFor(
        "the retried job to complete",
        async () => (await job?.getState()) === "completed",
        15_000,
      );
      const posts = slack.calls.filter((c) => c.method === "chat.postMessage");
      // One post on Slack's side: the dead attempt's. The retry read it back and only recorded it.
      expect(posts).toHaveLength(1);
      expect(slack.calls.map((c) => c.method)).toContain("conversations.history");
      for (const i of mine) {
        const entry = await ctx.store.alerts.find(i.conflict.fingerprint, i.recipientKey);
        expect(entry?.status).toBe("sent");
        expect(entry?.messageRef?.ref).toContain('"channel":"D05C1MKT007"');
      }
    } finally {
      await slack.close();
    }
  });
});
