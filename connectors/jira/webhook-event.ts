import { z } from "zod";
import type { PersonInput } from "../../src/model/index.js";
import type { PageItem } from "../../src/sync/contract.js";
import type { DeliveryDedupe } from "../../src/sync/delivery-log.js";
import { verifyHmacSha256 } from "../../src/sync/webhook-signature.js";
import { JiraError } from "./errors.js";
import { parseJiraTimestamp } from "./jql.js";
import { type JiraMapContext, mapJiraIssue } from "./map.js";

/**
 * Jira webhooks, without any HTTP: signature check, payload schema, and event → store changes.
 * https://developer.atlassian.com/cloud/jira/platform/webhooks/
 */

/** Jira's `X-Hub-Signature: sha256=<hex>` (WebSub style): HMAC-SHA256 of the raw body with the secret. */
export function verifyJiraSignature(rawBody: Buffer, header: string | undefined, secret: string): boolean {
  if (secret.length === 0) {
    throw new JiraError("jira_missing_secret", "The Jira webhook secret is empty: it would verify any body");
  }
  return verifyHmacSha256(rawBody, header, secret);
}

const Id = z.union([z.string(), z.number()]).transform(String);

/**
 * One changed field. Jira leaves `fromString`/`toString` out for some fields (custom fields set by automation,
 * Data Center's older payloads). Only the item's own keys are read: a plain object without its own `toString`
 * would otherwise offer Object.prototype.toString, a function, and fail the whole delivery.
 */
const ChangelogItemSchema = z.preprocess(
  (v) => (v !== null && typeof v === "object" ? Object.assign(Object.create(null), v) : v),
  z.object({
    field: z.string(),
    fieldId: z.string().optional(),
    from: z.string().nullable().optional(),
    fromString: z.string().nullable().optional(),
    to: z.string().nullable().optional(),
    toString: z.string().nullable().optional(),
  }),
);

export const JiraIssueEventSchema = z.object({
  /** Epoch milliseconds on Cloud; some Data Center versions send text. */
  timestamp: z.union([z.number(), z.string()]),
  webhookEvent: z.enum(["jira:issue_created", "jira:issue_updated", "jira:issue_deleted"]),
  issue_event_type_name: z.string().optional(),
  /** The whole issue; validated field by field by the mapper, like a search result. */
  issue: z.object({
    id: Id,
    key: z.string().min(1),
    fields: z.looseObject({ updated: z.string().optional() }),
  }),
  changelog: z
    .object({
      id: z.string().optional(),
      items: z.array(ChangelogItemSchema),
    })
    .optional(),
});

/** Link events carry issue ids only, not keys or the issues themselves. */
export const JiraIssueLinkEventSchema = z.object({
  timestamp: z.union([z.number(), z.string()]),
  webhookEvent: z.enum(["issuelink_created", "issuelink_deleted"]),
  issueLink: z.object({
    id: Id,
    sourceIssueId: Id,
    destinationIssueId: Id,
    issueLinkType: z.object({
      id: Id.optional(),
      name: z.string(),
      outwardName: z.string().optional(),
      inwardName: z.string().optional(),
    }),
    systemLink: z.boolean().optional(),
  }),
});

export const JiraWebhookPayloadSchema = z.union([JiraIssueEventSchema, JiraIssueLinkEventSchema]);
export type JiraWebhookPayload = z.infer<typeof JiraWebhookPayloadSchema>;

export const HANDLED_EVENTS: readonly string[] = [
  ...JiraIssueEventSchema.shape.webhookEvent.options,
  ...JiraIssueLinkEventSchema.shape.webhookEvent.options,
];

/** What the server must do with a delivery. `apply` goes to the store (and then to an incremental reconcile). */
export type JiraWebhookOutcome =
  | {
      action: "apply";
      claimKey: string | null;
      upsert?: PageItem;
      people?: PersonInput[];
      removedKeys?: string[];
      /**
       * Issue ids or keys to re-read within the instance's JQL (link events name issues by id only; an
       * issue not stored yet may be outside the JQL). Re-read with `connector.fetchInScope`.
       */
      refetchKeys?: string[];
    }
  | { action: "duplicate"; claimKey: string }
  | { action: "ignored"; claimKey: string | null; reason: string }
  | { action: "invalid"; claimKey: string | null; reason: string };

export type JiraWebhookApply = Extract<JiraWebhookOutcome, { action: "apply" }>;

export interface JiraWebhookEvent {
  /** `X-Atlassian-Webhook-Identifier`; deliveries without one are processed without deduplication. */
  deliveryId?: string | null;
  /** The parsed JSON body (after the signature was verified on the raw bytes). */
  payload: unknown;
}

export interface JiraWebhookDeps {
  context: JiraMapContext;
  /** `sourceUpdatedAt` of the stored, not removed action of this instance, or null. */
  storedUpdatedAt: (nativeKey: string) => string | null;
  deliveries?: DeliveryDedupe;
}

const lower = (s: string) => s.trim().toLowerCase();

/** Delivery ids are unique per site; the instance prefix keeps two sites' ids apart in one log. */
export function webhookClaimKey(instance: string, deliveryId: string | null | undefined): string | null {
  return deliveryId ? `${instance}:${deliveryId}` : null;
}

/**
 * An event → what to change. A delivery seen before is a duplicate; an issue event older than what is
 * stored is ignored (retries arrive late and out of order); link events of other types are ignored.
 */
export function handleJiraWebhook(event: JiraWebhookEvent, deps: JiraWebhookDeps): JiraWebhookOutcome {
  const claimKey = webhookClaimKey(deps.context.instance, event.deliveryId);
  if (claimKey && deps.deliveries && !deps.deliveries.claim(claimKey))
    return { action: "duplicate", claimKey };

  const kind = z.object({ webhookEvent: z.string() }).safeParse(event.payload);
  if (!kind.success) return { action: "invalid", claimKey, reason: "the body has no webhookEvent" };
  if (!HANDLED_EVENTS.includes(kind.data.webhookEvent)) {
    return { action: "ignored", claimKey, reason: `event ${kind.data.webhookEvent} is not used` };
  }
  const parsed = JiraWebhookPayloadSchema.safeParse(event.payload);
  if (!parsed.success) {
    const why = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    return { action: "invalid", claimKey, reason: `${kind.data.webhookEvent} payload: ${why}` };
  }
  const payload = parsed.data;

  if ("issueLink" in payload) {
    const link = payload.issueLink;
    if (lower(link.issueLinkType.name) !== lower(deps.context.config.linkType)) {
      return { action: "ignored", claimKey, reason: `link type ${link.issueLinkType.name} is not tracked` };
    }
    // Both ends are re-read: the edge lives on the dependent, and re-reading both does not depend on
    // which end Jira calls the source.
    return { action: "apply", claimKey, refetchKeys: [link.sourceIssueId, link.destinationIssueId] };
  }

  const { issue } = payload;
  if (payload.webhookEvent === "jira:issue_deleted")
    return { action: "apply", claimKey, removedKeys: [issue.key] };

  const stored = deps.storedUpdatedAt(issue.key);
  // Jira's webhook filter may be wider than the instance's JQL: an issue not stored yet is re-read through a
  // search scoped by the JQL, so only issues of this instance get in.
  // By id: the re-read can then ask Jira to reconcile it (an id survives a move to another project, too).
  if (stored === null) return { action: "apply", claimKey, refetchKeys: [issue.id] };
  const incoming = issue.fields.updated ? parseJiraTimestamp(issue.fields.updated) : null;
  const known = parseJiraTimestamp(stored);
  if (incoming && known && incoming.epochMs < known.epochMs) {
    return {
      action: "ignored",
      claimKey,
      reason: `${issue.key} updated ${issue.fields.updated} is older than the stored ${stored}`,
    };
  }
  const where = `${deps.context.instance} webhook ${payload.webhookEvent}${event.deliveryId ? ` ${event.deliveryId}` : ""}`;
  const mapped = mapJiraIssue(issue, deps.context, where);
  return { action: "apply", claimKey, upsert: mapped.item, people: mapped.person ? [mapped.person] : [] };
}
