import { describe, expect, it } from "vitest";
import { createServer } from "../../../src/server/create-server.js";
import { post, SIGNING_SECRET, slackHeaders, startHarness } from "./harness.js";

const JSON_TYPE = "application/json";
// Slack's handshake: a signed event the Bolt receiver answers with the challenge, so a 200 proves the
// request got through the signature check to Bolt.
const challenge = JSON.stringify({
  token: "unused",
  challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
  type: "url_verification",
});
const now = () => Math.floor(Date.now() / 1000);

describe("Slack request verification", () => {
  it("accepts a request signed as Slack signs it", async () => {
    const h = await startHarness();
    const res = await post(h.url, challenge, JSON_TYPE, slackHeaders(challenge));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({
      challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
    });
  });

  it.each([
    ["stale (6 minutes old)", () => slackHeaders(challenge, now() - 360)],
    ["from the future (6 minutes ahead)", () => slackHeaders(challenge, now() + 360)],
    ["signed with another secret", () => slackHeaders(challenge, now(), `${SIGNING_SECRET}x`)],
    ["without X-Slack-Signature", () => ({ "X-Slack-Request-Timestamp": String(now()) })],
    [
      "without X-Slack-Request-Timestamp",
      () => {
        const { "X-Slack-Signature": signature } = slackHeaders(challenge);
        return { "X-Slack-Signature": signature };
      },
    ],
    ["with a malformed signature", () => ({ ...slackHeaders(challenge), "X-Slack-Signature": "v0=nothex" })],
  ])("rejects a request %s with 401", async (_what, headers) => {
    const h = await startHarness();
    const res = await post(h.url, challenge, JSON_TYPE, headers());
    expect(res.status).toBe(401);
    expect(res.text).not.toContain("challenge");
    expect(h.log.some((l) => l.startsWith("slack: rejected a request"))).toBe(true);
  });

  it("rejects a tampered body (signature of another body) with 401", async () => {
    const h = await startHarness();
    const tampered = challenge.replace("url_verification", "url_verification ");
    const res = await post(h.url, tampered, JSON_TYPE, slackHeaders(challenge));
    expect(res.status).toBe(401);
  });

  it("accepts the edges of the window: 4 minutes old and 4 minutes ahead", async () => {
    const h = await startHarness();
    for (const ts of [now() - 240, now() + 240]) {
      const res = await post(h.url, challenge, JSON_TYPE, slackHeaders(challenge, ts));
      expect(res.status).toBe(200);
    }
  });
});

describe("the server's other routes", () => {
  it("answers /healthz and routes Jira webhooks to the injected handler", async () => {
    const seen: string[] = [];
    const h = await startHarness({
      webhooks: (req, res) => {
        seen.push(`${req.method} ${req.url}`);
        res.writeHead(202).end();
      },
    });
    const health = await fetch(`${h.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok", slack: true, webhooks: true });
    const jira = await fetch(`${h.url}/webhooks/jira/jira-eng`, { method: "POST", body: "{}" });
    expect(jira.status).toBe(202);
    expect(seen).toEqual(["POST /webhooks/jira/jira-eng"]);
    expect((await fetch(`${h.url}/nowhere`)).status).toBe(404);
  });

  it("without Slack, /slack/events is 404 and Jira webhooks still work", async () => {
    const server = createServer({
      port: 0,
      slack: null,
      webhooks: (_req, res) => res.writeHead(200).end("jira ok"),
      log: () => {},
    });
    const { url } = await server.listen();
    try {
      const slack = await post(url, challenge, JSON_TYPE, slackHeaders(challenge));
      expect(slack.status).toBe(404);
      expect(slack.text).toContain("SLACK_SIGNING_SECRET");
      const jira = await fetch(`${url}/webhooks/jira/x`, { method: "POST", body: "{}" });
      expect(await jira.text()).toBe("jira ok");
    } finally {
      await server.close();
    }
  });
});
