import type { IncomingMessage, ServerResponse } from "node:http";
import { App, type Authorize, HTTPReceiver, type Logger, LogLevel, webApi } from "@slack/bolt";
import { readBody } from "../../http/body.js";
import { sendJson } from "../../http/respond.js";
import { dedupeEvents } from "./event-dedupe.js";
import { registerListeners } from "./listeners/index.js";
import type { SlackHandlerDeps } from "./slack-deps.js";
import { verifySlackSignature } from "./verify-signature.js";

export interface SlackAppOptions {
  signingSecret: string;
  botToken: string;
  /** Web API base (https://slack.com/api/); tests point it at nock. */
  apiUrl: string;
  botUserId?: string | null;
  botId?: string | null;
  deps: SlackHandlerDeps;
  maxBodyBytes?: number;
  /** How long event ids are remembered for deduplication. */
  eventTtlMs?: number;
  nowMs?: () => number;
}

export interface SlackHandler {
  app: App;
  /** `POST /slack/events` as a node:http handler: verifies, then hands the request to Bolt. */
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** Resolves when the work started by requests already acked has finished (graceful shutdown). */
  drain(): Promise<void>;
}

/** Bolt's log lines, through ours; debug and info stay out (every request would log). */
function boltLogger(log: (line: string) => void): Logger {
  let level = LogLevel.WARN;
  const text = (msg: unknown[]) =>
    msg.map((m) => (m instanceof Error ? (m.stack ?? m.message) : String(m))).join(" ");
  return {
    debug: () => {},
    info: () => {},
    warn: (...msg: unknown[]) => log(`slack (bolt) warn: ${text(msg)}`),
    error: (...msg: unknown[]) => log(`slack (bolt) error: ${text(msg)}`),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

/**
 * One auth.test per process, not per request: Bolt's own single-workspace authorize repeats it on every
 * event unless both bot ids are known. A failed call is not cached, so the next request tries again.
 */
function cachedAuthorize(client: webApi.WebClient, opts: SlackAppOptions): Authorize<boolean> {
  const token = opts.botToken;
  let ids: Promise<{ botUserId: string; botId: string }> | null =
    opts.botUserId && opts.botId ? Promise.resolve({ botUserId: opts.botUserId, botId: opts.botId }) : null;
  return async () => {
    if (!ids) {
      // https://docs.slack.dev/reference/methods/auth.test
      ids = client.auth.test({ token }).then((r) => {
        if (!r.user_id || !r.bot_id)
          throw new Error("auth.test answered without user_id/bot_id: is SLACK_BOT_TOKEN a bot token?");
        return { botUserId: r.user_id, botId: r.bot_id };
      });
      ids.catch(() => {
        ids = null;
      });
    }
    return { botToken: token, ...(await ids) };
  };
}

/**
 * The Slack side of the server. Our own node:http router owns the port; Slack's path is handed to Bolt's
 * HTTPReceiver (its requestListener, never its own server) after this module verified the signature over
 * the raw bytes with the 5-minute window both ways, which Bolt alone does not (it accepts future
 * timestamps). processBeforeResponse is false: a listener's ack() answers Slack at once and the work runs
 * after, within Slack's 3 seconds however slow the work is.
 */
export function createSlackHandler(opts: SlackAppOptions): SlackHandler {
  const log = opts.deps.log;
  const logger = boltLogger(log);
  const nowMs = opts.nowMs ?? Date.now;
  const maxBody = opts.maxBodyBytes ?? 1024 * 1024;
  const clientOptions: webApi.WebClientOptions = {
    slackApiUrl: opts.apiUrl,
    // A click handler must not sit in a retry loop: a failure is told to the user instead.
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  };
  // https://docs.slack.dev/tools/bolt-js/reference#receiver-options (HTTPReceiver) and #initialization-options
  const receiver = new HTTPReceiver({
    signingSecret: opts.signingSecret,
    endpoints: "/slack/events",
    processBeforeResponse: false,
    logger,
    bodyLimit: maxBody,
  });
  const app = new App({
    receiver,
    authorize: cachedAuthorize(new webApi.WebClient(undefined, clientOptions), opts),
    clientOptions,
    logger,
    convoStore: false,
  });

  const inflight = new Set<Promise<void>>();
  app.use(async ({ next }) => {
    const work = next();
    inflight.add(work);
    try {
      await work;
    } finally {
      inflight.delete(work);
    }
  });
  app.use(dedupeEvents({ ttlMs: opts.eventTtlMs ?? 2 * 60 * 60 * 1000, log, nowMs }));
  app.error(async (error) => {
    log(`slack: a listener failed: ${error.stack ?? error.message}`);
  });
  registerListeners(app, opts.deps);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const declared = Number(req.headers["content-length"] ?? "0");
    if (declared > maxBody) {
      req.resume();
      return sendJson(res, 413, { error: `body larger than ${maxBody} bytes` }, { Connection: "close" });
    }
    const body = await readBody(req, maxBody);
    if (body === null)
      return sendJson(res, 413, { error: `body larger than ${maxBody} bytes` }, { Connection: "close" });
    const header = (name: string) => {
      const v = req.headers[name];
      return typeof v === "string" ? v : undefined;
    };
    const check = verifySlackSignature({
      signingSecret: opts.signingSecret,
      timestamp: header("x-slack-request-timestamp"),
      signature: header("x-slack-signature"),
      body,
      nowMs: nowMs(),
    });
    if (!check.ok) {
      log(`slack: rejected a request to ${req.url ?? "?"}: ${check.reason}`);
      return sendJson(res, 401, { error: "invalid Slack request signature" });
    }
    // Bolt reads `rawBody` when present instead of the (already consumed) stream.
    receiver.requestListener(Object.assign(req, { rawBody: body }), res);
  }

  return {
    app,
    handle(req, res) {
      handle(req, res).catch((error: unknown) => {
        log(
          `slack: request failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
        if (!res.headersSent) sendJson(res, 500, { error: "internal error" });
        else res.destroy();
      });
    },
    async drain() {
      while (inflight.size > 0) await Promise.allSettled([...inflight]);
    },
  };
}
