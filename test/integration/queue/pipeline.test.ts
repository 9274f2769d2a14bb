import { afterEach, describe, expect, it } from "vitest";
import type { AppContext } from "../../../src/jobs/app-context.js";
import { runPipeline } from "../../../src/jobs/in-process-runner.js";
import { type AlertJob, AlertJobSchema, type WorkerEvent } from "../../../src/jobs/queue/index.js";
import {
  type CountingSink,
  countingSink,
  type Delivery,
  demoContext,
  pending,
  type QueueHarness,
  queueHarness,
  setDue,
  type TempDemo,
  tempDemo,
  waitFor,
} from "./harness.js";

let h: QueueHarness | null = null;
const opened: AppContext[] = [];

afterEach(async () => {
  await h?.close();
  for (const c of opened.splice(0)) await c.store.close();
  h = null;
});

async function open(demo: TempDemo): Promise<AppContext> {
  const ctx = await demoContext(demo);
  opened.push(ctx);
  return ctx;
}

const sent = (ds: readonly Delivery[]) => ds.map((d) => `${d.op} ${d.recipientKey} ${d.batchKey}`).sort();

/** The digest jobs waiting for their hour, by person. */
async function digestJobs(h: QueueHarness): Promise<Map<string, AlertJob>> {
  const out = new Map<string, AlertJob>();
  for (const job of await h.queues.alert.getJobs(["delayed"])) {
    if (!job.id?.startsWith("dg_")) continue;
    const data = AlertJobSchema.parse(job.data);
    out.set(data.batch.recipient.personId ?? "?", data);
  }
  return out;
}

describe("the pipeline through the queues (sync → reconcile → alert)", () => {
  it("sends what the in-process runner sends, once; a second run sends nothing; a revert updates the messages", async () => {
    // The baseline: the same story through the embedded runner, on its own database.
    const baseDemo = tempDemo();
    const baseCtx = await open(baseDemo);
    const baseSink = countingSink();
    await runPipeline(baseCtx, { sinks: [baseSink] });
    const expectedNow = baseSink.deliveries.filter((d) => !d.digest);
    expect(expectedNow.length).toBeGreaterThan(3);

    h = queueHarness({ reconcileDebounceMs: 20 });
    const demo = tempDemo();
    const ctx = await open(demo);
    const sink: CountingSink = countingSink();
    const reconciles: WorkerEvent[] = [];
    const failures: WorkerEvent[] = [];
    h.start({
      ctx,
      sinks: [sink],
      onEvent: (e) => {
        if (e.type === "completed" && e.queue === "reconcile") reconciles.push(e);
        if (e.type === "failed") failures.push(e);
      },
    });
    const settle = async (what: string, reconcileCount: number, deliveries: number) => {
      await waitFor(what, () => reconciles.length >= reconcileCount && sink.deliveries.length >= deliveries);
      const q = h?.queues;
      if (!q) throw new Error("no harness");
      await waitFor(
        `${what}: queues idle`,
        async () => (await pending(q.alert)) + (await pending(q.sync, true)) === 0,
      );
      // Paced sends are delayed by at most a second: wait that out before counting.
      await new Promise((r) => setTimeout(r, 1200));
      expect(failures).toEqual([]);
    };

    await h.queues.enqueueSync("demo-plan", "test: first sync");
    await settle("the first alerts", 1, expectedNow.length);
    expect(sent(sink.deliveries)).toEqual(sent(expectedNow));
    // The digest person's alerts wait for their digest hour instead of going out now.
    const baseDigest = baseSink.deliveries.filter((d) => d.digest);
    expect(baseDigest).toHaveLength(1);
    const held = await digestJobs(h);
    expect([...held.keys()]).toEqual(["sam"]);
    expect(held.get("sam")?.batch.key).toBe(baseDigest[0]?.batchKey);

    // Run again: nothing changed in the source, and a reconcile on the same data plans nothing.
    const before = sink.deliveries.length;
    const alertJobs = Object.values(await h.queues.alert.getJobCounts()).reduce((a, b) => a + b, 0);
    await h.queues.enqueueSync("demo-plan", "test: second sync");
    await h.queues.enqueueReconcile("test: second reconcile");
    await settle("the second run", 2, before);
    expect(sink.deliveries).toHaveLength(before);
    expect(Object.values(await h.queues.alert.getJobCounts()).reduce((a, b) => a + b, 0)).toBe(alertJobs);

    // Engineering takes the slip back: every conflict it caused clears and the messages are edited to say so.
    setDue(demo, "PAY-142", "2026-02-20");
    setDue(baseDemo, "PAY-142", "2026-02-20");
    baseSink.deliveries.length = 0;
    await runPipeline(baseCtx, { sinks: [baseSink] });
    const expectedRevert = baseSink.deliveries.filter((d) => !d.digest);
    expect(expectedRevert.some((d) => d.op === "update")).toBe(true);

    await h.queues.enqueueSync("demo-plan", "test: revert");
    await settle("the updates", 3, before + expectedRevert.length);
    expect(sent(sink.deliveries.slice(before))).toEqual(sent(expectedRevert));
    // Sam never heard of the conflicts that just cleared (his digest is still waiting): no "cleared" note is
    // planned for him, and the digest, when its hour comes, leaves them out.
    const waiting = await digestJobs(h);
    expect(waiting.get("sam")?.batch.keys).toEqual(held.get("sam")?.batch.keys);
    const [digestJob] = (await h.queues.alert.getJobs(["delayed"])).filter((j) => j.id?.startsWith("dg_"));
    const beforeDigest = sink.deliveries.length;
    await digestJob?.promote();
    await waitFor("the digest", () => sink.deliveries.length === beforeDigest + 1);
    const digest = sink.deliveries.at(-1);
    const heldIntents = held.get("sam")?.batch.intents ?? [];
    const stillOpen = [];
    for (const i of heldIntents) {
      if ((await ctx.store.conflicts.get(i.conflict.fingerprint))?.status !== "resolved") stillOpen.push(i);
    }
    expect(stillOpen.length).toBeGreaterThan(0);
    expect(stillOpen.length).toBeLessThan(heldIntents.length);
    expect(digest).toMatchObject({ digest: true, recipientKey: "slack-dm:U05E3SUP004" });
    expect(digest?.keys.sort()).toEqual(stillOpen.map((i) => i.key).sort());
    for (const i of heldIntents) {
      const entry = await ctx.store.alerts.find(i.conflict.fingerprint, i.recipientKey);
      expect(entry?.status ?? "never told").toBe(stillOpen.includes(i) ? "sent" : "never told");
    }
  });
});
