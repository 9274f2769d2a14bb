import type { AppContext } from "../jobs/app-context.js";
import { buildConnector, manifestOf } from "../jobs/connector-factory.js";
import { measureSync } from "../ops/metrics.js";
import { runSync, type WebhookEndpoint } from "../sync/index.js";
import type { OwedReconcile } from "./owed-reconcile.js";
import { createWebhookRoute } from "./webhook-route.js";

/**
 * `POST /webhooks/<kind>/<instance>` for every enabled instance whose kind takes webhooks (the registry's
 * manifests say which) and that can verify them. A delivery is written through the sync engine as a one-page
 * sync (validation, history, quarantine), then the reconcile is owed: in this process in the embedded default,
 * through the queue in distributed mode, retried until it runs. Null when no instance accepts webhooks.
 */
export async function createWebhooks(
  ctx: AppContext,
  owed: Pick<OwedReconcile, "owe">,
  log: (line: string) => void,
) {
  const endpoints = new Map<string, WebhookEndpoint>();
  for (const config of ctx.config.connectors) {
    // Only kinds with webhooks are built: building a sheets instance would already ask Google for a token.
    if (!config.enabled || !manifestOf(config).webhook) continue;
    const { manifest, options, connector } = await buildConnector(config, ctx.config, ctx.env);
    const opened = await manifest.webhook?.open(connector, options, {
      env: ctx.env,
      readCursor: () => ctx.store.sync.readCursor(config.id),
      storedUpdatedAt: async (key) =>
        (await ctx.store.actions.get(`${config.id}:${key}`))?.sourceUpdatedAt ?? null,
    });
    if (!opened) continue;
    if ("unavailable" in opened) {
      log(`${manifest.label} instance ${config.id} takes no webhooks: ${opened.unavailable} (404)`);
      continue;
    }
    endpoints.set(`${config.kind}/${config.id}`, opened);
  }
  if (endpoints.size === 0) return null;
  return createWebhookRoute({
    endpoint: (kind, instance) => endpoints.get(`${kind}/${instance}`),
    apply: async (connector, kind, instance) => {
      const report = await measureSync(instance, () => runSync(connector, ctx.store.sync, { now: ctx.now }));
      // Committed: from here the answer is 2xx. The reconcile is owed (retried until it runs), so neither a
      // Slack nor a Redis outage turns a stored delivery into a 500 that the tool's retry would then dedupe.
      if (report.changedIds.length > 0)
        await owed.owe(`${kind} webhook ${instance}: ${report.changedIds.join(", ")}`);
    },
    onError: (error, where) =>
      log(`${where} failed: ${error instanceof Error ? error.message : String(error)}`),
  });
}
