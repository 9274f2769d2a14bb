import { createHmac } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import nock from "nock";
import { afterEach } from "vitest";
import { createSlackSink, createSlackWebClient } from "../../../src/alerts/sinks/slack-sink.js";
import { type AppContext, openContext } from "../../../src/jobs/app-context.js";
import type { DecisionWork, DecisionWriteBack } from "../../../src/jobs/decision-work.js";
import { runPipeline } from "../../../src/jobs/in-process-runner.js";
import { loadAppConfig } from "../../../src/jobs/load-app-config.js";
import { createServer, type SightlineServer } from "../../../src/server/create-server.js";
import { createSlackHandler } from "../../../src/server/slack/slack-app.js";
import { type Fields, mockMethod, SLACK_API_URL } from "../slack/slack-api-mock.js";

export const SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
export const NOW = "2026-01-12T09:00:00.000Z";
export const TODAY = "2026-01-12";
export const CAMPAIGN = "plan:MKT-7";
export const API = "plan:PAY-142";

const CONFIG = `
organisation: { name: Test Co, timeZone: Europe/Paris, currency: EUR }
database: { path: sightline.db }
directory:
  people:
    - { id: anna, name: Anna Berg, emails: [anna@example.com], slackUserId: U_ANNA, team: Engineering }
    - { id: maria, name: Maria Lopez, emails: [maria@example.com], slackUserId: U_MARIA, team: Marketing }
    - { id: sam, name: Sam Stranger, emails: [sam@example.com], slackUserId: U_STRANGER, team: Legal }
  teams: [{ name: Engineering }, { name: Marketing }, { name: Legal }]
kpis:
  catalog:
    - { key: launch-rev, name: Launch revenue, objective: Win payments, owner: anna, costOfDelayPerDay: 1000 }
connectors:
  - { id: plan, kind: file, path: plan.yaml }
alerts: { adminChannel: "#admin" }
`;

// The API slipped to 3 Apr; the campaign still starts 2 Mar: 33 days short, critical.
const PLAN = `
actions:
  - { key: PAY-142, title: Backend API integration, owner: anna@example.com, team: Engineering, status: in_progress,
      start: 2025-12-01, due: 2026-04-03, kpis: [launch-rev], url: "https://acme.atlassian.net/browse/PAY-142" }
  - { key: MKT-7, title: Go-to-market campaign, owner: maria@example.com, team: Marketing, status: todo,
      start: 2026-03-02, due: 2026-03-30, kpis: [launch-rev], dependsOn: [PAY-142] }
`;

/** What a click asked the runner to do, and what the fake answers. */
export class FakeWork implements DecisionWork {
  readonly writes: DecisionWriteBack[] = [];
  readonly reconciles: string[] = [];
  outcome: "written" | "queued" = "queued";
  /** How long a write-back takes (a slow tool). */
  delayMs = 0;
  async writeBack(request: DecisionWriteBack) {
    if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
    this.writes.push(request);
    return this.outcome;
  }
  async reconcile(reason: string) {
    this.reconciles.push(reason);
  }
}

export interface PostedMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: Record<string, unknown>[];
}

export interface Harness {
  ctx: AppContext;
  server: SightlineServer;
  url: string;
  work: FakeWork;
  log: string[];
  /** The alerts the pipeline posted, by recipient user id. */
  posted: Map<string, PostedMessage>;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
  nock.cleanAll();
});

function isRecordArray(v: unknown): v is Record<string, unknown>[] {
  return Array.isArray(v) && v.every((b) => b !== null && typeof b === "object");
}

/**
 * A real store with the fintech conflict, its alerts delivered to Slack (mocked by nock) by the real sink,
 * and the server on 127.0.0.1 with the Slack app. `webhooks` mounts a handler on the webhook routes.
 */
export async function startHarness(
  opts: { webhooks?: (req: IncomingMessage, res: ServerResponse) => void } = {},
): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), "sightline-server-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, "sightline.config.yaml"), CONFIG);
  writeFileSync(join(dir, "plan.yaml"), PLAN);
  const config = loadAppConfig(join(dir, "sightline.config.yaml"), {});
  const ctx = await openContext(config, { now: () => NOW, today: TODAY });
  cleanups.push(() => ctx.store.close());

  let ts = 1767000000;
  const posts = mockMethod(
    "chat.postMessage",
    (f) => ({ ok: true, channel: String(f.channel).replace(/^U_/, "D_"), ts: `${++ts}.000100` }),
    { times: 10 },
  );
  const sink = createSlackSink({
    client: createSlackWebClient({ token: "xoxb-test", apiUrl: SLACK_API_URL }),
  });
  await runPipeline(ctx, { sinks: [sink], today: TODAY });
  const posted = new Map<string, PostedMessage>();
  for (const [i, call] of posts.calls.entries()) {
    if (!isRecordArray(call.blocks)) throw new Error("posted blocks are not a list");
    posted.set(String(call.channel), {
      channel: String(call.channel).replace(/^U_/, "D_"),
      ts: `${1767000001 + i}.000100`,
      text: String(call.text),
      blocks: call.blocks,
    });
  }
  nock.cleanAll();

  const log: string[] = [];
  const work = new FakeWork();
  const slack = createSlackHandler({
    signingSecret: SIGNING_SECRET,
    botToken: "xoxb-test",
    apiUrl: SLACK_API_URL,
    botUserId: "U_BOT",
    botId: "B_BOT",
    deps: { ctx, work, people: null, log: (l) => log.push(l) },
  });
  const server = createServer({
    host: "127.0.0.1",
    port: 0,
    slack,
    webhooks: opts.webhooks ?? null,
    log: (l) => log.push(l),
  });
  const { url } = await server.listen();
  cleanups.push(() => server.close());
  return { ctx, server, url, work, log, posted };
}

/** Signs as Slack does: HMAC-SHA256 over `v0:<timestamp>:<body>` with the signing secret, hex, `v0=` prefix. */
export function slackHeaders(
  body: string,
  timestamp = Math.floor(Date.now() / 1000),
  secret = SIGNING_SECRET,
) {
  const signature = `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
  return { "X-Slack-Request-Timestamp": String(timestamp), "X-Slack-Signature": signature };
}

export async function post(
  url: string,
  body: string,
  contentType: string,
  headers: Record<string, string>,
): Promise<{ status: number; text: string }> {
  const res = await fetch(`${url}/slack/events`, {
    method: "POST",
    headers: { "Content-Type": contentType, ...headers },
    body,
  });
  return { status: res.status, text: await res.text() };
}

/** An interactive payload as Slack sends it: form-encoded, one `payload` field holding the JSON. */
export function formPayload(payload: unknown): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export async function sendInteraction(h: Harness, payload: unknown) {
  const body = formPayload(payload);
  return post(h.url, body, "application/x-www-form-urlencoded", slackHeaders(body));
}

export type { Fields };
