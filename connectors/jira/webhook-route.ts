import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { type DeliveryDedupe, InMemoryDeliveryLog } from "./delivery-log.js";
import type { JiraMapContext } from "./map-issue.js";
import {
  handleJiraWebhook,
  type JiraWebhookOutcome,
  verifyJiraSignature,
  webhookClaimKey,
} from "./webhook.js";

/** Only to find which stored issue an event is about; the payload itself is validated by handleJiraWebhook. */
const NamedIssueSchema = z.object({ issue: z.object({ key: z.string() }) });

/** One Jira instance as the webhook route sees it. `jiraWebhookTarget()` builds one from a connector. */
export interface JiraWebhookTarget {
  secret: string;
  /** The mapper's context (field ids resolved once, cached by the connector). */
  context(): Promise<JiraMapContext>;
  storedUpdatedAt(nativeKey: string): Promise<string | null>;
}

export type JiraWebhookApply = Extract<JiraWebhookOutcome, { action: "apply" }>;

export interface JiraWebhookRouteDeps {
  target(instance: string): JiraWebhookTarget | undefined;
  /** Writes the outcome (upsert/remove/refetch) and triggers the reconcile; a throw answers 500 so Jira retries. */
  apply(outcome: JiraWebhookApply, instance: string): Promise<void>;
  deliveries?: DeliveryDedupe;
  /** Jira issue payloads with long descriptions stay well under this. */
  maxBodyBytes?: number;
  /** Failures of `apply` or of the context; defaults to stderr. */
  onError?: (error: unknown, instance: string) => void;
}

const PATH = /^\/webhooks\/jira\/([A-Za-z0-9][A-Za-z0-9_-]*)\/?$/;

/** The instance id of a Jira webhook path, or null when the path is not one. */
export function matchJiraWebhookPath(url: string | undefined): string | null {
  const path = new URL(url ?? "/", "http://localhost").pathname;
  return PATH.exec(path)?.[1] ?? null;
}

function reply(
  res: ServerResponse,
  status: number,
  body: Record<string, string>,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
}

/** Reads the body up to `max` bytes; null (and the request left draining) when it is larger. */
function readBody(req: IncomingMessage, max: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on("data", (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > max) {
        over = true;
        chunks.length = 0;
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (!over) resolve(Buffer.concat(chunks));
    });
    req.on("error", reject);
  });
}

/**
 * `POST /webhooks/jira/:instance` as a node:http handler: size limit (413), signature over the raw bytes
 * before any parsing (401), deduplication by `X-Atlassian-Webhook-Identifier`, then `apply`.
 */
export function createJiraWebhookHandler(deps: JiraWebhookRouteDeps) {
  const deliveries = deps.deliveries ?? new InMemoryDeliveryLog();
  const max = deps.maxBodyBytes ?? 1024 * 1024;
  const onError =
    deps.onError ??
    ((error: unknown, instance: string) =>
      process.stderr.write(
        `[${instance}] Jira webhook failed: ${error instanceof Error ? error.stack : String(error)}\n`,
      ));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const instance = matchJiraWebhookPath(req.url);
    if (!instance) return reply(res, 404, { error: "not found" });
    if (req.method !== "POST") return reply(res, 405, { error: "use POST" }, { Allow: "POST" });
    const target = deps.target(instance);
    if (!target) return reply(res, 404, { error: `no Jira instance ${instance} accepts webhooks` });

    const declared = Number(req.headers["content-length"] ?? "0");
    if (declared > max) {
      req.resume();
      return reply(res, 413, { error: `body larger than ${max} bytes` }, { Connection: "close" });
    }
    const body = await readBody(req, max);
    if (body === null)
      return reply(res, 413, { error: `body larger than ${max} bytes` }, { Connection: "close" });

    const signature = req.headers["x-hub-signature"];
    if (!verifyJiraSignature(body, typeof signature === "string" ? signature : undefined, target.secret)) {
      return reply(res, 401, { error: "invalid or missing X-Hub-Signature" });
    }

    let payload: unknown;
    try {
      payload = JSON.parse(body.toString("utf8"));
    } catch {
      // A signed body that is not JSON: Jira's bug or a misconfigured sender. Retrying will not help.
      return reply(res, 400, { error: "body is not JSON" });
    }

    let context: JiraMapContext;
    try {
      context = await target.context();
    } catch (error) {
      onError(error, instance);
      return reply(res, 503, { error: "cannot read the Jira field configuration; retry later" });
    }
    const header = req.headers["x-atlassian-webhook-identifier"];
    const deliveryId = typeof header === "string" ? header : null;
    // The stored version of the one issue an event names is read first, so the decision itself stays pure.
    const named = NamedIssueSchema.safeParse(payload);
    const issueKey = named.success ? named.data.issue.key : null;
    let stored: string | null;
    try {
      stored = issueKey === null ? null : await target.storedUpdatedAt(issueKey);
    } catch (error) {
      onError(error, instance);
      return reply(res, 503, { error: "cannot read the stored issue; retry later" });
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
    switch (outcome.action) {
      case "duplicate":
        return reply(res, 200, { status: "duplicate" });
      case "ignored":
        if (outcome.claimKey) deliveries.settle(outcome.claimKey);
        return reply(res, 200, { status: "ignored", reason: outcome.reason });
      case "invalid":
        if (outcome.claimKey) deliveries.settle(outcome.claimKey);
        return reply(res, 400, { error: outcome.reason });
      case "apply":
        try {
          await deps.apply(outcome, instance);
        } catch (error) {
          if (outcome.claimKey) deliveries.release(outcome.claimKey);
          onError(error, instance);
          return reply(res, 500, { error: "could not apply the event; Jira will retry" });
        }
        if (outcome.claimKey) deliveries.settle(outcome.claimKey);
        return reply(res, 200, { status: "applied" });
    }
  }

  return (req: IncomingMessage, res: ServerResponse): void => {
    handle(req, res).catch((error: unknown) => {
      onError(error, matchJiraWebhookPath(req.url) ?? "?");
      if (!res.headersSent) reply(res, 500, { error: "internal error" });
      else res.destroy();
    });
  };
}

/** Adapts a connector and a store lookup into a route target. */
export function jiraWebhookTarget(
  connector: { webhookSecret(): string; mapContext(): Promise<JiraMapContext> },
  storedUpdatedAt: (nativeKey: string) => Promise<string | null>,
): JiraWebhookTarget {
  return { secret: connector.webhookSecret(), context: () => connector.mapContext(), storedUpdatedAt };
}
