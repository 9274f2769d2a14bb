import type { SyncReport } from "../../sync/index.js";

export function describeSync(r: SyncReport): string {
  const parts = [
    `${r.inserted} new`,
    `${r.updated} changed`,
    `${r.unchanged} unchanged`,
    `${r.removed} removed`,
    `${r.quarantined} quarantined`,
  ];
  const head = `${r.instance} (${r.kind}): ${parts.join(", ")} in ${r.pages} page${r.pages === 1 ? "" : "s"}`;
  return r.paused ? `${head}\n  PAUSED: ${r.paused}` : head;
}
