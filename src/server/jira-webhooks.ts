import {
  createJiraConnector,
  createJiraWebhookHandler,
  type JiraConnector,
  JiraOptionsSchema,
  jiraWebhookConnector,
  jiraWebhookTarget,
  parseJiraConfig,
} from "../../connectors/jira/index.js";
import type { AppContext } from "../jobs/app-context.js";
import { runSync } from "../sync/index.js";
import type { SlackWork } from "./slack/slack-deps.js";

/**
 * `POST /webhooks/jira/:instance` for every Jira instance that names a webhook secret (the others answer
 * 404: an unverifiable webhook is never accepted). A delivery is written through the sync engine as a
 * one-page sync (validation, history, quarantine), then reconcile runs: in this process in the embedded
 * default, through the queue in distributed mode (`work.reconcile`).
 */
export async function createJiraWebhooks(
  ctx: AppContext,
  work: Pick<SlackWork, "reconcile">,
  log: (line: string) => void,
) {
  const connectors = new Map<string, JiraConnector>();
  for (const c of ctx.config.connectors) {
    if (c.kind !== "jira" || !c.enabled) continue;
    const { id, kind: _k, enabled: _e, syncEveryMinutes: _s, deletionGuard: _d, ...options } = c;
    const config = parseJiraConfig(
      { ...JiraOptionsSchema.parse(options), id, kind: "jira" },
      `connector "${id}"`,
    );
    if (!config.webhookSecretEnv || !ctx.env[config.webhookSecretEnv]) {
      log(`serve: Jira instance ${id} has no webhook secret set: its webhooks answer 404`);
      continue;
    }
    const connector = createJiraConnector(config, { env: ctx.env });
    connector.primeFromCursor(await ctx.store.sync.readCursor(id));
    connectors.set(id, connector);
  }
  if (connectors.size === 0) return null;
  return createJiraWebhookHandler({
    target: (id) => {
      const connector = connectors.get(id);
      if (!connector) return undefined;
      return jiraWebhookTarget(
        connector,
        async (key) => (await ctx.store.actions.get(`${id}:${key}`))?.sourceUpdatedAt ?? null,
      );
    },
    apply: async (outcome, id) => {
      const connector = connectors.get(id);
      if (!connector) return;
      const report = await runSync(jiraWebhookConnector(connector, outcome), ctx.store.sync, {
        now: ctx.now,
      });
      if (report.changedIds.length > 0)
        await work.reconcile(`jira webhook ${id}: ${report.changedIds.join(", ")}`);
    },
    onError: (error) =>
      log(`serve: Jira webhook failed: ${error instanceof Error ? error.message : String(error)}`),
  });
}
