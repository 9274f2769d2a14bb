import type { Queue } from "bullmq";
import { Gauge, Registry } from "prom-client";
import type { Store } from "../store/port.js";

/** What the scrape reads besides the process' own counters: the shared store and, in distributed mode, Redis. */
export interface ScrapeSources {
  store: Store;
  /** The configured connector instances, so each shows (0 quarantined included). */
  connectors: readonly string[];
  /** The job queues by name, when this process has them (REDIS_URL set). */
  queues?: Readonly<Record<string, Queue>> | null;
}

const QUEUE_STATES = ["waiting", "active", "delayed", "failed", "prioritized"] as const;

/**
 * Gauges read fresh on each scrape into a registry of their own (then merged with the process' one): the same
 * figures whichever process is scraped, and nothing to keep in step between runs.
 */
export async function storeGauges(sources: ScrapeSources): Promise<Registry> {
  const registry = new Registry();
  const registers = [registry];
  const { store } = sources;

  const open = new Gauge({
    name: "sightline_conflicts_open",
    help: "Open conflicts by type and severity, as the last reconcile recorded them",
    labelNames: ["type", "severity"] as const,
    registers,
  });
  for (const c of await store.conflicts.list({ status: ["open"] }))
    open.inc({ type: c.type, severity: c.severity });

  const run = await store.conflicts.lastRun();
  const lastReconcile = new Gauge({
    name: "sightline_last_reconcile_timestamp_seconds",
    help: "When the last recorded reconcile ran (Unix time); absent before the first",
    registers,
  });
  if (run) lastReconcile.set(Date.parse(run.at) / 1000);

  const intents = new Gauge({
    name: "sightline_alert_intents",
    help: "Alert ledger entries by status (pending: claimed, not yet confirmed sent)",
    labelNames: ["status"] as const,
    registers,
  });
  for (const [status, n] of Object.entries(await store.alerts.countByStatus())) intents.set({ status }, n);

  const quarantined = new Gauge({
    name: "sightline_quarantined_records",
    help: "Records currently in quarantine (failed validation on their last read), by connector instance",
    labelNames: ["connector"] as const,
    registers,
  });
  for (const id of sources.connectors)
    quarantined.set({ connector: id }, await store.sync.countQuarantine(id));

  const lastSync = new Gauge({
    name: "sightline_sync_last_finished_timestamp_seconds",
    help: "When each connector instance's last sync run finished (Unix time), by its status",
    labelNames: ["connector", "status"] as const,
    registers,
  });
  for (const s of await store.sync.states()) {
    if (s.finishedAt)
      lastSync.set({ connector: s.instance, status: s.status ?? "unknown" }, Date.parse(s.finishedAt) / 1000);
  }

  if (sources.queues) {
    const depth = new Gauge({
      name: "sightline_queue_jobs",
      help: "Jobs in each queue by state",
      labelNames: ["queue", "state"] as const,
      registers,
    });
    for (const [name, queue] of Object.entries(sources.queues)) {
      // https://api.docs.bullmq.io/classes/v5.Queue.html#getJobCounts
      const counts = await queue.getJobCounts(...QUEUE_STATES);
      for (const state of QUEUE_STATES) depth.set({ queue: name, state }, counts[state] ?? 0);
    }
  }
  return registry;
}
