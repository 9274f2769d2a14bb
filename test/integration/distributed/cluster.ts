import { createHmac, randomBytes } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import type { JobQueues } from "../../../src/jobs/queue/index.js";
import { type AlertLedgerEntry, openStore, type Store } from "../../../src/store/index.js";
import { type FakeSlackApi, startFakeSlackApi } from "../../support/fake-slack-api.js";
import { createTestDatabase } from "../../support/pg-test-db.js";
import { type QueueHarness, queueHarness, REDIS_URL, waitFor } from "../queue/harness.js";
import { freePort, type SightlineProcess, startSightline, waitForLine } from "./processes.js";

const ROOT = join(import.meta.dirname, "../../..");
const WEBHOOK_SECRET = "jira-webhook-secret-for-the-distributed-test";
const webhook = readFileSync(join(ROOT, "fixtures/jira/webhook-pay-142-due-changed.json"));

export interface Cluster {
  /** The test's view of the processes' queues (same Redis, same prefix). */
  h: QueueHarness;
  slack: FakeSlackApi;
  /** The processes' database, read-only. */
  store: Store;
  /** The folder the processes run in (the demo's config, fixtures and mappings, copied). */
  dir: string;
  processes: SightlineProcess[];
  /** Until nothing is waiting, running or delayed (digests aside) on any queue; then no job may have failed. */
  settled(what: string): Promise<void>;
  /** An admin API call to `serve` (POST with the admin token). */
  api(path: string): Promise<Response>;
  /** The demo's PAY-142 due-date webhook, signed as Jira signs it. */
  pushWebhook(deliveryId: string): Promise<Response>;
  ledger(): Promise<AlertLedgerEntry[]>;
  /** Every message Slack received is one the ledger claimed, and none twice. */
  expectEveryPostClaimed(): Promise<void>;
  /** SIGTERM to every process, then cleans up; returns their exit codes. */
  stop(): Promise<Array<number | null>>;
}

/**
 * The README's distributed mode as it is deployed: `serve` and `workers` × `worker`, separate OS processes
 * sharing one PostgreSQL database of their own and one Redis (the shared one unless `redisUrl`), under a queue
 * prefix of their own, Slack on loopback.
 */
export async function startCluster(opts: { workers: number; redisUrl?: string }): Promise<Cluster> {
  const redisUrl = opts.redisUrl ?? REDIS_URL;
  const adminToken = randomBytes(16).toString("hex");
  const dir = mkdtempSync(join(tmpdir(), "sightline-distributed-"));
  for (const folder of ["fixtures", "mappings"])
    cpSync(join(ROOT, folder), join(dir, folder), { recursive: true });
  const slack = await startFakeSlackApi();
  const config = readFileSync(join(ROOT, "sightline.config.yaml"), "utf8").replace(
    "recorded: fixtures/jira/demo/slip",
    "recorded: fixtures/jira/demo/kickoff\n    webhookSecretEnv: JIRA_WEBHOOK_SECRET",
  );
  writeFileSync(
    join(dir, "sightline.config.yaml"),
    `${config}\nslack: { apiUrl: "${slack.url}", lookupByEmail: false }\n`,
  );
  const db = await createTestDatabase();
  const h = queueHarness({ redisUrl });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    SIGHTLINE_DATABASE_URL: db.url,
    REDIS_URL: redisUrl,
    SIGHTLINE_QUEUE_PREFIX: h.prefix,
    SIGHTLINE_TODAY: "2026-01-12",
    SIGHTLINE_ADMIN_TOKEN: adminToken,
    JIRA_WEBHOOK_SECRET: WEBHOOK_SECRET,
  };
  const args = ["--config", join(dir, "sightline.config.yaml")];
  const workerEnv = { ...env, SLACK_BOT_TOKEN: "xoxb-distributed-test" };
  // Started together: they race to migrate the empty database, and the lock lets one do it.
  const processes = [
    startSightline("serve", [...args, "serve", "--host", "127.0.0.1", "--port", String(port)], env, dir),
    ...Array.from({ length: opts.workers }, (_, i) =>
      startSightline(`worker-${i + 1}`, [...args, "worker"], workerEnv, dir),
    ),
  ];
  await waitForLine(processes[0] as SightlineProcess, "listening on http");
  for (const w of processes.slice(1)) await waitForLine(w, "ready on redis");
  const store = await openStore(db.url, { readOnly: true });

  const ledger = async () => {
    const fingerprints = (await store.conflicts.list()).map((c) => c.fingerprint);
    return store.alerts.entriesFor(fingerprints);
  };

  return {
    h,
    slack,
    store,
    dir,
    processes,
    async settled(what) {
      const queues = (q: JobQueues) => [q.sync, q.reconcile, q.alert, q.writeback];
      let quiet = 0;
      await waitFor(
        what,
        async () => {
          let busy = 0;
          for (const queue of queues(h.queues)) {
            const counts = await queue.getJobCounts("waiting", "active", "prioritized", "waiting-children");
            busy += Object.values(counts).reduce((a, b) => a + b, 0);
            // Paced sends and retries are delayed jobs, so they count as work; digests wait for their hour.
            busy += (await queue.getJobs(["delayed"])).filter((j) => !j.id?.startsWith("dg_")).length;
          }
          quiet = busy === 0 ? quiet + 1 : 0;
          return quiet >= 20;
        },
        60_000,
      );
      for (const queue of queues(h.queues)) expect(await queue.getJobCounts("failed")).toEqual({ failed: 0 });
    },
    api: (path) =>
      fetch(`${base}${path}`, { method: "POST", headers: { authorization: `Bearer ${adminToken}` } }),
    pushWebhook: (deliveryId) =>
      fetch(`${base}/webhooks/jira/jira-eng`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-atlassian-webhook-identifier": deliveryId,
          "x-hub-signature": `sha256=${createHmac("sha256", WEBHOOK_SECRET).update(webhook).digest("hex")}`,
        },
        body: webhook,
      }),
    ledger,
    async expectEveryPostClaimed() {
      // The ledger keeps the sink's ref as `{ ref }`; Slack's is the message's channel and ts as JSON.
      const claimed = new Set((await ledger()).flatMap((e) => (e.messageRef?.ref ? [e.messageRef.ref] : [])));
      const posted = [...slack.messages.values()].map((m) =>
        JSON.stringify({ channel: m.channel, ts: m.ts }),
      );
      expect(posted.filter((p) => !claimed.has(p))).toEqual([]);
      expect(posted.length).toBe(new Set(posted).size);
    },
    async stop() {
      const codes = await Promise.all(processes.map((p) => p.stop()));
      await store.close();
      await h.close();
      await slack.close();
      await db.drop();
      return codes;
    },
  };
}
