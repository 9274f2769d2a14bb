import { createHmac, randomUUID } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { SlackSinkError } from "../../../src/alerts/sinks/slack-errors.js";
import { openContext } from "../../../src/jobs/app-context.js";
import { inProcessWork, queuedWork } from "../../../src/jobs/decision-work.js";
import { loadAppConfig } from "../../../src/jobs/load-app-config.js";
import {
  createJobQueues,
  createRedis,
  type RunningWorkers,
  startWorkers,
} from "../../../src/jobs/queue/index.js";
import { reconcileStore } from "../../../src/jobs/reconcile-work.js";
import { syncConnector } from "../../../src/jobs/sync-work.js";
import { type RunningServer, runServer } from "../../../src/server/run-server.js";
import { ownRedis } from "../../support/own-redis.js";
import { waitFor } from "../../support/wait-for.js";
import { countingSink } from "../queue/harness.js";

const SECRET = "jira-webhook-secret-for-tests";
const body = readFileSync("fixtures/jira/webhook-pay-142-due-changed.json");

function sign(raw: Buffer, secret = SECRET): string {
  return `sha256=${createHmac("sha256", secret).update(raw).digest("hex")}`;
}

/** The demo's config in a temp folder, Jira at its kick-off state and with a webhook secret variable. */
function kickoffConfig(): string {
  const dir = mkdtempSync(join(tmpdir(), "sightline-serve-"));
  for (const folder of ["fixtures", "mappings"]) cpSync(folder, join(dir, folder), { recursive: true });
  const text = readFileSync("sightline.config.yaml", "utf8")
    .replace(
      "recorded: fixtures/jira/demo/slip",
      "recorded: fixtures/jira/demo/kickoff\n    webhookSecretEnv: JIRA_WEBHOOK_SECRET",
    )
    .replace("path: .sightline/sightline.db", `path: ${join(dir, "store.db")}`);
  writeFileSync(join(dir, "sightline.config.yaml"), text);
  return join(dir, "sightline.config.yaml");
}

let running: RunningServer | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
});

describe("sightline serve: Jira webhooks", () => {
  it("applies a signed due-date change, reconciles in the same request cycle, and ignores a replay", async () => {
    const env = { JIRA_WEBHOOK_SECRET: SECRET };
    const ctx = await openContext(loadAppConfig(kickoffConfig(), env), { today: "2026-01-12", env });
    await syncConnector(ctx, "jira-eng");
    // QA's sign-off, which waits on the API, arrives by e-mail.
    await syncConnector(ctx, "mail-actions");
    await syncConnector(ctx, "demo-plan");
    expect((await ctx.store.actions.get("mail-actions:QA-9"))?.dependsOn.map((d) => d.ref)).toEqual([
      "PAY-142",
    ]);
    expect((await ctx.store.actions.get("jira-eng:PAY-142"))?.due).toBe("2026-02-20");

    const logs: string[] = [];
    running = await runServer(ctx, { env, log: (l) => logs.push(l), port: 0 });
    const post = (raw: Buffer, signature: string | null, id: string) =>
      fetch(`${running?.url}/webhooks/jira/jira-eng`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-atlassian-webhook-identifier": id,
          ...(signature ? { "x-hub-signature": signature } : {}),
        },
        body: raw,
      });

    const tampered = Buffer.from(body.toString("utf8").replace("2026-04-03", "2026-04-04"));
    expect((await post(tampered, sign(body), "d-0")).status).toBe(401);
    expect((await post(body, null, "d-0")).status).toBe(401);
    expect((await ctx.store.actions.get("jira-eng:PAY-142"))?.due).toBe("2026-02-20");

    const ok = await post(body, sign(body), "d-1");
    expect(ok.status).toBeLessThan(300);
    expect((await ctx.store.actions.get("jira-eng:PAY-142"))?.due).toBe("2026-04-03");
    // The reconcile is owed once the data is stored: normally done before the answer, at worst just after.
    const qaConflict = async () =>
      (await ctx.store.conflicts.list({ status: ["open"] })).find(
        (c) => c.type === "schedule" && c.actionId === "mail-actions:QA-9",
      );
    await waitFor("the reconcile of the webhook", async () => (await qaConflict()) !== undefined);
    const qa = await qaConflict();
    expect(qa).toMatchObject({ rootCauseId: "jira-eng:PAY-142", daysShort: 40 });

    const historyBefore = (await ctx.store.actions.history("jira-eng:PAY-142")).length;
    expect((await post(body, sign(body), "d-1")).status).toBeLessThan(300);
    expect(await ctx.store.actions.history("jira-eng:PAY-142")).toHaveLength(historyBefore);
    await running.stop();
    running = null;
    await ctx.store.close();
  });
});

describe("sightline serve: a Jira webhook while Slack is down", () => {
  it("answers 200 once the issue is stored and delivers the alert once Slack is back", async () => {
    const env = { JIRA_WEBHOOK_SECRET: SECRET };
    const ctx = await openContext(loadAppConfig(kickoffConfig(), env), { today: "2026-01-12", env });
    for (const id of ["jira-eng", "mail-actions", "demo-plan"]) await syncConnector(ctx, id);
    await reconcileStore(ctx);
    const logs: string[] = [];
    const log = (l: string) => logs.push(l);
    const slack = countingSink("slack");
    let refused = 0;
    slack.behave(async () => {
      refused++;
      throw new SlackSinkError("request_failed", "connect ECONNREFUSED 127.0.0.1:9 (Slack is down)");
    });
    running = await runServer(ctx, { env, log, port: 0 }, { work: inProcessWork(ctx, [slack], log) });
    const res = await fetch(`${running.url}/webhooks/jira/jira-eng`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-atlassian-webhook-identifier": "d-down",
        "x-hub-signature": sign(body),
      },
      body,
    });
    expect([res.status, await res.json()]).toEqual([200, { status: "applied" }]);
    expect((await ctx.store.actions.get("jira-eng:PAY-142"))?.due).toBe("2026-04-03");
    await waitFor("Slack to refuse the alert", () => refused > 0);

    slack.behave(null);
    await waitFor("the owed reconcile to deliver", () => slack.deliveries.length > 0);
    // One message per person concerned, none twice; the retry of the same delivery changes nothing.
    const recipients = slack.deliveries.map((d) => d.recipientKey);
    expect(new Set(recipients).size).toBe(recipients.length);
    const again = await fetch(`${running.url}/webhooks/jira/jira-eng`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-atlassian-webhook-identifier": "d-down",
        "x-hub-signature": sign(body),
      },
      body,
    });
    expect(await again.json()).toEqual({ status: "duplicate" });
    expect(logs.some((l) => l.includes("retrying in"))).toBe(true);
    await running.stop();
    running = null;
    await ctx.store.close();
  });
});

describe("sightline serve + workers: a Jira webhook while Redis is down", () => {
  it("answers 200 once the issue is stored, and the reconcile is queued and run once Redis is back", async () => {
    const redis = await ownRedis();
    const env = { JIRA_WEBHOOK_SECRET: SECRET };
    const ctx = await openContext(loadAppConfig(kickoffConfig(), env), { today: "2026-01-12", env });
    for (const id of ["jira-eng", "mail-actions", "demo-plan"]) await syncConnector(ctx, id);
    // The outage is the point: the connections' errors are expected, and kept out of the test's output.
    const outage: unknown[] = [];
    const producer = createRedis(redis.url, "producer").on("error", (e) => outage.push(e));
    const queues = createJobQueues({ redis: producer, prefix: `sl-test-${randomUUID()}` });
    const logs: string[] = [];
    running = await runServer(ctx, { env, log: (l) => logs.push(l), port: 0 }, { work: queuedWork(queues) });
    let workers: RunningWorkers | null = null;
    try {
      await redis.stop();
      const res = await fetch(`${running.url}/webhooks/jira/jira-eng`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-atlassian-webhook-identifier": "d-redis",
          "x-hub-signature": sign(body),
        },
        body,
      });
      expect([res.status, await res.json()]).toEqual([200, { status: "applied" }]);
      expect((await ctx.store.actions.get("jira-eng:PAY-142"))?.due).toBe("2026-04-03");
      expect(await ctx.store.conflicts.list({ status: ["open"] })).toEqual([]);

      await redis.start();
      workers = startWorkers({
        ctx,
        queues,
        redis: createRedis(redis.url, "worker").on("error", (e) => outage.push(e)),
        sinks: [countingSink()],
        only: ["reconcile"],
      });
      await waitFor(
        "the owed reconcile to run on a worker",
        async () =>
          (await ctx.store.conflicts.list({ status: ["open"] })).some(
            (c) => c.type === "schedule" && c.actionId === "mail-actions:QA-9",
          ),
        30_000,
      );
    } finally {
      await running.stop();
      running = null;
      await workers?.close();
      await queues.close();
      expect(outage.length).toBeGreaterThan(0);
      await redis.stop();
      await ctx.store.close();
    }
  });
});

describe("sightline serve: the web admin", () => {
  it("is served with the admin token, and a sync-now runs the pipeline here", async () => {
    const env = { SIGHTLINE_ADMIN_TOKEN: "an-admin-token-long-enough" };
    const ctx = await openContext(loadAppConfig(kickoffConfig(), env), { today: "2026-01-12", env });
    running = await runServer(ctx, { env, log: () => {}, port: 0 });
    expect((await fetch(`${running.url}/api/sources`)).status).toBe(401);
    const auth = { authorization: `Bearer ${env.SIGHTLINE_ADMIN_TOKEN}` };
    const sources = await fetch(`${running.url}/api/sources`, { headers: auth });
    expect(sources.status).toBe(200);
    expect(JSON.stringify(await sources.json())).toContain("jira-eng");
    expect((await fetch(`${running.url}/no-such-page`, { headers: auth })).status).toBe(404);
    const synced = await fetch(`${running.url}/api/sources/jira-eng/sync`, { method: "POST", headers: auth });
    expect(synced.status).toBeLessThan(300);
    expect((await ctx.store.actions.get("jira-eng:PAY-142"))?.due).toBe("2026-02-20");
    expect((await ctx.store.sync.states()).map((s) => s.instance)).toContain("jira-eng");
    await running.stop();
    running = null;
    await ctx.store.close();
  });
});
