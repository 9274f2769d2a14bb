import type { SightlineConfig } from "../../config/index.js";
import type { JobQueues } from "./job-queues.js";

const PREFIX = "sync-";

export interface SchedulerReport {
  upserted: { instance: string; everyMinutes: number }[];
  removed: string[];
}

/**
 * One job scheduler per enabled connector instance with `syncEveryMinutes`, and none for the others: a
 * scheduler left over from an instance since disabled or removed from the config is removed. Upserting is
 * idempotent, so every worker process does it at start and the last config deployed wins.
 * https://docs.bullmq.io/guide/job-schedulers
 */
export async function upsertSyncSchedulers(
  queues: Pick<JobQueues, "sync">,
  config: Pick<SightlineConfig, "connectors">,
): Promise<SchedulerReport> {
  const wanted = config.connectors.filter(
    (c): c is typeof c & { syncEveryMinutes: number } => c.enabled && c.syncEveryMinutes !== null,
  );
  const report: SchedulerReport = { upserted: [], removed: [] };
  for (const c of wanted) {
    // https://api.docs.bullmq.io/classes/v6.Queue.html#upsertjobscheduler
    await queues.sync.upsertJobScheduler(
      `${PREFIX}${c.id}`,
      { every: c.syncEveryMinutes * 60_000 },
      { name: "sync", data: { instance: c.id, reason: "schedule" } },
    );
    report.upserted.push({ instance: c.id, everyMinutes: c.syncEveryMinutes });
  }
  const keep = new Set(wanted.map((c) => `${PREFIX}${c.id}`));
  for (const s of await queues.sync.getJobSchedulers(0, -1)) {
    const id = s.key;
    if (id.startsWith(PREFIX) && !keep.has(id)) {
      await queues.sync.removeJobScheduler(id);
      report.removed.push(id.slice(PREFIX.length));
    }
  }
  return report;
}
