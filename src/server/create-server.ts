import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import { sendJson } from "../http/respond.js";
import { httpDuration, httpRequests, secondsSince } from "../ops/metrics.js";
import { type MetricsText, sendMetrics } from "../ops/metrics-text.js";
import { routeLabel } from "./route-label.js";
import type { SlackHandler } from "./slack/slack-app.js";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface ServerDeps {
  /** Loopback unless an operator opens it on purpose (behind a TLS-terminating proxy). */
  host?: string;
  /** 0 picks a free port (tests). */
  port?: number;
  /** The Slack app; null when SLACK_SIGNING_SECRET is not set (then /slack/events answers 404). */
  slack: SlackHandler | null;
  /** `POST /webhooks/:kind/:instance` (src/server/webhook-route.ts); null when no instance takes webhooks. */
  webhooks: Handler | null;
  log: (line: string) => void;
  /** Extra handlers owning every path under their prefix (the job dashboard). */
  mounts?: readonly Mount[];
  /** Tried last, before the 404 (the web admin owns its many paths); resolves false when it did not answer. */
  fallback?: ((req: IncomingMessage, res: ServerResponse) => Promise<boolean>) | null;
  /** How long close() lets open requests finish before cutting their connections. */
  closeTimeoutMs?: number;
  /** `GET /metrics` (Prometheus text); 404 when absent. */
  metrics?: (() => Promise<MetricsText>) | null;
}

export interface Mount {
  /** `/admin/queues`: the mount answers that path and everything under it. */
  prefix: string;
  handle: Handler;
}

export interface SightlineServer {
  readonly server: Server;
  /** Starts listening; resolves with where (the real port when 0 was asked). */
  listen(): Promise<{ host: string; port: number; url: string }>;
  /** Stops accepting, lets open requests and acked Slack work finish, then closes every connection. */
  close(): Promise<void>;
}

/**
 * The HTTP side of Sightline on node:http: `POST /slack/events` (Bolt, behind our signature check),
 * `POST /webhooks/:kind/:instance` (the connectors' endpoints), `GET /healthz`. Our own router keeps the
 * routes independent: webhooks work without Slack, and neither library owns the port.
 */
export function createServer(deps: ServerDeps): SightlineServer {
  const host = deps.host ?? "127.0.0.1";
  const route = (req: IncomingMessage, res: ServerResponse, path: string) => {
    if (path === "/healthz") {
      if (req.method !== "GET" && req.method !== "HEAD")
        return sendJson(res, 405, { error: "use GET" }, { Allow: "GET" });
      return sendJson(res, 200, {
        status: "ok",
        slack: deps.slack !== null,
        webhooks: deps.webhooks !== null,
      });
    }
    if (path === "/metrics" && deps.metrics) {
      if (req.method !== "GET" && req.method !== "HEAD")
        return sendJson(res, 405, { error: "use GET" }, { Allow: "GET" });
      return sendMetrics(res, deps.metrics, (error) =>
        deps.log(`server: GET /metrics failed: ${error instanceof Error ? error.message : String(error)}`),
      );
    }
    if (path === "/slack/events") {
      if (!deps.slack) {
        req.resume();
        return sendJson(res, 404, {
          error: "Slack is not configured on this server (SLACK_SIGNING_SECRET is not set)",
        });
      }
      if (req.method !== "POST") return sendJson(res, 405, { error: "use POST" }, { Allow: "POST" });
      return deps.slack.handle(req, res);
    }
    if (path.startsWith("/webhooks/")) {
      if (!deps.webhooks) {
        req.resume();
        return sendJson(res, 404, { error: "no instance on this server accepts webhooks" });
      }
      return deps.webhooks(req, res);
    }
    const mount = deps.mounts?.find((m) => path === m.prefix || path.startsWith(`${m.prefix}/`));
    if (mount) return mount.handle(req, res);
    const notFound = () => {
      req.resume();
      sendJson(res, 404, { error: "not found" });
    };
    if (!deps.fallback) return notFound();
    deps.fallback(req, res).then(
      (handled) => {
        if (!handled && !res.headersSent) notFound();
      },
      (error: unknown) => {
        deps.log(
          `server: ${req.method} ${req.url} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
        if (!res.headersSent) sendJson(res, 500, { error: "internal error" });
        else res.destroy();
      },
    );
  };

  const mountPrefixes = (deps.mounts ?? []).map((m) => m.prefix);
  const server = createHttpServer((req, res) => {
    const started = process.hrtime.bigint();
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    res.once("finish", () => {
      const route = routeLabel(path, res.statusCode, mountPrefixes);
      httpRequests.inc({ route, method: req.method ?? "?", status: String(res.statusCode) });
      httpDuration.observe({ route }, secondsSince(started));
    });
    try {
      route(req, res, path);
    } catch (error) {
      deps.log(
        `server: ${req.method} ${req.url} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      if (!res.headersSent) sendJson(res, 500, { error: "internal error" });
      else res.destroy();
    }
  });

  return {
    server,
    listen() {
      return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(deps.port ?? 3000, host, () => {
          server.off("error", reject);
          const address = server.address();
          if (address === null || typeof address === "string") {
            reject(new Error(`server listening on an unexpected address: ${String(address)}`));
            return;
          }
          const { port } = address;
          const shown = host.includes(":") ? `[${host}]` : host;
          resolve({ host, port, url: `http://${shown}:${port}` });
        });
      });
    },
    async close() {
      // Idempotent: a second close (a test's cleanup, a second signal) only waits for the Slack work.
      if (server.listening) {
        const closed = new Promise<void>((resolve, reject) =>
          server.close((e) => (e ? reject(e) : resolve())),
        );
        server.closeIdleConnections();
        const timer = setTimeout(() => server.closeAllConnections(), deps.closeTimeoutMs ?? 10_000);
        try {
          await closed;
        } finally {
          clearTimeout(timer);
        }
      }
      await deps.slack?.drain();
    },
  };
}
