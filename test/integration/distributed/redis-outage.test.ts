import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ownRedis } from "../../support/own-redis.js";
import { type Cluster, startCluster } from "./cluster.js";

// Redis stopped for 20 s under a running `serve` and `worker` (a Redis of the test's own, killed and started
// again with its append-only file, as a production Redis restarts). Neither process may die, and what was
// owed when Redis went away (a Jira webhook stored meanwhile, its reconcile and alerts) must be done once
// Redis is back, once.
let cluster: Cluster;
let redis: Awaited<ReturnType<typeof ownRedis>>;

beforeAll(async () => {
  redis = await ownRedis({ persist: true });
  cluster = await startCluster({ workers: 1, redisUrl: redis.url });
}, 90_000);

afterAll(async () => {
  await redis.start().catch(() => {});
  const codes = await cluster.stop();
  await redis.stop();
  expect(codes).toEqual([0, 0]);
});

const OUTAGE_MS = 20_000;

describe("Redis stopped for 20 s under serve and a worker", () => {
  it("both reconnect, and the webhook stored during the outage is reconciled and announced once", async () => {
    for (const instance of ["jira-eng", "mail-actions", "demo-plan", "mkt-plan"]) {
      expect((await cluster.api(`/api/sources/${instance}/sync`)).status).toBe(200);
    }
    await cluster.settled("the first syncs, reconcile and alerts");
    const before = new Set(
      (await cluster.ledger()).map((e) => `${e.fingerprint} ${e.recipient} ${e.changeKey}`),
    );
    const posts = () => cluster.slack.calls.filter((c) => c.method === "chat.postMessage").length;
    const postsBefore = posts();

    await redis.stop();
    const stoppedAt = Date.now();
    // Jira pushes the slip while Redis is down: stored, answered 2xx, its reconcile owed.
    const res = await cluster.pushWebhook("delivery-during-redis-outage");
    expect(res.status).toBeLessThan(300);
    expect((await cluster.store.actions.get("jira-eng:PAY-142"))?.due).toBe("2026-04-03");
    expect(posts()).toBe(postsBefore);

    await new Promise((r) => setTimeout(r, Math.max(0, OUTAGE_MS - (Date.now() - stoppedAt))));
    for (const p of cluster.processes) expect([p.name, p.child.exitCode]).toEqual([p.name, null]);
    await redis.start();

    await cluster.settled("the owed reconcile and its alerts");
    const qa = (await cluster.store.conflicts.list({ status: ["open"] })).find(
      (c) => c.type === "schedule" && c.actionId === "mail-actions:QA-9",
    );
    expect(qa).toMatchObject({ rootCauseId: "jira-eng:PAY-142", daysShort: 40 });
    const added = (await cluster.ledger()).filter(
      (e) => !before.has(`${e.fingerprint} ${e.recipient} ${e.changeKey}`),
    );
    expect(added.filter((e) => e.fingerprint === qa?.fingerprint).length).toBeGreaterThan(0);
    expect(added.filter((e) => e.status !== "sent")).toEqual([]);
    expect(posts()).toBeGreaterThan(postsBefore);
    await cluster.expectEveryPostClaimed();
    expect(await cluster.store.conflicts.owedChanges()).toEqual([]);
    for (const p of cluster.processes) expect([p.name, p.child.exitCode]).toEqual([p.name, null]);
    // The operator's log says it once each way, instead of a stack trace per reconnect attempt.
    for (const p of cluster.processes) {
      const log = p.output();
      expect([p.name, log.match(/Redis at redis:\/\/\S+ unreachable/g)?.length]).toEqual([p.name, 1]);
      expect(log).toMatch(/Redis is back after \d+ s/);
      expect(log).not.toContain("at TCPConnectWrap");
    }
  }, 120_000);
});
