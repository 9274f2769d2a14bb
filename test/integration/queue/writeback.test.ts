import { afterEach, describe, expect, it } from "vitest";
import type { AppContext } from "../../../src/jobs/app-context.js";
import type { WorkerEvent } from "../../../src/jobs/queue/index.js";
import { reconcileStore } from "../../../src/jobs/reconcile-work.js";
import { syncConnector } from "../../../src/jobs/sync-work.js";
import { writeBackAction } from "../../../src/jobs/writeback-work.js";
import {
  countingSink,
  demoContext,
  type QueueHarness,
  queueHarness,
  type TempDemo,
  tempDemo,
  waitFor,
  writableFileConnector,
} from "./harness.js";

const CAMPAIGN = "demo-plan:MKT-7";
// The campaign's earliest feasible start after the API slip is 16 Apr (its schedule conflict says so).
const REPLAN = { start: "2026-04-17", due: "2026-05-08" };

let h: QueueHarness | null = null;
let ctx: AppContext | null = null;

afterEach(async () => {
  await h?.close();
  await ctx?.store.close();
  h = null;
  ctx = null;
});

async function reconciledDemo(): Promise<{ demo: TempDemo; ctx: AppContext }> {
  const demo = tempDemo();
  ctx = await demoContext(demo);
  await syncConnector(ctx, "demo-plan");
  await reconcileStore(ctx);
  return { demo, ctx };
}

const campaignSchedule = async (c: AppContext) =>
  (await c.store.conflicts.list()).find((x) => x.type === "schedule" && x.actionId === CAMPAIGN);

describe("writeBackAction (both runners)", () => {
  it("writes the dates to the tool, stores what the tool then holds as a `writeback` change, and the conflict clears", async () => {
    const { demo, ctx } = await reconciledDemo();
    expect((await campaignSchedule(ctx))?.status).toBe("open");
    const writes: string[] = [];

    const outcome = await writeBackAction(
      ctx,
      { actionId: CAMPAIGN, change: REPLAN },
      { connect: async () => writableFileConnector(demo, writes) },
    );
    expect(writes).toEqual([`MKT-7 ${JSON.stringify(REPLAN)}`]);
    expect(outcome.changedIds).toEqual([CAMPAIGN]);
    expect(await ctx.store.actions.get(CAMPAIGN)).toMatchObject(REPLAN);
    const events = (await ctx.store.actions.history(CAMPAIGN)).filter((e) => e.source === "writeback");
    expect(events.map((e) => e.field).sort()).toEqual(["due", "start"]);

    await reconcileStore(ctx);
    expect((await campaignSchedule(ctx))?.status).toBe("resolved");
  });

  it("refuses an action that does not exist and a connector that cannot write back, with codes", async () => {
    const { ctx } = await reconciledDemo();
    await expect(
      writeBackAction(ctx, { actionId: "demo-plan:NOPE-1", change: REPLAN }),
    ).rejects.toMatchObject({
      code: "action_not_found",
    });
    // The plain file connector reads its file but has no write-back.
    await expect(writeBackAction(ctx, { actionId: CAMPAIGN, change: REPLAN })).rejects.toMatchObject({
      code: "writeback_unsupported",
      message: expect.stringContaining('connector "demo-plan" (kind file)'),
    });
  });
});

describe("writeback jobs", () => {
  it("write once for a double click, store the change and reconcile; an impossible write fails without retries", async () => {
    const { demo, ctx } = await reconciledDemo();
    h = queueHarness({ reconcileDebounceMs: 20 });
    const writes: string[] = [];
    const events: WorkerEvent[] = [];
    const request = { actionId: CAMPAIGN, change: REPLAN, requestedBy: "slack:U05C1MKT007" };
    const first = await h.queues.enqueueWriteback(request);
    const second = await h.queues.enqueueWriteback(request);
    expect(second.id).toBe(first.id);

    h.start({
      ctx,
      sinks: [countingSink()],
      only: ["writeback", "reconcile"],
      connect: async () => writableFileConnector(demo, writes),
      onEvent: (e) => e.type !== "error" && events.push(e),
    });
    await waitFor("the reconcile after the write", () =>
      events.some((e) => e.type === "completed" && e.queue === "reconcile"),
    );
    expect(writes).toHaveLength(1);
    expect(await ctx.store.actions.get(CAMPAIGN)).toMatchObject(REPLAN);
    expect((await campaignSchedule(ctx))?.status).toBe("resolved");

    // Nobody can write to an action that is not there: failed at once, not three times.
    const bad = await h.queues.enqueueWriteback({ ...request, actionId: "demo-plan:NOPE-1" });
    await waitFor("the failure", () => events.some((e) => e.type === "failed"));
    const failed = await h.queues.writeback.getJob(bad.id ?? "");
    expect(failed?.attemptsMade).toBe(1);
    expect(failed?.failedReason).toMatch(/^action_not_found: no action "demo-plan:NOPE-1"/);
  });
});
