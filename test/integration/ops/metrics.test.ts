import { afterEach, describe, expect, it } from "vitest";
import { runWorkerProcess } from "../../../src/cli/commands/worker-process.js";
import { main } from "../../../src/cli/main.js";
import { type AppContext, openContext } from "../../../src/jobs/app-context.js";
import { loadAppConfig } from "../../../src/jobs/load-app-config.js";
import { openStore } from "../../../src/store/index.js";
import {
  captureIo,
  countingSink,
  type QueueHarness,
  queueHarness,
  REDIS_URL,
  tempDemo,
  waitFor,
} from "../queue/harness.js";
import { eventually } from "../slack/slack-api-mock.js";
import { type DemoWorkspace, demoWorkspace } from "../web/web-harness.js";

let ws: DemoWorkspace | null = null;
let h: QueueHarness | null = null;
let ctx: AppContext | null = null;
afterEach(async () => {
  ws?.remove();
  await h?.close();
  await ctx?.store.close();
  ws = null;
  h = null;
  ctx = null;
});

/** `name{labels} value` lines of a Prometheus text exposition, as a map. */
function samples(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const at = line.lastIndexOf(" ");
    out.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return out;
}

function sumOf(s: Map<string, number>, name: string): number {
  let n = 0;
  for (const [k, v] of s) if (k === name || k.startsWith(`${name}{`)) n += v;
  return n;
}

describe("GET /metrics on sightline serve", () => {
  it("exposes the process' counters and the store's state in Prometheus text, with bounded route labels", async () => {
    ws = await demoWorkspace();
    const io = captureIo({ SIGHTLINE_ADMIN_TOKEN: "metrics-test-admin-token-0123456789" });
    const done = main(["--config", ws.configFile, "--db", ws.db, "serve", "--port", "0"], io);
    await eventually(() => /listening on (http:\S+)/.test(io.text()), "the server to listen");
    const url = /listening on (http:\S+)/.exec(io.text())?.[1] ?? "";
    try {
      const first = await fetch(`${url}/metrics`);
      expect(first.status).toBe(200);
      expect(first.headers.get("content-type")).toContain("text/plain; version=0.0.4");
      const before = samples(await first.text());

      await fetch(`${url}/healthz`);
      await fetch(`${url}/healthz`);
      await fetch(`${url}/api/conflicts/schedule%3Ajira-eng%3APAY-142`);
      await fetch(`${url}/no/such/page/${"x".repeat(40)}`);
      const res = await fetch(`${url}/metrics`);
      const text = await res.text();
      const after = samples(text);

      // The store's state, as the demo's reconcile recorded it.
      const store = await openStore(ws.db, { readOnly: true });
      try {
        const open = await store.conflicts.list({ status: ["open"] });
        expect(open.length).toBeGreaterThan(0);
        expect(sumOf(after, "sightline_conflicts_open")).toBe(open.length);
        const critical = open.filter((c) => c.type === "schedule" && c.severity === "critical").length;
        expect(after.get('sightline_conflicts_open{type="schedule",severity="critical"}') ?? 0).toBe(
          critical,
        );
        const ledger = await store.alerts.countByStatus();
        expect(after.get('sightline_alert_intents{status="sent"}')).toBe(ledger.sent);
        expect(after.get('sightline_alert_intents{status="failed"}')).toBe(ledger.failed);
        for (const id of ["jira-eng", "mkt-plan", "mail-actions", "demo-plan"]) {
          expect(after.get(`sightline_quarantined_records{connector="${id}"}`)).toBe(
            await store.sync.countQuarantine(id),
          );
        }
        const run = await store.conflicts.lastRun();
        expect(after.get("sightline_last_reconcile_timestamp_seconds")).toBe(
          Date.parse(run?.at ?? "") / 1000,
        );
      } finally {
        await store.close();
      }

      // The process' own counters: the demo ran its syncs and reconcile in this process.
      expect(
        after.get('sightline_sync_runs_total{connector="demo-plan",outcome="ok"}'),
      ).toBeGreaterThanOrEqual(1);
      expect(
        after.get('sightline_sync_records_total{connector="jira-eng",change="inserted"}'),
      ).toBeGreaterThan(0);
      expect(after.get("sightline_reconcile_duration_seconds_count")).toBeGreaterThanOrEqual(1);
      expect(text).toContain("# TYPE sightline_sync_duration_seconds histogram");
      const healthz = 'sightline_http_requests_total{route="/healthz",method="GET",status="200"}';
      expect((after.get(healthz) ?? 0) - (before.get(healthz) ?? 0)).toBe(2);
      // Unknown paths collapse into one label instead of one per URL.
      expect([...after.keys()].some((k) => k.includes("xxxxxxxx"))).toBe(false);
      expect(
        after.get('sightline_http_requests_total{route="unmatched",method="GET",status="404"}'),
      ).toBeGreaterThan(0);
      // An id in the path is not a label: the API route keeps two segments.
      expect(
        after.get('sightline_http_requests_total{route="/api/conflicts/*",method="GET",status="401"}'),
      ).toBe(1);
    } finally {
      process.emit("SIGTERM", "SIGTERM");
      expect(await done).toBe(0);
    }
  });
});

describe("the worker's metrics endpoint", () => {
  it("listens on SIGHTLINE_METRICS_PORT and reports queue depths next to the store's state", async () => {
    h = queueHarness();
    const demo = tempDemo();
    ctx = await openContext(loadAppConfig(demo.configPath, {}), { today: "2026-01-12" });
    let stop: (why: string) => void = () => {};
    const stopped = new Promise<string>((r) => {
      stop = r;
    });
    const io = captureIo({ SIGHTLINE_METRICS_PORT: "0" });
    const run = runWorkerProcess(ctx, io, {
      url: REDIS_URL,
      prefix: h.prefix,
      concurrency: { sync: 1, alert: 1, writeback: 1 },
      stop: stopped,
      sinks: [countingSink()],
    });
    await waitFor("the metrics endpoint", () => /metrics on (http:\S+)/.test(io.text()), 15_000);
    const url = /metrics on (http:\S+)/.exec(io.text())?.[1] ?? "";
    await h.queues.enqueueSync("demo-plan", "test");
    const s = samples(await (await fetch(url)).text());
    for (const queue of ["sync", "reconcile", "alert", "writeback"]) {
      for (const state of ["waiting", "active", "delayed", "failed"])
        expect(s.has(`sightline_queue_jobs{queue="${queue}",state="${state}"}`)).toBe(true);
    }
    expect(sumOf(s, 'sightline_queue_jobs{queue="sync"')).toBeGreaterThanOrEqual(0);
    expect(s.has('sightline_alert_intents{status="pending"}')).toBe(true);
    expect((await fetch(url.replace("/metrics", "/other"))).status).toBe(404);
    stop("SIGTERM");
    await run;
    await expect(fetch(url)).rejects.toThrow();
  });
});
