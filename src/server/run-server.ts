import type { IncomingMessage, ServerResponse } from "node:http";
import { serverSection, slackCredentials, slackSection } from "../config/service-sections.js";
import { createAlertSinks } from "../jobs/alert-sinks.js";
import type { AppContext } from "../jobs/app-context.js";
import { type DecisionWork, inProcessWork } from "../jobs/decision-work.js";
import { syncConnector } from "../jobs/sync-work.js";
import { metricsText } from "../ops/metrics-text.js";
import type { ScrapeSources } from "../ops/store-gauges.js";
import { adminTokenFromEnv, createWebApp, type SyncNowResult } from "../web/index.js";
import { createServer, type Mount, type SightlineServer } from "./create-server.js";
import { createOwedReconcile, OWED_RECONCILE_POLICY } from "./owed-reconcile.js";
import { createSlackHandler } from "./slack/slack-app.js";
import { createWebhooks } from "./webhooks.js";

type Env = Readonly<Record<string, string | undefined>>;
type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** What the process around the server provides; each part optional, with the embedded default otherwise. */
export interface ServeWiring {
  /** What a decision (a Slack click, a web form) sets off; in-process (write-back, reconcile and alerts here) when absent. */
  work?: DecisionWork;
  /** `POST /webhooks/:kind/:instance`; off (404) when absent; built from the configured instances by default. */
  webhooks?: Handler | null;
  /** Extra handlers under their own path prefix (the job dashboard). */
  mounts?: readonly Mount[];
  /** The web admin's "Sync now"; here, then reconcile through `work`, when absent. */
  syncNow?: (instance: string) => Promise<SyncNowResult>;
  /** The job queues by name (distributed mode), for their depths in /metrics. */
  queues?: ScrapeSources["queues"];
}

export interface ServeOptions {
  env: Env;
  log: (line: string) => void;
  /** Overrides of the config's server section (`--host`, `--port`). */
  host?: string;
  port?: number;
}

export interface RunningServer {
  server: SightlineServer;
  url: string;
  /** Stops accepting, lets acked Slack work finish, closes connections. The caller closes the store after. */
  stop(): Promise<void>;
}

/**
 * Starts the HTTP side on an open context. Without SLACK_SIGNING_SECRET the Slack routes are off (and said
 * so) while webhooks and /healthz still answer.
 */
export async function runServer(
  ctx: AppContext,
  opts: ServeOptions,
  wiring: ServeWiring = {},
): Promise<RunningServer> {
  const { config } = ctx;
  const { log, env } = opts;
  const section = serverSection(config, env);
  const slack = slackSection(config);
  const credentials = slackCredentials(slack, env);
  const delivery = createAlertSinks(config, env, (t) => log(t.trimEnd()));
  const work = wiring.work ?? inProcessWork(ctx, delivery.sinks, log);
  if (!credentials) {
    log(
      `Slack is off (${slack.signingSecretEnv} is not set): /slack/events answers 404; webhooks still work`,
    );
  }
  const slackHandler = credentials
    ? createSlackHandler({
        signingSecret: credentials.signingSecret,
        botToken: credentials.botToken,
        apiUrl: slack.apiUrl,
        botUserId: slack.botUserId,
        botId: slack.botId,
        maxBodyBytes: section.maxBodyBytes,
        deps: { ctx, work, people: delivery.people, log },
      })
    : null;
  const owed = createOwedReconcile(work, { answerWithinMs: 1_000, policy: OWED_RECONCILE_POLICY, log });
  const webhooks = wiring.webhooks === undefined ? await createWebhooks(ctx, owed, log) : wiring.webhooks;
  if (!webhooks) log("no instance accepts webhooks: /webhooks/* answers 404");
  const web = webAdmin(ctx, env, log, work, async (instance) => {
    if (wiring.syncNow) return wiring.syncNow(instance);
    const report = await syncConnector(ctx, instance);
    await work.reconcile(`sync now: ${instance}`);
    return { kind: "done", report };
  });
  const server = createServer({
    fallback: web,
    host: opts.host ?? section.host,
    port: opts.port ?? section.port,
    slack: slackHandler,
    webhooks,
    mounts: wiring.mounts ?? [],
    log,
    // Open like /healthz (Prometheus scrapes without credentials): counts and instance ids, never a title or a name.
    metrics: () =>
      metricsText({
        store: ctx.store,
        connectors: config.connectors.map((c) => c.id),
        queues: wiring.queues ?? null,
      }),
  });
  const { url } = await server.listen();
  log(`listening on ${url} (${delivery.describe}; ${wiring.work ? "work queued" : "work in-process"})`);
  return {
    server,
    url,
    async stop() {
      await server.close();
      await owed.stop();
    },
  };
}

/** The web admin and its API, when SIGHTLINE_ADMIN_TOKEN is set (never without a token). */
function webAdmin(
  ctx: AppContext,
  env: Env,
  log: (line: string) => void,
  work: DecisionWork,
  syncNow: (instance: string) => Promise<SyncNowResult>,
) {
  if (!env.SIGHTLINE_ADMIN_TOKEN) {
    log("SIGHTLINE_ADMIN_TOKEN is not set: the web admin and /api are off");
    return null;
  }
  return createWebApp({ ctx, adminToken: adminTokenFromEnv(env), work, syncNow, log });
}
