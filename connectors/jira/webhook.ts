import { z } from "zod";
import type { Connector } from "../../src/sync/contract.js";
import { type DeliveryDedupe, InMemoryDeliveryLog } from "../../src/sync/delivery-log.js";
import type { WebhookEndpoint, WebhookRequest, WebhookVerdict } from "../../src/sync/manifest.js";
import type { JiraConnector } from "./connector.js";
import type { JiraMapContext } from "./map.js";
import { jiraWebhookConnector } from "./webhook-apply.js";
import {
  handleJiraWebhook,
  type JiraWebhookApply,
  type JiraWebhookOutcome,
  verifyJiraSignature,
  webhookClaimKey,
} from "./webhook-event.js";

/** Only to find which stored issue an event is about; the payload itself is validated by handleJiraWebhook. */
const NamedIssueSchema = z.object({ issue: z.object({ key: z.string() }) });

export type { JiraWebhookApply };

export interface JiraWebhookTarget {
  secret: string;
  /** The mapper's context (field ids resolved once, cached by the connector). */
  context(): Promise<JiraMapContext>;
  storedUpdatedAt(nativeKey: string): Promise<string | null>;
}

const reply = (status: number, body: Record<string, unknown>, cause?: unknown): WebhookVerdict => ({
  reply: { status, body, ...(cause === undefined ? {} : { cause }) },
});

/**
 * One Jira instance's `POST /webhooks/jira/:instance`, after the server read the body: the signature over the
 * raw bytes before any parsing (401), deduplication by `X-Atlassian-Webhook-Identifier`, then the event's
 * change as a one-page connector. `toConnector` turns the outcome into that connector (re-reading issues).
 * https://developer.atlassian.com/cloud/jira/platform/webhooks/
 */
export function jiraWebhookEndpoint(
  target: JiraWebhookTarget,
  toConnector: (outcome: JiraWebhookApply) => Connector,
  deliveries: DeliveryDedupe = new InMemoryDeliveryLog(),
): WebhookEndpoint {
  async function receive(request: WebhookRequest): Promise<WebhookVerdict> {
    if (!verifyJiraSignature(request.body, request.header("x-hub-signature"), target.secret)) {
      return reply(401, { error: "invalid or missing X-Hub-Signature" });
    }
    let payload: unknown;
    try {
      payload = JSON.parse(request.body.toString("utf8"));
    } catch {
      // A signed body that is not JSON: Jira's bug or a misconfigured sender. Retrying will not help.
      return reply(400, { error: "body is not JSON" });
    }
    // Both reads below fail when Jira or the store is down: 503 asks Jira to retry later (the server logs why).
    let context: JiraMapContext;
    try {
      context = await target.context();
    } catch (error) {
      return reply(503, { error: "cannot read the Jira field configuration; retry later" }, error);
    }
    const deliveryId = request.header("x-atlassian-webhook-identifier") ?? null;
    // The stored version of the one issue an event names is read first, so the decision itself stays pure.
    const named = NamedIssueSchema.safeParse(payload);
    const issueKey = named.success ? named.data.issue.key : null;
    let stored: string | null;
    try {
      stored = issueKey === null ? null : await target.storedUpdatedAt(issueKey);
    } catch (error) {
      return reply(503, { error: "cannot read the stored issue; retry later" }, error);
    }
    let outcome: JiraWebhookOutcome;
    try {
      outcome = handleJiraWebhook(
        { deliveryId, payload },
        { context, storedUpdatedAt: (k) => (k === issueKey ? stored : null), deliveries },
      );
    } catch (error) {
      // The delivery was claimed before the failure: release it so Jira's retry is processed.
      const key = webhookClaimKey(context.instance, deliveryId);
      if (key) deliveries.release(key);
      throw error;
    }
    const settle = (claimKey: string | null) => (applied: boolean) => {
      if (!claimKey) return;
      if (applied) deliveries.settle(claimKey);
      else deliveries.release(claimKey);
    };
    switch (outcome.action) {
      case "duplicate":
        return reply(200, { status: "duplicate" });
      case "ignored":
        settle(outcome.claimKey)(true);
        return reply(200, { status: "ignored", reason: outcome.reason });
      case "invalid":
        settle(outcome.claimKey)(true);
        return reply(400, { error: outcome.reason });
      case "apply":
        return { apply: toConnector(outcome), settle: settle(outcome.claimKey) };
    }
  }
  return { receive };
}

/** The endpoint of a configured instance: its secret, its field cache, the store's stored versions. */
export function jiraConnectorEndpoint(
  connector: JiraConnector,
  storedUpdatedAt: (nativeKey: string) => Promise<string | null>,
  deliveries?: DeliveryDedupe,
): WebhookEndpoint {
  return jiraWebhookEndpoint(
    { secret: connector.webhookSecret(), context: () => connector.mapContext(), storedUpdatedAt },
    (outcome) => jiraWebhookConnector(connector, outcome),
    deliveries,
  );
}
