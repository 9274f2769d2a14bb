import { createHmac, randomBytes } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConflictBlockId } from "../../../src/alerts/slack-action-value.js";
import type { JobQueues } from "../../../src/jobs/queue/index.js";
import {
  type AlertLedgerEntry,
  openStore,
  type Store,
  type StoredConflict,
} from "../../../src/store/index.js";
import { type FakeSlackApi, startFakeSlackApi } from "../../support/fake-slack-api.js";
import { createTestDatabase } from "../../support/pg-test-db.js";
import { type QueueHarness, queueHarness, REDIS_URL, waitFor } from "../queue/harness.js";
import { freePort, type SightlineProcess, startSightline, waitForLine } from "./processes.js";

// What the README's distributed mode promises, run as it is deployed: `serve` and two `worker` processes,
// separate OS processes sharing one PostgreSQL and one Redis, Slack on loopback. A Jira webhook and a sheet
// edit go in through `serve`; the workers sync, reconcile and alert; every alert goes out once.
const ROOT = join(import.meta.dirname, "../../..");
const WEBHOOK_SECRET = "jira-webhook-secret-for-the-distributed-test";
const ADMIN_TOKEN = randomBytes(16).toString("hex");
const webhook = readFileSync(join(ROOT, "fixtures/jira/webhook-pay-142-due-changed.json"));

let h: QueueHarness;
let slack: FakeSlackApi;
let store: Store;
let base: string;
let dir: string;
let dropDatabase: () => Promise<void> = async () => {};
const processes: SightlineProcess[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "sightline-distributed-"));
  for (const folder of ["fixtures", "mappings"])
    cpSync(join(ROOT, folder), join(dir, folder), { recursive: true });
  slack = await startFakeSlackApi();
  const config = readFileSync(join(ROOT, "sightline.config.yaml"), "utf8").replace(
    "recorded: fixtures/jira/demo/slip",
    "recorded: fixtures/jira/demo/kickoff\n    webhookSecretEnv: JIRA_WEBHOOK_SECRET",
  );
  writeFileSync(
    join(dir, "sightline.config.yaml"),
    `${config}\nslack: { apiUrl: "${slack.url}", lookupByEmail: false }\n`,
  );
  const db = await createTestDatabase();
  dropDatabase = db.drop;
  h = queueHarness();
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    SIGHTLINE_DATABASE_URL: db.url,
    REDIS_URL,
    SIGHTLINE_QUEUE_PREFIX: h.prefix,
    SIGHTLINE_TODAY: "2026-01-12",
    SIGHTLINE_ADMIN_TOKEN: ADMIN_TOKEN,
    JIRA_WEBHOOK_SECRET: WEBHOOK_SECRET,
  };
  const args = ["--config", join(dir, "sightline.config.yaml")];
  // Started together: the three race to migrate the empty database, and the lock lets one do it.
  processes.push(
    startSightline("serve", [...args, "serve", "--host", "127.0.0.1", "--port", String(port)], env, dir),
    startSightline(
      "worker-1",
      [...args, "worker"],
      { ...env, SLACK_BOT_TOKEN: "xoxb-distributed-test" },
      dir,
    ),
    startSightline(
      "worker-2",
      [...args, "worker"],
      { ...env, SLACK_BOT_TOKEN: "xoxb-distributed-test" },
      dir,
    ),
  );
  await waitForLine(processes[0] as SightlineProcess, "serve: listening on");
  for (const w of processes.slice(1)) await waitForLine(w, "sightline worker: ready on");
  store = await openStore(db.url, { readOnly: true });
}, 90_000);

afterAll(async () => {
  const codes = await Promise.all(processes.map((p) => p.stop()));
  await store?.close();
  await h?.close();
  await slack?.close();
  await dropDatabase();
  expect(codes).toEqual([0, 0, 0]);
});

/**
 * Until the processes are done: nothing waiting or running on any queue for half a second, and nothing delayed
 * but digests (held for their hour). Paced sends and retries are delayed jobs, so they count as work.
 */
async function settled(what: string): Promise<void> {
  const queues = (q: JobQueues) => [q.sync, q.reconcile, q.alert, q.writeback];
  let quiet = 0;
  await waitFor(
    what,
    async () => {
      let busy = 0;
      for (const queue of queues(h.queues)) {
        const counts = await queue.getJobCounts("waiting", "active", "prioritized", "waiting-children");
        busy += Object.values(counts).reduce((a, b) => a + b, 0);
        busy += (await queue.getJobs(["delayed"])).filter((j) => !j.id?.startsWith("dg_")).length;
      }
      quiet = busy === 0 ? quiet + 1 : 0;
      return quiet >= 20;
    },
    60_000,
  );
  for (const queue of queues(h.queues)) expect(await queue.getJobCounts("failed")).toEqual({ failed: 0 });
}

async function api(path: string): Promise<Response> {
  return fetch(`${base}${path}`, { method: "POST", headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
}

async function pushWebhook(deliveryId: string): Promise<Response> {
  return fetch(`${base}/webhooks/jira/jira-eng`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-atlassian-webhook-identifier": deliveryId,
      "x-hub-signature": `sha256=${createHmac("sha256", WEBHOOK_SECRET).update(webhook).digest("hex")}`,
    },
    body: webhook,
  });
}

async function ledger(): Promise<AlertLedgerEntry[]> {
  const fingerprints = (await store.conflicts.list()).map((c) => c.fingerprint);
  return store.alerts.entriesFor(fingerprints);
}

const entryKey = (e: AlertLedgerEntry) => `${e.fingerprint} → ${e.recipient} (${e.changeKey})`;

function fingerprintsIn(blocks: unknown): string[] {
  if (!Array.isArray(blocks)) return [];
  return blocks.flatMap((b) => {
    const id = typeof b === "object" && b !== null && "block_id" in b ? String(b.block_id) : "";
    const ref = parseConflictBlockId(id);
    return ref && "fingerprint" in ref ? [ref.fingerprint] : [];
  });
}

function scheduleOf(conflicts: readonly StoredConflict[], actionId: string): StoredConflict {
  const found = conflicts.find((c) => c.type === "schedule" && c.actionId === actionId);
  if (!found) throw new Error(`no schedule conflict on ${actionId}`);
  return found;
}

/** Every message Slack received is one the ledger claimed: a send without a claim would be a second send. */
async function expectEveryPostClaimed(): Promise<void> {
  // The ledger keeps the sink's ref as `{ ref }`; Slack's is the message's channel and ts as JSON.
  const claimed = new Set((await ledger()).flatMap((e) => (e.messageRef?.ref ? [e.messageRef.ref] : [])));
  const posted = [...slack.messages.values()].map((m) => JSON.stringify({ channel: m.channel, ts: m.ts }));
  expect(posted.filter((p) => !claimed.has(p))).toEqual([]);
  expect(posted.length).toBe(new Set(posted).size);
}

describe("serve and two workers on PostgreSQL and Redis", () => {
  it("syncs every source through the queue, reconciles once the data is in, and alerts each recipient once", async () => {
    for (const instance of ["jira-eng", "mail-actions", "demo-plan", "mkt-plan"]) {
      const res = await api(`/api/sources/${instance}/sync`);
      expect([instance, res.status, ((await res.json()) as { kind: string }).kind]).toEqual([
        instance,
        200,
        "queued",
      ]);
    }
    await settled("the first syncs, reconcile and alerts");
    const entries = await ledger();
    expect(entries.length).toBeGreaterThan(3);
    expect(entries.filter((e) => e.status !== "sent")).toEqual([]);
    expect(new Set(entries.map(entryKey)).size).toBe(entries.length);
    expect(slack.calls.filter((c) => c.method === "chat.postMessage").length).toBeGreaterThan(0);
    await expectEveryPostClaimed();
    expect((await store.actions.get("jira-eng:PAY-142"))?.due).toBe("2026-02-20");
  });

  it("applies a Jira webhook in serve, and the workers announce what it changed once, replays included", async () => {
    const before = new Set((await ledger()).map(entryKey));
    const ok = await pushWebhook("delivery-1");
    expect(ok.status).toBeLessThan(300);
    await settled("the webhook's reconcile and alerts");
    expect((await store.actions.get("jira-eng:PAY-142"))?.due).toBe("2026-04-03");
    const qa = scheduleOf(await store.conflicts.list({ status: ["open"] }), "mail-actions:QA-9");
    expect(qa).toMatchObject({ rootCauseId: "jira-eng:PAY-142", daysShort: 40 });
    const added = (await ledger()).filter((e) => !before.has(entryKey(e)));
    expect(added.filter((e) => e.fingerprint === qa.fingerprint).length).toBeGreaterThan(0);
    expect(added.filter((e) => e.status !== "sent")).toEqual([]);
    await expectEveryPostClaimed();

    // The same delivery again, and the same event under a new delivery id: nothing new anywhere.
    const calls = slack.calls.length;
    const entries = (await ledger()).map(entryKey).sort();
    expect((await pushWebhook("delivery-1")).status).toBeLessThan(300);
    expect((await pushWebhook("delivery-2")).status).toBeLessThan(300);
    await settled("the replays");
    expect(slack.calls.length).toBe(calls);
    expect((await ledger()).map(entryKey).sort()).toEqual(entries);
  });

  it("picks up a sheet edit on 'sync now' and tells each of the changed conflict's recipients once", async () => {
    const launch = scheduleOf(await store.conflicts.list({ status: ["open"] }), "mkt-plan:MKT-9");
    const folder = join(dir, "fixtures/sheets/demo-marketing-plan");
    // The marketer moves the launch event six days earlier (serial 46126 = 14 Apr 2026); Drive sees a new version.
    const values = JSON.parse(readFileSync(join(folder, "values-get.json"), "utf8")) as {
      values: unknown[][];
    };
    const row = values.values.find((r) => r[0] === "MKT-9");
    expect(row?.[4]).toBe(46126);
    if (row) row[4] = 46120;
    writeFileSync(join(folder, "values-get.json"), JSON.stringify(values, null, 2));
    writeFileSync(
      join(folder, "drive-files-get.json"),
      JSON.stringify({ version: "1188", modifiedTime: "2026-01-12T10:15:00.000Z" }),
    );
    const before = new Set((await ledger()).map(entryKey));
    const calls = slack.calls.length;

    expect((await api("/api/sources/mkt-plan/sync")).status).toBe(200);
    await settled("the sheet's sync, reconcile and alerts");
    const moved = scheduleOf(await store.conflicts.list({ status: ["open"] }), "mkt-plan:MKT-9");
    expect(moved.fingerprint).toBe(launch.fingerprint);
    expect(moved.daysShort).toBe((launch.daysShort ?? 0) + 6);

    const added = (await ledger()).filter((e) => !before.has(entryKey(e)));
    expect(added.length).toBeGreaterThan(0);
    expect(new Set(added.map((e) => e.fingerprint))).toEqual(new Set([launch.fingerprint]));
    // One change key, and one entry per recipient of it.
    expect(new Set(added.map((e) => e.changeKey)).size).toBe(1);
    expect(new Set(added.map((e) => e.recipient)).size).toBe(added.length);
    // Each Slack recipient got exactly one message (or edit) about it.
    const slackRecipients = added.filter((e) => e.recipient.startsWith("slack-")).length;
    const newCalls = slack.calls.slice(calls).filter((c) => c.method.startsWith("chat."));
    expect(newCalls).toHaveLength(slackRecipients);
    for (const c of newCalls) expect(fingerprintsIn(c.args.blocks)).toContain(launch.fingerprint);
    await expectEveryPostClaimed();

    // Synced again with nothing changed: nothing is sent.
    const after = slack.calls.length;
    expect((await api("/api/sources/mkt-plan/sync")).status).toBe(200);
    await settled("the unchanged sync");
    expect(slack.calls.length).toBe(after);
  });
});
