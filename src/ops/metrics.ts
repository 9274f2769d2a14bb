import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";
import type { SyncReport } from "../sync/index.js";

/**
 * What this process did, in Prometheus' model (prom-client): counters and histograms updated where the work
 * happens (sync, reconcile, alert delivery, HTTP). One registry per process, as Prometheus scrapes processes;
 * the state everyone shares (open conflicts, the alert ledger, queue depths) is read at scrape time instead
 * (store-gauges.ts), so every `serve` reports the same figures.
 * https://github.com/siimon/prom-client#usage
 */
export const processMetrics = new Registry();
collectDefaultMetrics({ register: processMetrics });

const registers = [processMetrics];
const SLOW = [0.05, 0.25, 1, 5, 15, 60, 300, 900];

export const syncRuns = new Counter({
  name: "sightline_sync_runs_total",
  help: "Sync runs by connector instance and outcome (ok, paused, failed)",
  labelNames: ["connector", "outcome"] as const,
  registers,
});
export const syncDuration = new Histogram({
  name: "sightline_sync_duration_seconds",
  help: "Duration of sync runs by connector instance",
  labelNames: ["connector"] as const,
  buckets: SLOW,
  registers,
});
export const syncRecords = new Counter({
  name: "sightline_sync_records_total",
  help: "Records read by sync runs, by connector instance and what the store did with them",
  labelNames: ["connector", "change"] as const,
  registers,
});
export const syncQuarantined = new Counter({
  name: "sightline_sync_quarantined_total",
  help: "Records sync runs quarantined (failed validation), by connector instance",
  labelNames: ["connector"] as const,
  registers,
});
export const reconcileDuration = new Histogram({
  name: "sightline_reconcile_duration_seconds",
  help: "Duration of full reconcile runs (load, reconcile, store the conflict set)",
  buckets: SLOW,
  registers,
});
export const alertDeliveries = new Counter({
  name: "sightline_alert_deliveries_total",
  help: "Alert messages by sink and outcome (delivered, already_sent, failed)",
  labelNames: ["sink", "outcome"] as const,
  registers,
});
export const httpRequests = new Counter({
  name: "sightline_http_requests_total",
  help: "HTTP requests answered, by route, method and status",
  labelNames: ["route", "method", "status"] as const,
  registers,
});
export const httpDuration = new Histogram({
  name: "sightline_http_request_duration_seconds",
  help: "HTTP request duration by route",
  labelNames: ["route"] as const,
  buckets: [0.005, 0.025, 0.1, 0.25, 1, 2.5, 10],
  registers,
});

/** Runs one sync of `connector` and counts it: the run and its outcome, its records, its duration. */
export async function measureSync(connector: string, run: () => Promise<SyncReport>): Promise<SyncReport> {
  const started = process.hrtime.bigint();
  try {
    const report = await run();
    syncRuns.inc({ connector, outcome: report.paused ? "paused" : "ok" });
    for (const change of ["inserted", "updated", "unchanged", "removed"] as const)
      syncRecords.inc({ connector, change }, report[change]);
    syncQuarantined.inc({ connector }, report.quarantined);
    return report;
  } catch (error) {
    syncRuns.inc({ connector, outcome: "failed" });
    throw error;
  } finally {
    syncDuration.observe({ connector }, secondsSince(started));
  }
}

/** Seconds since `startedNs` (process.hrtime.bigint()), for the histograms. */
export function secondsSince(startedNs: bigint): number {
  return Number(process.hrtime.bigint() - startedNs) / 1e9;
}
