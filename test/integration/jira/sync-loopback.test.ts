import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createJiraConnector, type JiraConnectorDeps } from "../../../connectors/jira/connector.js";
import { jiraWebhookConnector } from "../../../connectors/jira/webhook-apply.js";
import { handleJiraWebhook } from "../../../connectors/jira/webhook-event.js";
import { openStore, type Store } from "../../../src/store/index.js";
import { runSync } from "../../../src/sync/index.js";
import { config, ENV, fixture, fixtureObject, JONAS } from "../../unit/connectors/jira/support.js";
import { type FakeJira, recordedIssues, startFakeJira } from "./fake-jira-server.js";

const AUTH = `Basic ${Buffer.from(`${ENV.JIRA_EMAIL}:${ENV.JIRA_API_TOKEN}`).toString("base64")}`;

let jira: FakeJira;
let dir: string;
let store: Store;

beforeEach(async () => {
  jira = await startFakeJira(AUTH);
  for (const issue of recordedIssues("search-jql-page-1.json", "search-jql-page-2.json")) {
    jira.issues.set(issue.key, issue);
  }
  dir = mkdtempSync(join(tmpdir(), "sightline-jira-"));
  store = await openStore(join(dir, "sightline.db"));
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  await jira.close();
});

function connector(at: string, deps: JiraConnectorDeps = {}) {
  return createJiraConnector(config({ baseUrl: jira.url, pageSize: 2, fullScanEveryMinutes: 100_000 }), {
    env: ENV,
    now: () => new Date(at),
    notice: () => {},
    ...deps,
  });
}

const sync = (at: string, deps: JiraConnectorDeps = {}) => {
  jira.log.length = 0;
  return runSync(connector(at, deps), store.sync, { now: () => at });
};

describe("the Jira connector against a Jira-shaped server on loopback, with the real engine and store", () => {
  it("ingests, idles on one request, follows the slip, and soft-deletes what left the JQL", async () => {
    const first = await sync("2026-01-02T08:40:00.000Z");
    expect(first).toMatchObject({ inserted: 3, updated: 0, removed: 0, paused: null });
    expect(jira.log).toEqual([
      "GET /rest/api/3/field",
      "GET /rest/api/3/search/jql",
      "GET /rest/api/3/search/jql",
    ]);
    expect((await store.actions.get("jira-eng:PAY-142"))?.dependsOn.map((d) => d.ref)).toEqual(["PAY-150"]);
    expect((await store.actions.get("jira-eng:PAY-151"))?.dependsOn.map((d) => d.ref)).toEqual(["PAY-142"]);
    expect((await store.directory.load()).people.find((p) => p.jiraAccountId === JONAS)?.name).toBe(
      "Jonas Weber",
    );

    const idle = await sync("2026-01-02T08:50:00.000Z");
    expect(jira.log).toEqual(["GET /rest/api/3/search/jql"]);
    expect(idle).toMatchObject({ inserted: 0, updated: 0, removed: 0 });

    jira.issues.set("PAY-142", recordedIssues("search-jql-after-slip.json")[0]!);
    const afterSlip = await sync("2026-01-12T09:20:00.000Z");
    // Ten days on, the cached field ids are older than fieldCacheHours (24): they are looked up once more.
    expect(jira.log).toEqual(["GET /rest/api/3/field", "GET /rest/api/3/search/jql"]);
    expect(afterSlip.updated).toBe(1);
    expect(afterSlip.changedIds).toEqual(["jira-eng:PAY-142"]);
    expect(await store.actions.get("jira-eng:PAY-142")).toMatchObject({
      due: "2026-04-03",
      baselineDue: "2026-02-20",
    });
    expect(
      (await store.actions.history("jira-eng:PAY-142")).some(
        (e) => e.field === "due" && e.to === '"2026-04-03"',
      ),
    ).toBe(true);

    jira.issues.delete("PAY-151");
    const full = await sync("2026-01-12T09:30:00.000Z", { fullScan: true });
    expect(full).toMatchObject({ removed: 1, paused: null });
    expect((await store.actions.list()).map((a) => a.nativeKey).sort()).toEqual(["PAY-142", "PAY-150"]);
  });

  it("applies webhook outcomes through the engine, re-reading linked issues within the JQL", async () => {
    await sync("2026-01-02T08:40:00.000Z");
    // Jira holds the slip when it sends the webhook.
    jira.issues.set("PAY-142", recordedIssues("search-jql-after-slip.json")[0]!);
    const c = connector("2026-01-12T09:15:00.000Z");
    // The route reads the one issue an event names before deciding; here PAY-142 for both events.
    const storedAt = async () => (await store.actions.get("jira-eng:PAY-142"))?.sourceUpdatedAt ?? null;
    const before = await storedAt();
    const hook = handleJiraWebhook(
      { deliveryId: "d-1", payload: fixture("webhook-pay-142-due-changed.json") },
      { context: await c.mapContext(), storedUpdatedAt: () => before },
    );
    if (hook.action !== "apply") throw new Error(`expected apply, got ${hook.action}`);
    jira.log.length = 0;
    const applied = await runSync(jiraWebhookConnector(c, hook), store.sync, {
      now: () => "2026-01-12T09:15:00.000Z",
    });
    expect(jira.log).toEqual([]);
    expect(applied.changedIds).toEqual(["jira-eng:PAY-142"]);
    expect((await store.actions.get("jira-eng:PAY-142"))?.due).toBe("2026-04-03");

    // A new Blocks link from PAY-142 to an issue the JQL does not cover (id 10999): only PAY-142 comes back.
    const payload = fixtureObject("webhook-issuelink-created.json");
    payload.issueLink = {
      ...fixtureObject("webhook-issuelink-created.json").issueLink!,
      destinationIssueId: 10999,
    };
    const afterApply = await storedAt();
    const link = handleJiraWebhook(
      { deliveryId: "d-2", payload },
      { context: await c.mapContext(), storedUpdatedAt: () => afterApply },
    );
    if (link.action !== "apply") throw new Error(`expected apply, got ${link.action}`);
    const relinked = await runSync(jiraWebhookConnector(c, link), store.sync, {
      now: () => "2026-01-12T09:17:00.000Z",
    });
    // A POST that asks Jira to reconcile both ends: its search index may not hold the new link yet.
    expect(jira.log).toEqual(["POST /rest/api/3/search/jql", "  reconcileIssues 10142,10999"]);
    expect(relinked).toMatchObject({ inserted: 0, updated: 0, unchanged: 1, quarantined: 0 });
    expect(await store.actions.list()).toHaveLength(3);
  });

  it("writes dates back and stores what Jira then holds", async () => {
    await sync("2026-01-02T08:40:00.000Z");
    const c = connector("2026-01-12T10:00:00.000Z");
    const item = await c.writeBack?.("PAY-151", { start: "2026-04-06", due: "2026-04-17" });
    expect(item?.kind).toBe("record");
    expect(jira.issues.get("PAY-151")?.fields).toMatchObject({
      duedate: "2026-04-17",
      customfield_10015: "2026-04-06",
    });
    expect(item).toMatchObject({ record: { start: "2026-04-06", due: "2026-04-17" } });
  });

  it("a wrong token fails the run with the credentials named and keeps what was stored", async () => {
    await sync("2026-01-02T08:40:00.000Z");
    const bad = { ...ENV, JIRA_API_TOKEN: "revoked" };
    await expect(sync("2026-01-02T08:50:00.000Z", { env: bad })).rejects.toThrow(
      /JIRA_EMAIL and JIRA_API_TOKEN/,
    );
    expect(await store.actions.list()).toHaveLength(3);
  });
});
