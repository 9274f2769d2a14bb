import { createHmac } from "node:crypto";
import { createServer, request, type Server } from "node:http";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type JiraWebhookApply, jiraWebhookEndpoint } from "../../../connectors/jira/webhook.js";
import { createWebhookRoute } from "../../../src/server/webhook-route.js";
import { InMemoryDeliveryLog } from "../../../src/sync/delivery-log.js";
import type { Connector } from "../../../src/sync/index.js";
import { context, fixtureText, recordOf } from "../../unit/connectors/jira/support.js";
import { portOf } from "./fake-jira-server.js";

const SECRET = "whsec-test";
const body = Buffer.from(fixtureText("webhook-pay-142-due-changed.json"));
const sign = (b: Buffer, algo = "sha256") => `${algo}=${createHmac(algo, SECRET).update(b).digest("hex")}`;

let server: Server;
let base: string;
let applied: JiraWebhookApply[];
let failNext: boolean;
let stored: string | null;
let contextCalls: number;
let errors: unknown[];

beforeEach(async () => {
  applied = [];
  failNext = false;
  stored = null;
  contextCalls = 0;
  errors = [];
  // The connector an outcome becomes is the outcome itself here: the test reads what would be applied.
  const outcomes = new WeakMap<Connector, JiraWebhookApply>();
  const endpoint = jiraWebhookEndpoint(
    {
      secret: SECRET,
      context: async () => {
        contextCalls++;
        return context();
      },
      storedUpdatedAt: async () => stored,
    },
    (outcome) => {
      const connector = { source: { kind: "jira", instance: "jira-eng" } } as unknown as Connector;
      outcomes.set(connector, outcome);
      return connector;
    },
    new InMemoryDeliveryLog(),
  );
  const handler = createWebhookRoute({
    endpoint: (kind, instance) => (kind === "jira" && instance === "jira-eng" ? endpoint : undefined),
    apply: async (connector) => {
      if (failNext) {
        failNext = false;
        throw new Error("store is locked");
      }
      const outcome = outcomes.get(connector);
      if (outcome) applied.push(outcome);
    },
    maxBodyBytes: 64 * 1024,
    onError: (e) => errors.push(e),
  });
  server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${portOf(server)}`;
});

afterEach(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function post(payload: Buffer, headers: Record<string, string>, path = "/webhooks/jira/jira-eng") {
  return fetch(`${base}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: payload,
  });
}

describe("POST /webhooks/jira/:instance", () => {
  it("verifies, applies and answers 200", async () => {
    stored = "2026-01-02T09:20:41.500+01:00";
    const res = await post(body, { "X-Hub-Signature": sign(body), "X-Atlassian-Webhook-Identifier": "w-1" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "applied" });
    expect(applied).toHaveLength(1);
    expect(recordOf(applied[0]!.upsert!)).toMatchObject({ nativeKey: "PAY-142", due: "2026-04-03" });
  });

  it("answers 401 to a bad, missing or sha1 signature, before parsing anything", async () => {
    const tampered = Buffer.from(body);
    tampered[tampered.indexOf("2026-04-03") + 9] = "4".charCodeAt(0);
    const statuses = [
      (await post(tampered, { "X-Hub-Signature": sign(body) })).status,
      (await post(body, {})).status,
      (await post(body, { "X-Hub-Signature": sign(body, "sha1") })).status,
      // Not JSON at all: still 401, so nothing unsigned reaches the parser.
      (await post(Buffer.from("{not json"), { "X-Hub-Signature": "sha256=00" })).status,
    ];
    expect(statuses).toEqual([401, 401, 401, 401]);
    expect(applied).toEqual([]);
    expect(contextCalls).toBe(0);
  });

  it("processes a duplicate delivery once", async () => {
    const headers = { "X-Hub-Signature": sign(body), "X-Atlassian-Webhook-Identifier": "w-dup" };
    const first = await post(body, headers);
    const second = await post(body, headers);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(await second.json()).toEqual({ status: "duplicate" });
    expect(applied).toHaveLength(1);
  });

  it("answers 500 when applying fails and processes Jira's retry of it", async () => {
    failNext = true;
    const headers = { "X-Hub-Signature": sign(body), "X-Atlassian-Webhook-Identifier": "w-retry" };
    expect((await post(body, headers)).status).toBe(500);
    expect(errors).toHaveLength(1);
    expect((await post(body, headers)).status).toBe(200);
    expect(applied).toHaveLength(1);
  });

  it("ignores an event older than the stored issue", async () => {
    stored = "2026-01-12T15:00:00.000+01:00";
    const res = await post(body, {
      "X-Hub-Signature": sign(body),
      "X-Atlassian-Webhook-Identifier": "w-old",
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ignored" });
    expect(applied).toEqual([]);
  });

  it("answers 413 to a body over the limit, declared or streamed", async () => {
    const big = Buffer.alloc(65 * 1024, 32);
    const declared = await post(big, { "X-Hub-Signature": sign(big) });
    expect(declared.status).toBe(413);

    // Chunked: no Content-Length, so the limit is enforced while reading.
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${base}/webhooks/jira/jira-eng`, {
        method: "POST",
        headers: { "X-Hub-Signature": sign(big) },
      });
      req.on("response", (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      for (let i = 0; i < 65; i++) req.write(Buffer.alloc(1024, 32));
      req.end();
    });
    expect(status).toBe(413);
    expect(applied).toEqual([]);
  });

  it("answers 404 for an unknown instance and 405 for GET", async () => {
    expect((await post(body, { "X-Hub-Signature": sign(body) }, "/webhooks/jira/jira-ops")).status).toBe(404);
    const get = await fetch(`${base}/webhooks/jira/jira-eng`);
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
  });

  it("answers 400 to a signed body that is not JSON", async () => {
    const text = Buffer.from("not json");
    expect((await post(text, { "X-Hub-Signature": sign(text) })).status).toBe(400);
  });
});
