import { afterEach, describe, expect, it } from "vitest";
import type { AppContext } from "../../../src/jobs/app-context.js";
import { AlertJobSchema, type WorkerEvent } from "../../../src/jobs/queue/index.js";
import {
  countingSink,
  demoContext,
  pending,
  type QueueHarness,
  queueHarness,
  setDate,
  tempDemo,
  waitFor,
} from "./harness.js";

let h: QueueHarness | null = null;
let ctx: AppContext | null = null;
afterEach(async () => {
  await h?.close();
  await ctx?.store.close();
  h = null;
  ctx = null;
});

/** Every intent key held by an alert job, with how many jobs hold it. */
async function heldKeys(q: QueueHarness): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const job of await q.queues.alert.getJobs(["delayed", "waiting", "active", "completed"])) {
    for (const key of AlertJobSchema.parse(job.data).batch.keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

describe("alerts waiting for their hour", () => {
  it("are not planned again by the next reconcile: a new conflict for the same people makes only its own message", async () => {
    // Quiet all day: every message to a person waits (a delayed job), as at night.
    const demo = tempDemo({
      alerts: 'alerts: { adminChannel: "#sightline-admin", quietHours: { start: "00:00", end: "23:59" } }',
    });
    ctx = await demoContext(demo);
    h = queueHarness({ reconcileDebounceMs: 20 });
    const reconciles: WorkerEvent[] = [];
    h.start({
      ctx,
      sinks: [countingSink()],
      onEvent: (e) => e.type === "completed" && e.queue === "reconcile" && reconciles.push(e),
    });
    const q = h;
    const idle = async (what: string, count: number) => {
      await waitFor(what, () => reconciles.length >= count);
      await waitFor(
        `${what}: nothing left to enqueue`,
        async () => (await pending(q.queues.alert)) + (await pending(q.queues.sync, true)) === 0,
      );
    };

    await q.queues.enqueueSync("demo-plan", "test: first sync");
    await idle("the first reconcile", 1);
    const first = await heldKeys(q);
    expect(first.size).toBeGreaterThan(0);
    expect((await q.queues.alert.getJobCounts("delayed")).delayed).toBeGreaterThan(0);

    // Compliance slips: a new conflict downstream, while the first alerts still wait.
    setDate(demo, "LEGAL-3", "due", "2026-04-30");
    await q.queues.enqueueSync("demo-plan", "test: the slip");
    await idle("the second reconcile", 2);
    const second = await heldKeys(q);
    const twice = [...second].filter(([, n]) => n > 1).map(([k]) => k);
    expect(twice).toEqual([]);
    // The first run's intents are all still held, each by exactly one job; the slip added intents of its own.
    for (const key of first.keys()) expect(second.get(key)).toBe(1);
    expect(second.size).toBeGreaterThan(first.size);
  });
});
