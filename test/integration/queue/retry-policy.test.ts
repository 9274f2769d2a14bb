import { rmSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { SheetsError } from "../../../connectors/sheets/errors.js";
import type { AppContext } from "../../../src/jobs/app-context.js";
import type { WorkerEvent } from "../../../src/jobs/queue/index.js";
import { syncConnector } from "../../../src/jobs/sync-work.js";
import type { Connector } from "../../../src/sync/index.js";
import { countingSink, demoContext, type QueueHarness, queueHarness, tempDemo, waitFor } from "./harness.js";

const CAMPAIGN = "demo-plan:MKT-7";
const CHANGE = { start: "2026-04-17", due: "2026-05-08" };

let h: QueueHarness | null = null;
let ctx: AppContext | null = null;
afterEach(async () => {
  await h?.close();
  await ctx?.store.close();
  h = null;
  ctx = null;
});

/** The demo's plan connector, except that writing back fails the way the sheet's tool would. */
function failingWriteBack(error: Error): Connector {
  return {
    source: { kind: "sheets", instance: "demo-plan" },
    check: async () => ({ ok: true, detail: "" }),
    async *pull() {},
    writeBack: async () => {
      throw error;
    },
  };
}

describe("one retry policy, obeyed by the queues", () => {
  it("fails a non-retryable write-back at once with its code, and keeps a retryable one for a later try", async () => {
    ctx = await demoContext(tempDemo());
    await syncConnector(ctx, "demo-plan");
    h = queueHarness();
    const events: WorkerEvent[] = [];
    const errors: Record<string, Error> = {
      forbidden: new SheetsError("sheets_forbidden", "share the spreadsheet with the service account"),
      down: new SheetsError("sheets_unavailable", "Google answered 503", { retryable: true }),
    };
    let next: Error = errors.forbidden!;
    h.start({
      ctx,
      sinks: [countingSink()],
      only: ["writeback"],
      connect: async () => failingWriteBack(next),
      onEvent: (e) => e.type !== "error" && events.push(e),
    });
    const forbidden = await h.queues.enqueueWriteback({
      actionId: CAMPAIGN,
      change: CHANGE,
      requestedBy: "slack:U1",
    });
    await waitFor("the forbidden write-back to fail", () => events.some((e) => e.type === "failed"));
    const failed = await h.queues.writeback.getJob(forbidden.id ?? "");
    expect([failed?.attemptsMade, await failed?.getState()]).toEqual([1, "failed"]);
    expect(failed?.failedReason).toBe("sheets_forbidden: share the spreadsheet with the service account");

    next = errors.down!;
    const down = await h.queues.enqueueWriteback({
      actionId: CAMPAIGN,
      change: { due: "2026-05-09" },
      requestedBy: "slack:U1",
    });
    await waitFor(
      "the first try of the retryable one",
      async () => (await h?.queues.writeback.getJob(down.id ?? ""))?.attemptsMade === 1,
    );
    const waiting = await h.queues.writeback.getJob(down.id ?? "");
    // Backed off for a later try (a minute), not failed and not retried at once.
    expect(await waiting?.getState()).toBe("delayed");
    expect(waiting?.failedReason).toContain("Google answered 503");
  });

  it("fails a sync that cannot succeed once, instead of three times on top of the connector's retries", async () => {
    const demo = tempDemo();
    ctx = await demoContext(demo);
    rmSync(demo.planPath);
    h = queueHarness();
    const events: WorkerEvent[] = [];
    h.start({
      ctx,
      sinks: [countingSink()],
      only: ["sync"],
      onEvent: (e) => e.type !== "error" && events.push(e),
    });
    const job = await h.queues.enqueueSync("demo-plan", "test");
    await waitFor("the sync to fail", () => events.some((e) => e.type === "failed"));
    const failed = await h.queues.sync.getJob(job.id ?? "");
    expect(failed?.attemptsMade).toBe(1);
    expect(failed?.failedReason).toMatch(/^connector_failed: .*plan/);
    // The sources page reads the same failure from the run record.
    const run = (await ctx.store.sync.states()).find((s) => s.instance === "demo-plan");
    expect(run?.status).toBe("failed");
    expect(run?.message).toMatch(/plan/);
  });
});
