// Latency from a change landing in the store (what the Jira webhook handler does: apply the issue, then ask for a
// reconcile) to the Slack post leaving, through the real queues on the local Redis; and alert throughput with
// Slack's one-post-per-second-per-channel pace respected. Slack is a node:http server on loopback.
//   npx tsx test/bench/pipeline-bench.ts [changes=1000] [channels=40] [postsPerChannel=5]
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { AlertSink } from "../../src/alerts/index.js";
import { mergeForRecipient } from "../../src/alerts/index.js";
import { planFromDiff } from "../../src/jobs/alert-work.js";
import { type AppContext, openContext } from "../../src/jobs/app-context.js";
import { loadAppConfig } from "../../src/jobs/load-app-config.js";
import {
  closeRedis,
  createJobQueues,
  createRedis,
  enqueueAlertIntents,
  type JobQueues,
  readdress,
  startWorkers,
} from "../../src/jobs/queue/index.js";
import { reconcileStore } from "../../src/jobs/reconcile-work.js";
import { type ActionRecordInput, ActionRecordSchema } from "../../src/model/index.js";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const SOURCE = { kind: "jira", instance: "bench" };

export interface LatencyRow {
  measure: string;
  changes: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface ThroughputRow {
  channels: number;
  posts: number;
  seconds: number;
  postsPerSecond: number;
  /** The smallest gap between two posts to one channel: at least ~1000 when the pace holds. */
  minGapPerChannelMs: number;
}

export interface PipelineBenchResult {
  latency: LatencyRow[];
  throughput: ThroughputRow;
}

function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? Number.NaN;
}

/** Stands in for slack.com: takes chat.postMessage-like JSON posts and answers `{ ok, ts }`. */
async function fakeSlack(onPost: (channel: string) => void): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body: unknown = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      const channel = body !== null && typeof body === "object" ? Reflect.get(body, "channel") : null;
      if (typeof channel === "string") onPost(channel);
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ ok: true, channel, ts: `${Date.now() / 1000}` }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/chat.postMessage`, server };
}

/** A sink posting to the stand-in; `leaving` is called as each request starts. */
function httpSink(url: string, leaving: (channel: string) => void): AlertSink {
  const post = async (channel: string, text: string) => {
    leaving(channel);
    const res = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ channel, text }),
    });
    const json: unknown = await res.json();
    const ts = json !== null && typeof json === "object" ? Reflect.get(json, "ts") : null;
    return { messageRef: typeof ts === "string" ? `${channel}/${ts}` : null };
  };
  return {
    name: "bench-http",
    accepts: (t) => t.channel === "slack-dm" || t.channel === "slack-channel",
    deliver: (batch, rendered) => post(batch.recipient.target.to ?? "?", rendered.slack.text),
    update: (batch, _ref, rendered) => post(batch.recipient.target.to ?? "?", rendered.slack.text),
  };
}

/**
 * `pairs` independent dependencies, each side owned by its own person (so each change alerts two fresh DMs and
 * the per-channel pace never queues one change behind another): dependency D-i due 1 Mar, dependent W-i
 * starting 10 Mar. Slipping D-i to 13 Mar leaves W-i 4 days short (a warning: no KPI owner joins in).
 */
async function benchWorld(
  pairs: number,
): Promise<{ dir: string; ctx: AppContext; records: ActionRecordInput[] }> {
  const dir = mkdtempSync(join(tmpdir(), "sightline-pipeline-bench-"));
  const people = [];
  const records: ActionRecordInput[] = [];
  for (let i = 0; i < pairs; i++) {
    for (const side of ["a", "b"]) {
      people.push({
        id: `${side}${i}`,
        name: `Person ${side}${i}`,
        emails: [`${side}${i}@bench.example`],
        slackUserId: `U${side.toUpperCase()}${i}`,
      });
    }
    const common = { status: "todo" as const, kpis: ["k1"], sourceUpdatedAt: "2026-01-05T09:00:00Z" };
    records.push({
      ...common,
      nativeKey: `D-${i}`,
      title: `Dependency ${i}`,
      ownerRaw: `a${i}@bench.example`,
      start: "2026-02-01",
      due: "2026-03-01",
    });
    records.push({
      ...common,
      nativeKey: `W-${i}`,
      title: `Dependent ${i}`,
      ownerRaw: `b${i}@bench.example`,
      start: "2026-03-10",
      due: "2026-03-20",
      dependsOn: [{ ref: `D-${i}` }],
    });
  }
  writeFileSync(join(dir, "people.yaml"), JSON.stringify({ people }));
  writeFileSync(
    join(dir, "kpis.yaml"),
    JSON.stringify({
      kpis: [{ key: "k1", name: "Bench KPI", objective: "Bench objective", costOfDelayPerDay: 100 }],
    }),
  );
  writeFileSync(
    join(dir, "sightline.config.yaml"),
    [
      "organisation: { name: Bench, timeZone: Europe/Paris }",
      `database: { path: ${JSON.stringify(join(dir, "bench.db"))} }`,
      "directory: { file: people.yaml }",
      "kpis: { file: kpis.yaml }",
      'alerts: { adminChannel: "#bench-admin" }',
    ].join("\n"),
  );
  const ctx = await openContext(loadAppConfig(join(dir, "sightline.config.yaml"), {}), {
    today: "2026-01-12",
  });
  await ctx.store.actions.upsert(
    SOURCE,
    records.map((r) => ActionRecordSchema.parse(r)),
    ctx.now(),
  );
  await reconcileStore(ctx);
  return { dir, ctx, records };
}

async function obliterate(queues: JobQueues): Promise<void> {
  for (const q of [queues.sync, queues.reconcile, queues.alert, queues.writeback])
    await q.obliterate({ force: true });
  const keys = await queues.redis.keys(`${queues.prefix}:*`);
  if (keys.length > 0) await queues.redis.del(...keys);
}

/** The time of the next call for `key` in `calls`; fails after 10 s (a lost alert fails the bench). */
function nextCall(calls: Map<string, (t: number) => void>, key: string, what: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} within 10 s`)), 10_000);
    calls.set(key, (t) => {
      clearTimeout(timer);
      calls.delete(key);
      resolve(t);
    });
  });
}

/** Change i: D-i slips; resolves when both owners' posts have left (or fails after 10 s: a lost alert). */
async function measureLatency(changes: number): Promise<LatencyRow[]> {
  const world = await benchWorld(changes);
  const leaving = new Map<string, (t: number) => void>();
  const arriving = new Map<string, (t: number) => void>();
  const slack = await fakeSlack((channel) => arriving.get(channel)?.(performance.now()));
  const producer = createRedis(REDIS_URL, "producer");
  const workerRedis = createRedis(REDIS_URL, "worker");
  const queues = createJobQueues({ redis: producer, prefix: `sl-bench-${randomUUID()}` });
  const sink = httpSink(slack.url, (channel) => leaving.get(channel)?.(performance.now()));
  const workers = startWorkers({ ctx: world.ctx, queues, redis: workerRedis, sinks: [sink] });
  const first: number[] = [];
  const last: number[] = [];
  const received: number[] = [];
  try {
    await new Promise((r) => setTimeout(r, 200)); // workers connected and blocking on their queues
    for (let i = 0; i < changes; i++) {
      const channels = [`UA${i}`, `UB${i}`];
      const left = channels.map((c) => nextCall(leaving, c, `change ${i}: no post to ${c} left`));
      const arrived = channels.map((c) => nextCall(arriving, c, `change ${i}: no post to ${c} arrived`));
      const slipped = ActionRecordSchema.parse({ ...world.records[2 * i], due: "2026-03-13" });
      const t0 = performance.now();
      // What the webhook handler does: the issue as Jira now holds it goes into the store, then a reconcile.
      await world.ctx.store.actions.upsert(SOURCE, [slipped], world.ctx.now());
      await queues.enqueueReconcile(`webhook D-${i}`);
      const times = await Promise.all(left);
      first.push(Math.min(...times) - t0);
      last.push(Math.max(...times) - t0);
      received.push(Math.max(...(await Promise.all(arrived))) - t0);
    }
  } finally {
    await workers.close();
    await obliterate(queues);
    await queues.close();
    await Promise.all([closeRedis(producer), closeRedis(workerRedis)]);
    slack.server.close();
    await world.ctx.store.close();
    rmSync(world.dir, { recursive: true, force: true });
  }
  const row = (measure: string, xs: number[]): LatencyRow => ({
    measure,
    changes,
    p50Ms: Math.round(quantile(xs, 0.5)),
    p99Ms: Math.round(quantile(xs, 0.99)),
    maxMs: Math.round(Math.max(...xs)),
  });
  return [
    row("change → first post leaves", first),
    row("change → both owners' posts leave", last),
    row("change → both posts received by the Slack stand-in", received),
  ];
}

/** `channels × perChannel` posts queued at once, then drained by the workers with the per-channel pace. */
async function measureThroughput(channels: number, perChannel: number): Promise<ThroughputRow> {
  const world = await benchWorld(perChannel);
  for (const r of world.records.filter((_, i) => i % 2 === 0)) {
    await world.ctx.store.actions.upsert(
      SOURCE,
      [ActionRecordSchema.parse({ ...r, due: "2026-03-13" })],
      world.ctx.now(),
    );
  }
  const templates = mergeForRecipient(await planFromDiff(world.ctx, (await reconcileStore(world.ctx)).diff))
    .batches.filter((b) => b.recipient.target.to?.startsWith("UB"))
    .slice(0, perChannel);
  if (templates.length < perChannel) throw new Error(`only ${templates.length} template messages planned`);
  const posts = new Map<string, number[]>();
  const slack = await fakeSlack(() => {});
  const producer = createRedis(REDIS_URL, "producer");
  const workerRedis = createRedis(REDIS_URL, "worker");
  const queues = createJobQueues({ redis: producer, prefix: `sl-bench-${randomUUID()}` });
  const sink = httpSink(slack.url, (channel) => {
    const list = posts.get(channel) ?? [];
    list.push(performance.now());
    posts.set(channel, list);
  });
  try {
    for (let c = 0; c < channels; c++) {
      for (const t of templates) {
        await enqueueAlertIntents(
          queues,
          readdress(t, { channel: "slack-channel", to: `#bench-${c}` }),
          world.ctx.now(),
        );
      }
    }
    const total = channels * perChannel;
    const workers = startWorkers({
      ctx: world.ctx,
      queues,
      redis: workerRedis,
      sinks: [sink],
      only: ["alert"],
    });
    const until = Date.now() + 60_000 + perChannel * 2000;
    const count = () => [...posts.values()].reduce((n, l) => n + l.length, 0);
    while (count() < total) {
      if (Date.now() > until) throw new Error(`only ${count()} of ${total} posts went out`);
      await new Promise((r) => setTimeout(r, 20));
    }
    await workers.close();
    const all = [...posts.values()].flat();
    const seconds = (Math.max(...all) - Math.min(...all)) / 1000;
    let minGap = Number.POSITIVE_INFINITY;
    for (const list of posts.values()) {
      const s = [...list].sort((a, b) => a - b);
      for (let i = 1; i < s.length; i++) minGap = Math.min(minGap, (s[i] ?? 0) - (s[i - 1] ?? 0));
    }
    return {
      channels,
      posts: total,
      seconds: Math.round(seconds * 100) / 100,
      postsPerSecond: Math.round((total / seconds) * 10) / 10,
      minGapPerChannelMs: Math.round(minGap),
    };
  } finally {
    await obliterate(queues);
    await queues.close();
    await Promise.all([closeRedis(producer), closeRedis(workerRedis)]);
    slack.server.close();
    await world.ctx.store.close();
    rmSync(world.dir, { recursive: true, force: true });
  }
}

export async function runPipelineBench(opts: {
  changes: number;
  channels?: number;
  postsPerChannel?: number;
}): Promise<PipelineBenchResult> {
  const latency = await measureLatency(opts.changes);
  const throughput = await measureThroughput(opts.channels ?? 40, opts.postsPerChannel ?? 5);
  return { latency, throughput };
}

function printTables(r: PipelineBenchResult): void {
  console.log("| measure | changes | p50 ms | p99 ms | max ms |");
  console.log("| --- | ---: | ---: | ---: | ---: |");
  for (const l of r.latency)
    console.log(`| ${l.measure} | ${l.changes} | ${l.p50Ms} | ${l.p99Ms} | ${l.maxMs} |`);
  const t = r.throughput;
  console.log("\n| channels | posts | seconds | posts/s | min gap between posts to one channel (ms) |");
  console.log("| ---: | ---: | ---: | ---: | ---: |");
  console.log(
    `| ${t.channels} | ${t.posts} | ${t.seconds} | ${t.postsPerSecond} | ${t.minGapPerChannelMs} |`,
  );
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [changes, channels, perChannel] = [2, 3, 4].map((i) =>
    process.argv[i] ? Number(process.argv[i]) : undefined,
  );
  for (const n of [changes, channels, perChannel]) {
    if (n !== undefined && (!Number.isInteger(n) || n <= 0))
      throw new Error("usage: tsx test/bench/pipeline-bench.ts [changes] [channels] [postsPerChannel]");
  }
  printTables(
    await runPipelineBench({
      changes: changes ?? 1000,
      ...(channels ? { channels } : {}),
      ...(perChannel ? { postsPerChannel: perChannel } : {}),
    }),
  );
}
