import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { AlertSink } from "../../../src/alerts/index.js";
import { openContext } from "../../../src/jobs/app-context.js";
import { runPipeline } from "../../../src/jobs/in-process-runner.js";
import { loadAppConfig } from "../../../src/jobs/load-app-config.js";
import { SightlineError } from "../../../src/model/index.js";

function countingSink(fail: boolean): AlertSink & { posts: string[] } {
  const posts: string[] = [];
  return {
    name: "test",
    posts,
    accepts: () => true,
    async deliver(batch) {
      if (fail) throw new SightlineError("sink_down", "the sink is down");
      posts.push(batch.key);
      return { messageRef: batch.key };
    },
    async update(batch, ref) {
      posts.push(`update ${batch.key}`);
      return { messageRef: ref };
    },
  };
}

describe("alerts that could not be delivered", () => {
  it("go out on the next run although the conflicts were already stored, and only once", async () => {
    const config = loadAppConfig("sightline.config.yaml", {});
    const db = join(mkdtempSync(join(tmpdir(), "sightline-catchup-")), "store.db");
    const open = () => openContext(config, { dbPath: db, today: "2026-01-12", env: {} });

    const first = await open();
    await expect(runPipeline(first, { sinks: [countingSink(true)] })).rejects.toThrow("the sink is down");
    expect((await first.store.conflicts.list({ status: ["open"] })).length).toBeGreaterThan(0);
    await first.store.close();

    const second = await open();
    const sink = countingSink(false);
    const report = await runPipeline(second, { sinks: [sink] });
    expect(report.reconcile.diff.opened).toHaveLength(0);
    expect(sink.posts.length).toBeGreaterThan(0);
    await second.store.close();

    const control = await openContext(config, {
      dbPath: join(mkdtempSync(join(tmpdir(), "sightline-control-")), "store.db"),
      today: "2026-01-12",
      env: {},
    });
    const controlSink = countingSink(false);
    await runPipeline(control, { sinks: [controlSink] });
    await control.store.close();
    expect(sink.posts.length).toBe(controlSink.posts.length);

    const third = await open();
    const again = countingSink(false);
    await runPipeline(third, { sinks: [again] });
    expect(again.posts).toEqual([]);
    await third.store.close();
  });
});
