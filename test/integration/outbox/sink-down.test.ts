import { afterEach, describe, expect, it } from "vitest";
import { SlackSinkError } from "../../../src/alerts/sinks/slack-errors.js";
import type { AppContext } from "../../../src/jobs/app-context.js";
import { runPipeline } from "../../../src/jobs/in-process-runner.js";
import { countingSink, demoContext, setDue, tempDemo } from "../queue/harness.js";

const opened: AppContext[] = [];
afterEach(async () => {
  for (const c of opened.splice(0)) await c.store.close();
});

async function announcedDemo() {
  const demo = tempDemo();
  const ctx = await demoContext(demo);
  opened.push(ctx);
  await runPipeline(ctx, { sinks: [countingSink()] });
  // Engineering slips again: the conflicts everyone heard about get worse.
  setDue(demo, "PAY-142", "2026-04-24");
  return { demo, ctx };
}

describe("the outbox: a change recorded while the sink is down", () => {
  it("is announced once the sink is back, as it would have been, and never twice", async () => {
    const control = await announcedDemo();
    const heard = countingSink();
    await runPipeline(control.ctx, { sinks: [heard] });
    expect(heard.deliveries.length).toBeGreaterThan(0);

    const { ctx } = await announcedDemo();
    const down = countingSink();
    down.behave(async () => {
      throw new SlackSinkError("request_failed", "connect ECONNREFUSED (Slack is down)");
    });
    await expect(runPipeline(ctx, { sinks: [down] })).rejects.toThrow(/Slack is down/);
    expect((await ctx.store.conflicts.owedChanges()).length).toBeGreaterThan(0);

    // Back: a run with nothing new to reconcile still sends what the outage held back.
    const back = countingSink();
    const report = await runPipeline(ctx, { sinks: [back] });
    expect(report.reconcile.diff.changed).toHaveLength(0);
    const said = (s: typeof back) => s.deliveries.map((d) => `${d.op} ${d.recipientKey}`).sort();
    expect(said(back)).toEqual(said(heard));
    expect(await ctx.store.conflicts.owedChanges()).toEqual([]);

    const again = countingSink();
    await runPipeline(ctx, { sinks: [again] });
    expect(again.deliveries).toEqual([]);
  });
});
