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
