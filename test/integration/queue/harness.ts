import { randomUUID } from "node:crypto";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { FileConnector } from "../../../connectors/file/connector.js";
import type {
  AlertBatch,
  AlertIntent,
  AlertSink,
  AlertTarget,
  RenderedAlert,
} from "../../../src/alerts/index.js";
import type { Io } from "../../../src/cli/cli-context.js";
import type { SightlineConfig } from "../../../src/config/index.js";
import { planFromDiff } from "../../../src/jobs/alert-work.js";
import { type AppContext, openContext } from "../../../src/jobs/app-context.js";
import { loadAppConfig } from "../../../src/jobs/load-app-config.js";
import {
  closeRedis,
  createJobQueues,
  createRedis,
  type JobQueues,
  type RunningWorkers,
  type StartWorkersOptions,
  startWorkers,
} from "../../../src/jobs/queue/index.js";
import { reconcileStore } from "../../../src/jobs/reconcile-work.js";
import { syncConnector } from "../../../src/jobs/sync-work.js";
import type { Connector } from "../../../src/sync/index.js";

export { REDIS_URL } from "../../support/test-services.js";

import { REDIS_URL } from "../../support/test-services.js";
/** A frozen copy of the demo story (plan, people, KPIs). */
export const DEMO = join(import.meta.dirname, "fixtures");

export interface TempDemo {
  dir: string;
  configPath: string;
  planPath: string;
  dbPath: string;
  config: SightlineConfig;
}

/**
 * The demo config in a temp folder: people and KPIs from fixtures/demo, the plan copied (tests edit it), a fresh
 * SQLite file. `extraYaml` is appended (e.g. an alerts section).
 */
export function tempDemo(opts: { plan?: string; alerts?: string } = {}): TempDemo {
  const dir = mkdtempSync(join(tmpdir(), "sightline-queue-"));
  const planPath = join(dir, "plan.yaml");
  copyFileSync(join(DEMO, opts.plan ?? "plan.yaml"), planPath);
  const dbPath = join(dir, "sightline.db");
  const configPath = join(dir, "sightline.config.yaml");
  writeFileSync(
    configPath,
    [
      "organisation: { name: Acme Pay, timeZone: Europe/Paris, currency: EUR }",
      `database: { path: ${JSON.stringify(dbPath)} }`,
      `directory: { file: ${JSON.stringify(join(DEMO, "people.yaml"))} }`,
      `kpis: { file: ${JSON.stringify(join(DEMO, "kpis.yaml"))} }`,
      "connectors:",
      `  - { id: demo-plan, kind: file, path: ${JSON.stringify(planPath)} }`,
      opts.alerts ?? 'alerts: { adminChannel: "#sightline-admin" }',
      "",
    ].join("\n"),
  );
  return { dir, configPath, planPath, dbPath, config: loadAppConfig(configPath, {}) };
}

/** Moves one action's start or due date in the temp plan file, as its tool would. */
export function setDate(demo: TempDemo, key: string, field: "start" | "due", date: string): void {
  const text = readFileSync(demo.planPath, "utf8");
  const re = new RegExp(`(- key: ${key}\\n(?:[ \\t]+.*\\n)*?[ \\t]+${field}: )\\d{4}-\\d{2}-\\d{2}`);
  if (!re.test(text)) throw new Error(`no ${field} date for ${key} in ${demo.planPath}`);
  writeFileSync(demo.planPath, text.replace(re, `$1${date}`));
}

export function setDue(demo: TempDemo, key: string, due: string): void {
  setDate(demo, key, "due", due);
}

/**
 * The file connector plus a write-back that edits the plan file and re-reads the item, the way a tool's
 * connector writes to the tool and returns what the tool then holds. `writes` records every call.
 */
export function writableFileConnector(demo: TempDemo, writes: string[] = []): Connector {
  const file = new FileConnector({ instance: "demo-plan", path: demo.planPath });
  return {
    source: file.source,
    check: (signal) => file.check(signal),
    pull: (cursor, signal) => file.pull(cursor, signal),
    async writeBack(nativeKey, change) {
      writes.push(`${nativeKey} ${JSON.stringify(change)}`);
      if (change.start) setDate(demo, nativeKey, "start", change.start);
      if (change.due) setDate(demo, nativeKey, "due", change.due);
      for await (const page of file.pull(null)) {
        const item = page.items.find((i) => i.kind === "record" && i.origin.nativeKey === nativeKey);
        if (item) return item;
      }
      throw new Error(`${nativeKey} is not in ${demo.planPath}`);
    },
  };
}

/** The demo's "today", so the conflicts are the story's; the clock itself is real (BullMQ delays are). */
export async function demoContext(demo: TempDemo): Promise<AppContext> {
  return await openContext(demo.config, { today: "2026-01-12" });
}

export interface Delivery {
  op: "deliver" | "update";
  recipientKey: string;
  target: AlertTarget;
  keys: string[];
  batchKey: string;
  digest: boolean;
  at: number;
  rendered: RenderedAlert;
}

export interface CountingSink extends AlertSink {
  readonly deliveries: Delivery[];
  /** Replaces what the next calls do (throw a vendor error, hang); null restores plain recording. */
  behave(fn: ((batch: AlertBatch) => Promise<void>) | null): void;
}

/** A sink that accepts every target and records each message it is asked to send or edit. */
export function countingSink(name = "counting"): CountingSink {
  const deliveries: Delivery[] = [];
  let hook: ((batch: AlertBatch) => Promise<void>) | null = null;
  const record = async (op: Delivery["op"], batch: AlertBatch, rendered: RenderedAlert) => {
    if (hook) await hook(batch);
    deliveries.push({
      op,
      recipientKey: batch.recipientKey,
      target: batch.recipient.target,
      keys: [...batch.keys],
      batchKey: batch.key,
      digest: batch.digest,
      at: Date.now(),
      rendered,
    });
  };
  return {
    name,
    deliveries,
    behave(fn) {
      hook = fn;
    },
    accepts: () => true,
    async deliver(batch, rendered) {
      await record("deliver", batch, rendered);
      return { messageRef: `ref-${batch.key}` };
    },
    async update(batch, messageRef, rendered) {
      await record("update", batch, rendered);
      return { messageRef };
    },
  };
}

export interface QueueHarness {
  prefix: string;
  queues: JobQueues;
  producer: Redis;
  workerRedis: Redis;
  workers: RunningWorkers[];
  /** Errors the harness's own Redis connections reported (a test's Redis outage shows here). */
  redisErrors: Error[];
  start(opts: Omit<StartWorkersOptions, "queues" | "redis">): RunningWorkers;
  close(): Promise<void>;
}

/** Queues on the real local Redis under a random prefix; close() obliterates them and quits every connection. */
export function queueHarness(opts: { reconcileDebounceMs?: number; redisUrl?: string } = {}): QueueHarness {
  const prefix = `sl-test-${randomUUID()}`;
  const producer = createRedis(opts.redisUrl ?? REDIS_URL, "producer");
  const workerRedis = createRedis(opts.redisUrl ?? REDIS_URL, "worker");
  // A test that stops its own Redis expects these connections to fail until it is back; kept for the
  // failure message instead of ioredis printing each reconnect attempt as an unhandled error.
  const redisErrors: Error[] = [];
  for (const r of [producer, workerRedis]) r.on("error", (e: Error) => redisErrors.push(e));
  const queues = createJobQueues({
    redis: producer,
    prefix,
    onError: (_source, error) => redisErrors.push(error),
    ...(opts.reconcileDebounceMs === undefined ? {} : { reconcileDebounceMs: opts.reconcileDebounceMs }),
  });
  const workers: RunningWorkers[] = [];
  return {
    prefix,
    queues,
    producer,
    workerRedis,
    workers,
    redisErrors,
    start(o) {
      const running = startWorkers({ ...o, queues, redis: workerRedis });
      workers.push(running);
      return running;
    },
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      const all: Queue[] = [queues.sync, queues.reconcile, queues.alert, queues.writeback];
      // https://api.docs.bullmq.io/classes/v6.Queue.html#obliterate
      for (const q of all) await q.obliterate({ force: true });
      await queues.close();
      // Whatever obliterate leaves (queue meta, the pacer's keys, markers written by closing workers).
      const left = await producer.keys(`${prefix}:*`);
      if (left.length > 0) await producer.del(...left);
      await Promise.all([closeRedis(producer), closeRedis(workerRedis)]);
    },
  };
}

/** Polls `check` until it holds or `timeoutMs` passes (then throws with `what`). */
export { waitFor } from "../../support/wait-for.js";

/** Jobs not finished yet (waiting, active, prioritized; delayed ones only when asked). */
export async function pending(queue: Queue, includeDelayed = false): Promise<number> {
  const states = ["wait", "active", "prioritized", "waiting-children"] as const;
  const counts = await queue.getJobCounts(...states, ...(includeDelayed ? (["delayed"] as const) : []));
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

/** The demo synced and reconciled in-process: the alert intents its first reconcile plans. */
export async function planDemoIntents(ctx: AppContext): Promise<AlertIntent[]> {
  await syncConnector(ctx, "demo-plan");
  const { diff } = await reconcileStore(ctx);
  return await planFromDiff(ctx, diff);
}

/** An Io that keeps everything written (stdout and stderr in order); the process log in its text format. */
export function captureIo(env: Record<string, string> = {}): Io & { text: () => string } {
  let text = "";
  const add = (t: string) => {
    text += t;
  };
  return {
    out: add,
    err: add,
    isTty: false,
    env: { SIGHTLINE_LOG_FORMAT: "text", ...env },
    text: () => text,
  };
}
