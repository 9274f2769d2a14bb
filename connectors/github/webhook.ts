import { z } from "zod";
import type { CheckResult, Connector, PageItem, SyncPage } from "../../src/sync/contract.js";
import { type DeliveryDedupe, InMemoryDeliveryLog } from "../../src/sync/delivery-log.js";
import type {
  WebhookEndpoint,
  WebhookReply,
  WebhookRequest,
  WebhookVerdict,
} from "../../src/sync/manifest.js";
import { verifyHmacSha256 } from "../../src/sync/webhook-signature.js";
import { issueKey, milestoneKey } from "./body-lines.js";
import type { GitHubConnector } from "./connector.js";
import { issueItems, milestoneItems, type PullOptions } from "./pull.js";
import { GitHubIssueSchema, GitHubMilestoneSchema } from "./raw-schema.js";

/**
 * GitHub's `issues` and `milestone` webhooks, after the server read the body: the signature over the raw
 * bytes before anything is parsed (401), deduplication by `X-GitHub-Delivery`, then the change as a
 * one-page connector. Redeliveries of an older state are dropped by `updated_at`.
 * https://docs.github.com/en/webhooks/webhook-events-and-payloads#issues
 */

const RepositoryRef = z.looseObject({ repository: z.looseObject({ full_name: z.string() }) });
const IssuesEvent = z.looseObject({ action: z.string(), issue: GitHubIssueSchema });
const MilestoneEvent = z.looseObject({ action: z.string(), milestone: GitHubMilestoneSchema });

type Decision = { reply: WebhookReply } | { connector: Connector };
const reply = (status: number, body: Record<string, unknown>): { reply: WebhookReply } => ({
  reply: { status, body },
});

/** The delivery as a connector the sync engine runs: its items, what it removes, the stored cursor kept. */
function oneDelivery(
  connector: GitHubConnector,
  change: (opts: PullOptions, signal?: AbortSignal) => Promise<{ items: PageItem[]; removedKeys: string[] }>,
): Connector {
  const opts: PullOptions = {
    client: connector.client,
    ctx: connector.mapContext,
    labels: connector.config.labels,
    pageSize: connector.config.pageSize,
    milestones: connector.config.milestones,
    fullScan: false,
  };
  return {
    source: connector.source,
    check: (): Promise<CheckResult> =>
      Promise.resolve({ ok: true, detail: `webhook delivery for ${connector.source.instance}` }),
    async *pull(cursor: unknown, signal?: AbortSignal): AsyncIterable<SyncPage> {
      yield { ...(await change(opts, signal)), cursor };
    },
  };
}

export function githubWebhookEndpoint(
  connector: GitHubConnector,
  secret: string,
  storedUpdatedAt: (nativeKey: string) => Promise<string | null>,
  deliveries: DeliveryDedupe = new InMemoryDeliveryLog(),
): WebhookEndpoint {
  const { repo } = connector.config;
  const instance = connector.source.instance;

  async function decide(event: string, payload: unknown): Promise<Decision> {
    const named = RepositoryRef.safeParse(payload);
    if (!named.success) return reply(400, { error: "the payload names no repository" });
    if (named.data.repository.full_name.toLowerCase() !== repo) {
      return reply(200, { status: "ignored", reason: `${named.data.repository.full_name} is not ${repo}` });
    }
    if (event === "issues") {
      const parsed = IssuesEvent.safeParse(payload);
      if (!parsed.success)
        return reply(400, { error: `issues payload: ${parsed.error.issues[0]?.message ?? "invalid"}` });
      const { action, issue } = parsed.data;
      const key = issueKey(repo, issue.number);
      if (action === "deleted" || action === "transferred") {
        return { connector: oneDelivery(connector, async () => ({ items: [], removedKeys: [key] })) };
      }
      const stored = await storedUpdatedAt(key);
      if (stored !== null && Date.parse(issue.updated_at) < Date.parse(stored)) {
        return reply(200, {
          status: "ignored",
          reason: `${key} updated ${issue.updated_at} is older than the stored ${stored}`,
        });
      }
      return {
        connector: oneDelivery(connector, async (opts, signal) => ({
          items: (await issueItems(opts, [issue], signal)).items,
          removedKeys: [],
        })),
      };
    }
    if (event === "milestone" && connector.config.milestones) {
      const parsed = MilestoneEvent.safeParse(payload);
      if (!parsed.success)
        return reply(400, { error: `milestone payload: ${parsed.error.issues[0]?.message ?? "invalid"}` });
      const { action, milestone } = parsed.data;
      if (action === "deleted") {
        return {
          connector: oneDelivery(connector, async () => ({
            items: [],
            removedKeys: [milestoneKey(repo, milestone.number)],
          })),
        };
      }
      return {
        connector: oneDelivery(connector, async (opts, signal) => ({
          items: await milestoneItems(opts, [milestone], signal),
          removedKeys: [],
        })),
      };
    }
    return reply(200, { status: "ignored", reason: `event ${event} is not used` });
  }

  async function receive(request: WebhookRequest): Promise<WebhookVerdict> {
    if (!verifyHmacSha256(request.body, request.header("x-hub-signature-256"), secret)) {
      return reply(401, { error: "invalid or missing X-Hub-Signature-256" });
    }
    let payload: unknown;
    try {
      payload = JSON.parse(request.body.toString("utf8"));
    } catch {
      // Signed but not JSON: a hook configured with content type form. Retrying will not help.
      return reply(400, { error: "body is not JSON: set the webhook's content type to application/json" });
    }
    const event = request.header("x-github-event") ?? "";
    if (event === "ping") return reply(200, { status: "ignored", reason: "ping" });
    const delivery = request.header("x-github-delivery");
    const claimKey = delivery ? `${instance}:${delivery}` : null;
    if (claimKey && !deliveries.claim(claimKey)) return reply(200, { status: "duplicate" });
    let verdict: Decision;
    try {
      verdict = await decide(event, payload);
    } catch (error) {
      if (claimKey) deliveries.release(claimKey);
      return {
        reply: { status: 503, body: { error: "cannot read the stored issue; retry later" }, cause: error },
      };
    }
    if ("reply" in verdict) {
      if (claimKey) deliveries.settle(claimKey);
      return verdict;
    }
    return {
      apply: verdict.connector,
      settle: (applied) => {
        if (!claimKey) return;
        if (applied) deliveries.settle(claimKey);
        else deliveries.release(claimKey);
      },
    };
  }
  return { receive };
}
