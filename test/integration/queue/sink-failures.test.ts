import { describe, expect, it } from "vitest";
import { mergeForRecipient, recipientKey } from "../../../src/alerts/index.js";
import { NoSinkError } from "../../../src/jobs/alert-work.js";
import {
  adminTargets,
  classifySinkError,
  fallbackTarget,
  readdress,
  SinkPermanentError,
  SinkRateLimitedError,
} from "../../../src/jobs/queue/index.js";
import { demoContext, planDemoIntents, tempDemo } from "./harness.js";

describe("classifySinkError", () => {
  it("reads Retry-After in seconds from our error and from Bolt's rate-limited error shape", () => {
    expect(classifySinkError(new SinkRateLimitedError("slack", 30))).toEqual({
      kind: "rate_limited",
      retryAfterMs: 30_000,
    });
    // @slack/web-api's WebAPIRateLimitedError: code slack_webapi_rate_limited_error, retryAfter in seconds.
    const bolt = Object.assign(new Error("A rate limit was exceeded"), {
      code: "slack_webapi_rate_limited_error",
      retryAfter: 1.5,
    });
    expect(classifySinkError(bolt)).toEqual({ kind: "rate_limited", retryAfterMs: 1500 });
  });

  it("knows Slack's permanent errors by code or by platform error data, and `unrecoverable: true`", () => {
    expect(classifySinkError(new SinkPermanentError("not_in_channel", "x"))).toEqual({
      kind: "permanent",
      code: "not_in_channel",
    });
    // @slack/web-api's platform error: code slack_webapi_platform_error, data.error the API's error string.
    const platform = Object.assign(new Error("An API error occurred: users_not_found"), {
      code: "slack_webapi_platform_error",
      data: { ok: false, error: "users_not_found" },
    });
    expect(classifySinkError(platform)).toEqual({ kind: "permanent", code: "users_not_found" });
    const smtp = Object.assign(new Error("550 mailbox unavailable"), {
      code: "EENVELOPE",
      unrecoverable: true,
    });
    expect(classifySinkError(smtp)).toEqual({ kind: "permanent", code: "EENVELOPE" });
  });

  it("treats everything else as worth a retry", () => {
    expect(classifySinkError(new Error("socket hang up"))).toEqual({ kind: "transient" });
    expect(
      classifySinkError(Object.assign(new Error("x"), { data: { error: "ratelimited_elsewhere" } })),
    ).toEqual({
      kind: "transient",
    });
    expect(classifySinkError("a string")).toEqual({ kind: "transient" });
    expect(new NoSinkError("x").code).toBe("no_alert_sink");
  });
});

describe("the fallback after a permanent failure", () => {
  const alerts = { adminChannel: "#sightline-admin", adminEmail: "ops@acmepay.example" };

  it("goes from an owner to the admin channel, then to the admin e-mail, then nowhere", () => {
    expect(adminTargets(alerts).map(recipientKey)).toEqual([
      "slack-channel:#sightline-admin",
      "email:ops@acmepay.example",
    ]);
    expect(fallbackTarget("slack-dm:U05C1MKT007", alerts)).toEqual({
      channel: "slack-channel",
      to: "#sightline-admin",
    });
    expect(fallbackTarget("slack-channel:#sightline-admin", alerts)).toEqual({
      channel: "email",
      to: "ops@acmepay.example",
    });
    expect(fallbackTarget("email:ops@acmepay.example", alerts)).toBeNull();
    expect(fallbackTarget("slack-dm:U1", { adminChannel: null, adminEmail: null })).toBeNull();
  });

  it("re-addresses a batch with fresh, deterministic keys in the fallback role", async () => {
    const ctx = await demoContext(tempDemo());
    try {
      const intents = (await planDemoIntents(ctx)).filter((i) => i.recipientKey === "slack-dm:U05C1MKT007");
      const [batch] = mergeForRecipient(intents).batches;
      if (!batch) throw new Error("no batch for Camille");
      const target = { channel: "slack-channel", to: "#sightline-admin" } as const;
      const once = readdress(batch, target);
      expect(readdress(batch, target)).toEqual(once);
      expect(once.map((i) => i.recipientKey)).toEqual(intents.map(() => "slack-channel:#sightline-admin"));
      expect(once.every((i) => i.role === "fallback" && !batch.keys.includes(i.key))).toBe(true);
      expect(once.map((i) => i.conflict.fingerprint)).toEqual(
        batch.intents.map((i) => i.conflict.fingerprint),
      );
    } finally {
      await ctx.store.close();
    }
  });
});
