import type { ConnectorConfig } from "../config/index.js";
import { measureSync } from "../ops/metrics.js";
import { runSync, type SyncProgress, type SyncReport } from "../sync/index.js";
import type { AppContext } from "./app-context.js";
import { createConnector, UnknownConnectorError } from "./connector-factory.js";

export interface SyncWorkOptions {
  allowMassDeletion?: boolean;
  /** Re-read everything the source holds instead of what changed since the cursor. */
  full?: boolean;
  onProgress?: (p: SyncProgress) => void;
}

export function findConnector(ctx: AppContext, id: string): ConnectorConfig {
  const found = ctx.config.connectors.find((c) => c.id === id);
  if (!found) {
    const known = ctx.config.connectors.map((c) => c.id).join(", ") || "none";
    throw new UnknownConnectorError(`no connector "${id}" in ${ctx.config.file} (configured: ${known})`);
  }
  return found;
}

/** The `sync` job: one connector instance, from its stored cursor to the end of its pages. */
export async function syncConnector(
  ctx: AppContext,
  id: string,
  opts: SyncWorkOptions = {},
): Promise<SyncReport> {
  const config = findConnector(ctx, id);
  const connector = await createConnector(config, ctx.config, ctx.env, {
    fullScan: opts.full ?? false,
    current: (key) => ctx.store.actions.get(`${id}:${key}`),
  });
  return measureSync(id, () =>
    runSync(connector, ctx.store.sync, {
      now: ctx.now,
      guard: {
        ...(config.deletionGuard ?? {}),
        allowMassDeletion: opts.allowMassDeletion ?? false,
        overrideHint: `sightline sync --connector ${id} --allow-mass-deletion`,
      },
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    }),
  );
}
