import { spawn } from "node:child_process";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runWorkerProcess } from "../../../src/cli/commands/worker-process.js";
import { type AppContext, openContext } from "../../../src/jobs/app-context.js";
import { loadAppConfig } from "../../../src/jobs/load-app-config.js";
import { runCli } from "../cli/cli-harness.js";
import {
  captureIo,
  countingSink,
  type QueueHarness,
  queueHarness,
  REDIS_URL,
  tempDemo,
  waitFor,
} from "./harness.js";

const ROOT = resolve(import.meta.dirname, "../../..");

let h: QueueHarness | null = null;
let ctx: AppContext | null = null;

afterEach(async () => {
  await h?.close();
  await ctx?.store.close();
  h = null;
  ctx = null;
});

const SCHEDULED = 'alerts: { adminChannel: "#sightline-admin" }\n';

describe("sightline worker", () => {
  it("says clearly that it needs REDIS_URL", async () => {
    const demo = tempDemo();
    const run = await runCli(["--config", demo.configPath, "worker"], {});
    expect(run.code).toBe(2);
    expect(run.err).toContain("sightline worker needs Redis: set REDIS_URL");
  });

  it("schedules each connector's sync, runs the pipeline, and on stop lets in-flight sends finish", async () => {
    h = queueHarness();
    const demo = tempDemo({ alerts: SCHEDULED });
    // The connector syncs hourly: the scheduler's first run starts the whole pipeline.
    const config = loadAppConfig(demo.configPath, {});
    const scheduled = {
      ...config,
      connectors: config.connectors.map((c) => ({ ...c, syncEveryMinutes: 60 })),
    };
    ctx = await openContext(scheduled, { today: "2026-01-12" });
    const sink = countingSink();
    let stop: (why: string) => void = () => {};
    const stopped = new Promise<string>((r) => {
      stop = r;
    });
    let sending = 0;
    sink.behave(async () => {
      sending++;
      // The first send asks the worker to stop while this send (and any other in flight) is still going.
      if (sending === 1) stop("SIGTERM");
      await new Promise((r) => setTimeout(r, 400));
    });
    const io = captureIo();
    await runWorkerProcess(ctx, io, {
      url: REDIS_URL,
      prefix: h.prefix,
      concurrency: { sync: 1, alert: 4, writeback: 1 },
      stop: stopped,
      sinks: [sink],
    });
    expect(io.text()).toContain("sync of demo-plan scheduled every 60 min");
    expect(io.text()).toMatch(/SIGTERM: finishing in-flight jobs \(at most 30 s\)\n(.|\n)*stopped\n$/);
    const scheduler = await h.queues.sync.getJobScheduler("sync-demo-plan");
    expect(scheduler?.every).toBe(3_600_000);
    // Every send that started also finished: nothing is left claimed-but-unsent in the ledger.
    expect(sink.deliveries.length).toBe(sending);
    expect(sending).toBeGreaterThan(0);
    const fingerprints = (await ctx.store.conflicts.list()).map((c) => c.fingerprint);
    const statuses = await ctx.store.alerts.entriesFor(fingerprints);
    expect(statuses.filter((s) => s.status === "pending")).toEqual([]);
    expect(statuses.filter((s) => s.status === "sent")).toHaveLength(
      sink.deliveries.reduce((n, d) => n + d.keys.length, 0),
    );

    // Started again on a config without the schedule: the stale scheduler is removed.
    const again = captureIo();
    const unscheduled = await openContext(config, { today: "2026-01-12" });
    try {
      await runWorkerProcess(unscheduled, again, {
        url: REDIS_URL,
        prefix: h.prefix,
        concurrency: { sync: 1, alert: 1, writeback: 1 },
        stop: Promise.resolve("test"),
        sinks: [countingSink()],
      });
    } finally {
      await unscheduled.store.close();
    }
    expect(again.text()).toContain("removed the sync schedule of demo-plan");
    expect(await h.queues.sync.getJobScheduler("sync-demo-plan")).toBeUndefined();
  });

  it("stops on SIGTERM as a real process and exits 0", async () => {
    const demo = tempDemo();
    h = queueHarness();
    const prefix = h.prefix;
    const child = spawn(
      process.execPath,
      ["--import", "tsx", join(ROOT, "src", "cli", "run.ts"), "--config", demo.configPath, "worker"],
      {
        env: { ...process.env, REDIS_URL, SIGHTLINE_QUEUE_PREFIX: prefix },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let err = "";
    child.stderr.on("data", (d: Buffer) => {
      err += d.toString();
    });
    const exit = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
    await waitFor("the worker to be ready", () => err.includes(`ready on ${REDIS_URL}`), 15_000);
    expect(err).toContain(`prefix ${prefix}`);
    child.kill("SIGTERM");
    expect(await exit).toBe(0);
    expect(err).toContain("SIGTERM: finishing in-flight jobs");
    expect(err).toContain("stopped");
  });
});
