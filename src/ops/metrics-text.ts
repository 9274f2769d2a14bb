import type { ServerResponse } from "node:http";
import { Registry } from "prom-client";
import { processMetrics } from "./metrics.js";
import { type ScrapeSources, storeGauges } from "./store-gauges.js";

export interface MetricsText {
  contentType: string;
  body: string;
}

/** The Prometheus text exposition of this process' counters and the shared state's gauges. */
export async function metricsText(sources: ScrapeSources | null): Promise<MetricsText> {
  // https://github.com/siimon/prom-client#multiple-registries
  const registry = sources ? Registry.merge([processMetrics, await storeGauges(sources)]) : processMetrics;
  return { contentType: registry.contentType, body: await registry.metrics() };
}

/** Answers a scrape with `metrics()`; a failure (the store unreachable) is a 500 saying why, and is reported. */
export function sendMetrics(
  res: ServerResponse,
  metrics: () => Promise<MetricsText>,
  onError: (error: unknown) => void = () => {},
): void {
  metrics().then(
    (m) => res.writeHead(200, { "Content-Type": m.contentType }).end(m.body),
    (error: unknown) => {
      onError(error);
      if (res.headersSent) return void res.destroy();
      res
        .writeHead(500, { "Content-Type": "text/plain" })
        .end(`metrics unavailable: ${error instanceof Error ? error.message : String(error)}\n`);
    },
  );
}
