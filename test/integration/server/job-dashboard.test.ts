import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { createJobQueues, createRedis, type JobQueues } from "../../../src/jobs/queue/index.js";
import { createServer, type SightlineServer } from "../../../src/server/create-server.js";
import { createJobDashboard } from "../../../src/server/job-dashboard.js";
import { REDIS_URL } from "../../support/test-services.js";

const TOKEN = "dashboard-token-for-tests";
let server: SightlineServer | null = null;
let queues: JobQueues | null = null;

afterEach(async () => {
  await server?.close();
  if (queues) {
    for (const q of [queues.sync, queues.reconcile, queues.alert, queues.writeback])
      await q.obliterate({ force: true });
    await queues.close();
  }
  server = null;
  queues = null;
});

describe("the job dashboard (Bull Board) on the server", () => {
  it("is closed without the admin token and lists the queues and their jobs with it", async () => {
    queues = createJobQueues({
      redis: createRedis(REDIS_URL, "producer"),
      prefix: `test-${randomUUID()}`,
      ownsRedis: true,
    });
    await queues.enqueueSync("jira-eng", "test");
    server = createServer({
      port: 0,
      slack: null,
      webhooks: null,
      log: () => {},
      mounts: [createJobDashboard(queues, TOKEN)],
    });
    const { url } = await server.listen();

    const anonymous = await fetch(`${url}/admin/queues/api/queues`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("www-authenticate")).toContain("Basic");
    const wrong = await fetch(`${url}/admin/queues/api/queues`, {
      headers: { authorization: "Bearer nope" },
    });
    expect(wrong.status).toBe(401);

    const basic = `Basic ${Buffer.from(`admin:${TOKEN}`).toString("base64")}`;
    const page = await fetch(`${url}/admin/queues`, { headers: { authorization: basic } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("<html");

    const api = await fetch(`${url}/admin/queues/api/queues`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(api.status).toBe(200);
    const body = (await api.json()) as { queues: { name: string; counts: Record<string, number> }[] };
    expect(body.queues.map((q) => q.name).sort()).toEqual(["alert", "reconcile", "sync", "writeback"]);
    const sync = body.queues.find((q) => q.name === "sync");
    expect(Object.values(sync?.counts ?? {}).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });
});
