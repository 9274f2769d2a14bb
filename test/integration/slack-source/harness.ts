import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import nock from "nock";
import { afterEach } from "vitest";
import { createConsoleSink } from "../../../src/alerts/sinks/console-sink.js";
import { SlackPeople } from "../../../src/alerts/sinks/slack-people.js";
import { createSlackWebClient } from "../../../src/alerts/sinks/slack-sink.js";
import { type AppContext, openContext } from "../../../src/jobs/app-context.js";
import { type DecisionWork, inProcessWork } from "../../../src/jobs/decision-work.js";
import { loadAppConfig } from "../../../src/jobs/load-app-config.js";
import { reconcileStore } from "../../../src/jobs/reconcile-work.js";
import { syncConnector } from "../../../src/jobs/sync-work.js";
import { createServer } from "../../../src/server/create-server.js";
import { createSlackHandler } from "../../../src/server/slack/slack-app.js";
import { formPayload, post, slackHeaders } from "../server/harness.js";
import { SLACK_API_URL } from "../slack/slack-api-mock.js";

export const NOW = "2026-01-12T09:00:00.000Z";
export const TODAY = "2026-01-12";
/** The demo's "Backend API integration" in Engineering's Jira: due 3 Apr 2026 after its slip. */
export const PAY_142 = "jira-eng:PAY-142";

/** Demo people (fixtures/demo/people.yaml) as Slack knows them. */
export const CAMILLE = "U05C1MKT007"; // Marketing, in the directory with her Slack id
export const TOMASZ = "U05B7K2QA09"; // QA, in the directory with his Slack id
export const LEA = "U05LEAPETIT"; // Marketing, in the directory by e-mail only
export const STRANGER = "U0STRANGER"; // nobody Sightline knows

const REPO = resolve(import.meta.dirname, "../../..");

function config(slackConnector: string | null): string {
  return `
organisation: { name: Acme Pay, timeZone: Europe/Paris, currency: EUR }
database: { path: sightline.db }
directory: { file: ${join(REPO, "fixtures/demo/people.yaml")} }
kpis: { file: ${join(REPO, "fixtures/demo/kpis.yaml")} }
connectors:
  - id: jira-eng
    kind: jira
    baseUrl: https://acmepay.atlassian.net
    recorded: ${join(REPO, "fixtures/jira/demo/slip")}
    jql: project = PAY
    kpiFrom: { labelsPrefix: "kpi:" }
    teamFrom: { fixed: Engineering }
    businessUnit: Payments
    pageSize: 2
${slackConnector ?? ""}
`;
}

export interface SourceHarness {
  ctx: AppContext;
  url: string;
  log: string[];
  /** Why each reconcile ran (the real in-process reconcile ran each time). */
  reconciles: string[];
  /** The alerts those reconciles delivered (a console sink: who, and the text). */
  alerts: string[];
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
  nock.cleanAll();
});

/**
 * A real SQLite store holding the demo's Jira (replayed from the recording, PAY-142 due 3 Apr 2026), the
 * demo directory and KPI catalog, reconciled; the server on 127.0.0.1 with the Slack app, reconciling in
 * process for real; the Slack Web API (nock) at SLACK_API_URL.
 */
export async function startSourceHarness(
  opts: { slackConnector?: string | null } = {},
): Promise<SourceHarness> {
  const dir = mkdtempSync(join(tmpdir(), "sightline-slack-source-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const slackConnector =
    opts.slackConnector === undefined ? "  - { id: slack, kind: slack }" : opts.slackConnector;
  writeFileSync(join(dir, "sightline.config.yaml"), config(slackConnector));
  const ctx = await openContext(loadAppConfig(join(dir, "sightline.config.yaml"), {}), {
    now: () => NOW,
    today: TODAY,
    env: {},
  });
  cleanups.push(() => ctx.store.close());
  await syncConnector(ctx, "jira-eng");
  await reconcileStore(ctx);

  const log: string[] = [];
  const reconciles: string[] = [];
  const alerts: string[] = [];
  const real = inProcessWork(ctx, [createConsoleSink((t) => alerts.push(t))], (l) => log.push(l));
  const work: DecisionWork = {
    writeBack: (r) => real.writeBack(r),
    async reconcile(reason) {
      reconciles.push(reason);
      await real.reconcile(reason);
    },
  };
  const client = createSlackWebClient({ token: "xoxb-test", apiUrl: SLACK_API_URL });
  const slack = createSlackHandler({
    signingSecret: "8f742231b10e8888abcd99yyyzzz85a5",
    botToken: "xoxb-test",
    apiUrl: SLACK_API_URL,
    botUserId: "U_BOT",
    botId: "B_BOT",
    deps: { ctx, work, people: new SlackPeople(client, { ttlMs: 60_000 }), log: (l) => log.push(l) },
  });
  const server = createServer({
    host: "127.0.0.1",
    port: 0,
    slack,
    webhooks: null,
    log: (l) => log.push(l),
  });
  const { url } = await server.listen();
  cleanups.push(() => server.close());
  return { ctx, url, log, reconciles, alerts };
}

export async function sendForm(h: SourceHarness, body: string, extra: Record<string, string> = {}) {
  return post(h.url, body, "application/x-www-form-urlencoded", { ...slackHeaders(body), ...extra });
}

export async function sendPayload(h: SourceHarness, payload: unknown, extra: Record<string, string> = {}) {
  return sendForm(h, formPayload(payload), extra);
}

export async function sendEvent(h: SourceHarness, payload: unknown) {
  const body = JSON.stringify(payload);
  return post(h.url, body, "application/json", slackHeaders(body));
}

/** The response_url Slack gave a command: `respond()` posts the answers there. */
export function mockResponseUrl(path = "/commands/T0ACMEPAY/1/add") {
  const bodies: Record<string, unknown>[] = [];
  nock("https://hooks.slack.test")
    .post(path)
    .reply(async (request: Request) => {
      const body: unknown = await request.json();
      if (body !== null && typeof body === "object") bodies.push(Object.fromEntries(Object.entries(body)));
      return [200, "ok"];
    });
  return { bodies, url: `https://hooks.slack.test${path}` };
}

/** The Slack-created actions in the store. */
export async function slackActions(h: SourceHarness) {
  return (await h.ctx.store.actions.list()).filter((a) => a.source.kind === "slack");
}
