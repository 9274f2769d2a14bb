import { spawn } from "node:child_process";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runWorkerProcess } from "../../../src/cli/commands/worker-process.js";
import { type AppContext, openContext } from "../../../src/jobs/app-context.js";
import { loadAppConfig } from "../../../src/jobs/load-app-config.js";
import { freePort } from "../distributed/processes.js";
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

describe("sightline worker shutdown", () => {
  it("stops after the shutdown timeout when a send never returns, leaving the job to be retried", async () => {
    h = queueHarness();
    const demo = tempDemo({ alerts: 'alerts: { adminChannel: "#sightline-admin" }\n' });
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
    const hung: string[] = [];
    sink.behave((batch) => {
      hung.push(batch.key);
      stop("SIGTERM");
      return new Promise(() => {});
    });
    const io = captureIo();
    const run = runWorkerProcess(ctx, io, {
      url: REDIS_URL,
      prefix: h.prefix,
      concurrency: { sync: 1, alert: 1, writeback: 1 },
      stop: stopped,
      shutdownTimeoutMs: 300,
      sinks: [sink],
    });
    await expect(run).rejects.toMatchObject({
      code: "shutdown_timeout",
      message: expect.stringContaining(
        "worker: stopped after 0.3 s without waiting further for in-flight jobs",
      ),
    });
    expect(io.text()).toContain("SIGTERM: finishing in-flight jobs (at most 0.3 s)");
    expect(io.text()).not.toContain("sightline worker: stopped\n");
    // The send that never returned is still the job's: active in Redis, its claim pending in the ledger,
    // so another worker retries it once the lock expires.
    expect(hung).toHaveLength(1);
    const job = await h.queues.alert.getJob(hung[0] ?? "");
    expect(await job?.getState()).toBe("active");
    const fingerprints = (await ctx.store.conflicts.list()).map((c) => c.fingerprint);
    const entries = await ctx.store.alerts.entriesFor(fingerprints);
    expect(entries.some((e) => e.status === "pending")).toBe(true);
    expect(entries.filter((e) => e.status === "sent")).toEqual([]);
  });

  it("with Redis unreachable logs one JSON event with the address and next retry, and SIGTERM stops it at once", async () => {
    const demo = tempDemo();
    const port = await freePort();
    const url = `redis://127.0.0.1:${port}`;
    const child = spawn(
      process.execPath,
      ["--import", "tsx", join(ROOT, "src", "cli", "run.ts"), "--config", demo.configPath, "worker"],
      { env: { ...process.env, REDIS_URL: url }, stdio: ["ignore", "pipe", "pipe"] },
    );
    let err = "";
    child.stderr.on("data", (d: Buffer) => {
      err += d.toString();
    });
    const exit = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
    await waitFor("the outage line", () => err.includes("unreachable"), 20_000);
    // Give the reconnect loop several attempts (500 ms, 1 s, 2 s) to flood the log, if it were going to.
    await new Promise((r) => setTimeout(r, 4_000));
    // Not a terminal: one JSON event per line (pino), and nothing else (no stack trace per reconnect).
    const events = err
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const e of events) {
      expect(e).toMatchObject({ name: "worker", pid: child.pid, msg: expect.any(String) });
      expect(new Date(String(e.time)).toISOString()).toBe(e.time);
    }
    const outage = events.filter((e) => String(e.msg).includes("unreachable"));
    expect(outage).toHaveLength(1);
    expect(outage[0]?.level).toBe("warn");
    expect(outage[0]?.msg).toMatch(
      new RegExp(
        `^Redis at redis://127\\.0\\.0\\.1:${port} unreachable \\(.*ECONNREFUSED.*\\); next retry at \\d\\d:\\d\\d:\\d\\d UTC`,
      ),
    );
    child.kill("SIGTERM");
    expect(await exit).toBe(0);
    expect(err).toContain("SIGTERM: stopping before the workers started");
  });
});
