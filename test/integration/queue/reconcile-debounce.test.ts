import { Worker } from "bullmq";
import { afterEach, describe, expect, it } from "vitest";
import type { AppContext } from "../../../src/jobs/app-context.js";
import type { WorkerEvent } from "../../../src/jobs/queue/index.js";
import { countingSink, demoContext, type QueueHarness, queueHarness, tempDemo, waitFor } from "./harness.js";

let h: QueueHarness | null = null;
let ctx: AppContext | null = null;
let extra: Worker | null = null;

afterEach(async () => {
  await extra?.close();
  await h?.close();
  await ctx?.store.close();
  h = null;
  ctx = null;
  extra = null;
});

describe("enqueueReconcile", () => {
  it("runs one reconcile for 20 requests made within the debounce window", async () => {
    h = queueHarness({ reconcileDebounceMs: 400 });
    ctx = await demoContext(tempDemo());
    const done: WorkerEvent[] = [];
    h.start({
      ctx,
      sinks: [countingSink()],
      only: ["reconcile"],
      onEvent: (e) => e.type === "completed" && done.push(e),
    });
    const ids = new Set<string | undefined>();
    for (let i = 0; i < 20; i++) ids.add((await h.queues.enqueueReconcile(`webhook ${i}`)).id);
    expect(ids.size).toBe(1);
    await waitFor("the reconcile", () => done.length > 0);
    // Twice the window again: a second run would have shown up by now.
    await new Promise((r) => setTimeout(r, 800));
    expect(done).toHaveLength(1);
    expect((await h.queues.reconcile.getJobCounts("completed")).completed).toBe(1);
  });

  it("turns requests made while a reconcile runs into exactly one more run after it", async () => {
    h = queueHarness({ reconcileDebounceMs: 0 });
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const runs: string[] = [];
    // A stand-in processor that holds the job active until released, to make "while it runs" certain.
    extra = new Worker(
      "reconcile",
      async (job) => {
        runs.push(String(job.data.reason));
        if (runs.length === 1) await gate;
      },
      { connection: h.workerRedis, prefix: h.prefix },
    );
    await h.queues.enqueueReconcile("first");
    await waitFor("the first run", () => runs.length === 1);
    for (let i = 0; i < 5; i++) await h.queues.enqueueReconcile(`during ${i}`);
    expect(await h.queues.reconcile.getJobCounts("wait", "delayed")).toEqual({ wait: 0, delayed: 0 });
    release();
    await waitFor("the follow-up run", () => runs.length === 2);
    await new Promise((r) => setTimeout(r, 500));
    // The follow-up carries the latest request; the other four were absorbed into it.
    expect(runs).toEqual(["first", "during 4"]);
  });
});
