import { printable } from "../../model/index.js";
import type { SourceStatus } from "../../web/api/source-schemas.js";
import { table } from "./table.js";

function state(s: SourceStatus): string {
  if (!s.configured) return "not configured";
  if (!s.enabled) return "disabled";
  return s.lastRun?.status ?? "never synced";
}

/**
 * `sightline sources`: each source's last run as the sources page shows it, then the message of every run
 * that did not end ok (in distributed mode the failure happened in a worker: this is where it is read).
 */
export function sourcesText(sources: readonly SourceStatus[]): string {
  const rows = sources.map((s) => [
    s.id,
    s.kind,
    state(s),
    s.lastRun?.finishedAt ?? s.lastRun?.startedAt ?? "-",
    s.actions.active,
    s.quarantine.total,
  ]);
  const out = [table(["source", "kind", "last run", "finished", "actions", "quarantined"], rows)];
  for (const s of sources) {
    const run = s.lastRun;
    if (run?.message && run.status !== "ok") {
      out.push(`${s.id}: ${run.status ?? "running"}: ${printable(run.message)}`);
    }
  }
  return out.join("\n");
}
