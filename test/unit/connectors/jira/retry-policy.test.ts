import { describe, expect, it } from "vitest";
import {
  backoffDelayMs,
  decideRetry,
  type RetryPolicy,
  serverRequestedDelayMs,
} from "../../../../src/sync/retry.js";

const policy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 1000, maxDelayMs: 8000, maxRetryAfterMs: 60_000 };
const now = Date.UTC(2026, 0, 12, 10, 15, 0);
const res = (status: number, headers: Record<string, string> = {}) =>
  ({ kind: "response", status, headers: new Headers(headers) }) as const;

describe("server-requested delays", () => {
  it("reads Retry-After seconds before X-RateLimit-Reset", () => {
    const h = new Headers({ "Retry-After": "7", "X-RateLimit-Reset": "2026-01-12T10:16Z" });
    expect(serverRequestedDelayMs(h, now)).toBe(7000);
  });

  it("reads Atlassian's ISO X-RateLimit-Reset (yyyy-MM-ddTHH:mmZ)", () => {
    expect(serverRequestedDelayMs(new Headers({ "X-RateLimit-Reset": "2026-01-12T10:16Z" }), now)).toBe(
      60_000,
    );
  });

  it("reads epoch seconds and HTTP dates", () => {
    expect(serverRequestedDelayMs(new Headers({ "X-RateLimit-Reset": String(now / 1000 + 12) }), now)).toBe(
      12_000,
    );
    const date = new Date(now + 5000).toUTCString();
    expect(serverRequestedDelayMs(new Headers({ "Retry-After": date }), now)).toBe(5000);
  });

  it("is null without either header", () => {
    expect(serverRequestedDelayMs(new Headers(), now)).toBeNull();
  });
});

describe("decideRetry", () => {
  it("never retries 400, 401, 403, 404, 410", () => {
    for (const s of [400, 401, 403, 404, 410]) {
      expect(decideRetry(res(s), 1, policy, now, () => 0.5)).toEqual({ retry: false, why: "unrecoverable" });
    }
  });

  it("honours Retry-After on 429 and 503 exactly", () => {
    expect(decideRetry(res(429, { "Retry-After": "7" }), 1, policy, now, () => 0)).toMatchObject({
      retry: true,
      delayMs: 7000,
    });
    expect(decideRetry(res(503, { "Retry-After": "3" }), 1, policy, now, () => 0)).toMatchObject({
      delayMs: 3000,
    });
  });

  it("backs off with jitter under a cap for 5xx, network errors and header-less 429", () => {
    expect(decideRetry(res(502), 1, policy, now, () => 0.5)).toMatchObject({ retry: true, delayMs: 500 });
    expect(decideRetry(res(429), 3, policy, now, () => 0.999)).toMatchObject({ delayMs: 3996 });
    expect(
      decideRetry({ kind: "network", error: new Error("ECONNRESET") }, 2, policy, now, () => 1),
    ).toMatchObject({ delayMs: 2000 });
    for (let attempt = 1; attempt <= 10; attempt++) {
      expect(backoffDelayMs(attempt, policy, () => 0.9999)).toBeLessThan(policy.maxDelayMs);
    }
  });

  it("stops after maxAttempts and refuses waits beyond maxRetryAfterMs", () => {
    expect(decideRetry(res(500), 4, policy, now, () => 0)).toEqual({ retry: false, why: "exhausted" });
    expect(decideRetry(res(429, { "Retry-After": "3600" }), 1, policy, now, () => 0)).toEqual({
      retry: false,
      why: "wait_too_long",
      waitMs: 3_600_000,
    });
  });
});
