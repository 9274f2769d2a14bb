import { createServer, type Server } from "node:http";
import { SightlineError } from "../model/errors.js";
import { metricsText, sendMetrics } from "./metrics-text.js";
import type { ScrapeSources } from "./store-gauges.js";

type Env = Readonly<Record<string, string | undefined>>;

export interface MetricsListen {
  host: string;
  port: number;
}

/** SIGHTLINE_METRICS_PORT (and SIGHTLINE_METRICS_HOST, loopback by default), or null: no endpoint. */
export function metricsListenFrom(env: Env): MetricsListen | null {
  const raw = env.SIGHTLINE_METRICS_PORT?.trim();
  if (!raw) return null;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65_535) {
    throw new SightlineError(
      "metrics_port_invalid",
      `SIGHTLINE_METRICS_PORT: expected a port 0-65535, got "${env.SIGHTLINE_METRICS_PORT}"`,
    );
  }
  return { host: env.SIGHTLINE_METRICS_HOST?.trim() || "127.0.0.1", port };
}

export interface MetricsServer {
  url: string;
  close(): Promise<void>;
}

/** `GET /metrics` on its own port, for a process without an HTTP side (the worker). */
export async function startMetricsServer(
  where: MetricsListen,
  sources: ScrapeSources,
): Promise<MetricsServer> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (path !== "/metrics" || (req.method !== "GET" && req.method !== "HEAD")) {
      res.writeHead(404, { "Content-Type": "text/plain" }).end("GET /metrics\n");
      return;
    }
    sendMetrics(res, () => metricsText(sources));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(where.port, where.host, () => resolve());
  });
  const address = server.address();
  const port = address !== null && typeof address === "object" ? address.port : where.port;
  const shown = where.host.includes(":") ? `[${where.host}]` : where.host;
  return {
    url: `http://${shown}:${port}/metrics`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
