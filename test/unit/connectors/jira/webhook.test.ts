import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { handleJiraWebhook, verifyJiraSignature } from "../../../../connectors/jira/webhook-event.js";
import { InMemoryDeliveryLog } from "../../../../src/sync/delivery-log.js";
import { context, fixture, fixtureObject, fixtureText, PRIYA, recordOf } from "./support.js";

const SECRET = "It's a Secret to Everybody";
const body = Buffer.from(fixtureText("webhook-pay-142-due-changed.json"));
const sign = (b: Buffer, algo = "sha256", secret = SECRET) =>
  `${algo}=${createHmac(algo, secret).update(b).digest("hex")}`;

describe("verifyJiraSignature", () => {
  it("accepts the HMAC-SHA256 of the raw body", () => {
    expect(verifyJiraSignature(body, sign(body), SECRET)).toBe(true);
  });

  it("rejects a body with one byte changed", () => {
    const tampered = Buffer.from(body);
    const at = tampered.indexOf("2026-04-03");
    tampered[at + 9] = "4".charCodeAt(0);
    expect(tampered.equals(body)).toBe(false);
    expect(verifyJiraSignature(tampered, sign(body), SECRET)).toBe(false);
  });

  it("rejects a missing header, sha1=, another secret and garbage", () => {
    expect(verifyJiraSignature(body, undefined, SECRET)).toBe(false);
    expect(verifyJiraSignature(body, sign(body, "sha1"), SECRET)).toBe(false);
    expect(verifyJiraSignature(body, sign(body, "sha256", "other"), SECRET)).toBe(false);
    expect(verifyJiraSignature(body, "sha256=zz", SECRET)).toBe(false);
    expect(verifyJiraSignature(body, sign(body).slice(0, -2), SECRET)).toBe(false);
  });

  it("refuses to verify with an empty secret", () => {
    expect(() => verifyJiraSignature(body, sign(body, "sha256", ""), "")).toThrow(/secret is empty/);
  });
});

describe("handleJiraWebhook", () => {
  const payload = fixture("webhook-pay-142-due-changed.json");
  const deps = (stored: string | null = null, deliveries = new InMemoryDeliveryLog()) => ({
    context: context(),
    storedUpdatedAt: () => stored,
    deliveries,
  });

  it("turns the due-date change into an upsert of PAY-142 and its assignee", () => {
    const out = handleJiraWebhook({ deliveryId: "d-1", payload }, deps("2026-01-02T09:20:41.500+01:00"));
    expect(out.action).toBe("apply");
    if (out.action !== "apply") return;
    expect(recordOf(out.upsert!)).toMatchObject({
      nativeKey: "PAY-142",
      due: "2026-04-03",
      start: "2025-12-01",
    });
    expect(out.people?.map((p) => p.jiraAccountId)).toEqual([PRIYA]);
    expect(out.claimKey).toBe("jira-eng:d-1");
  });

  it("reads a changelog item that has no fromString/toString (a custom field set by automation)", () => {
    const event = fixtureObject("webhook-pay-142-due-changed.json");
    // As Jira sends it for such fields: ids in from/to, no display strings at all (not even null).
    event.changelog = {
      id: "10590",
      items: [
        {
          field: "Start date",
          fieldtype: "custom",
          fieldId: "customfield_10015",
          from: null,
          to: "2025-12-01",
        },
      ],
    };
    const out = handleJiraWebhook(
      { deliveryId: "d-2", payload: event },
      deps("2026-01-02T09:20:41.500+01:00"),
    );
    expect(out.action).toBe("apply");
    if (out.action === "apply")
      expect(recordOf(out.upsert!)).toMatchObject({ nativeKey: "PAY-142", due: "2026-04-03" });
  });

  it("re-reads an issue it does not store yet, within the JQL, instead of trusting the webhook's scope", () => {
    expect(handleJiraWebhook({ deliveryId: "n-1", payload }, deps(null))).toMatchObject({
      action: "apply",
      // By id (the fixture issue 10142), so the re-read can ask Jira to reconcile it.
      refetchKeys: ["10142"],
    });
  });

  it("processes a duplicate delivery once", () => {
    const log = new InMemoryDeliveryLog();
    const first = handleJiraWebhook({ deliveryId: "d-2", payload }, deps(null, log));
    expect(first.action).toBe("apply");
    // In flight: a concurrent retry is a duplicate too.
    expect(handleJiraWebhook({ deliveryId: "d-2", payload }, deps(null, log)).action).toBe("duplicate");
    log.settle("jira-eng:d-2");
    expect(handleJiraWebhook({ deliveryId: "d-2", payload }, deps(null, log)).action).toBe("duplicate");
    expect(handleJiraWebhook({ deliveryId: "d-3", payload }, deps(null, log)).action).toBe("apply");
  });

  it("processes a delivery again when applying it failed", () => {
    const log = new InMemoryDeliveryLog();
    expect(handleJiraWebhook({ deliveryId: "d-4", payload }, deps(null, log)).action).toBe("apply");
    log.release("jira-eng:d-4");
    expect(handleJiraWebhook({ deliveryId: "d-4", payload }, deps(null, log)).action).toBe("apply");
  });

  it("ignores an event older than what is stored, applies an equal or newer one", () => {
    const later = handleJiraWebhook({ deliveryId: "o-1", payload }, deps("2026-01-12T09:16:00.000Z"));
    expect(later).toMatchObject({
      action: "ignored",
      reason: expect.stringContaining("older than the stored"),
    });
    expect(
      handleJiraWebhook({ deliveryId: "o-2", payload }, deps("2026-01-12T10:14:58.312+01:00")).action,
    ).toBe("apply");
    expect(handleJiraWebhook({ deliveryId: "o-3", payload }, deps("2026-01-12T09:14:58.311Z")).action).toBe(
      "apply",
    );
  });

  it("removes a deleted issue", () => {
    const deleted = {
      ...fixtureObject("webhook-pay-142-due-changed.json"),
      webhookEvent: "jira:issue_deleted",
    };
    expect(handleJiraWebhook({ deliveryId: "x-1", payload: deleted }, deps())).toMatchObject({
      action: "apply",
      removedKeys: ["PAY-142"],
    });
  });

  it("re-reads both ends of a new Blocks link, ignores other link types", () => {
    const link = z
      .looseObject({ issueLink: z.looseObject({ issueLinkType: z.looseObject({}) }) })
      .parse(fixture("webhook-issuelink-created.json"));
    expect(handleJiraWebhook({ deliveryId: "l-1", payload: link }, deps())).toMatchObject({
      action: "apply",
      refetchKeys: ["10142", "10151"],
    });
    const relates = structuredClone(link);
    relates.issueLink.issueLinkType = {
      id: 10003,
      name: "Relates",
      outwardName: "relates to",
      inwardName: "relates to",
    };
    expect(handleJiraWebhook({ deliveryId: "l-2", payload: relates }, deps()).action).toBe("ignored");
  });

  it("ignores events it does not use and flags broken ones", () => {
    const comment = { timestamp: 1, webhookEvent: "comment_created", comment: { id: "1" } };
    expect(handleJiraWebhook({ deliveryId: "c-1", payload: comment }, deps()).action).toBe("ignored");
    const broken = { timestamp: 1, webhookEvent: "jira:issue_updated" };
    expect(handleJiraWebhook({ deliveryId: "c-2", payload: broken }, deps())).toMatchObject({
      action: "invalid",
      reason: expect.stringContaining("issue"),
    });
  });
});
