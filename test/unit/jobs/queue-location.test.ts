import { describe, expect, it } from "vitest";
import { queueLocation } from "../../../src/jobs/queue/connection.js";

describe("queueLocation: how every process names its queues", () => {
  const env = { REDIS_URL: "redis://127.0.0.1:6379", SIGHTLINE_QUEUE_PREFIX: "acme-prod" };
  it("reads the prefix from the option, else the environment, else the default", () => {
    expect(queueLocation(env, "serve")).toEqual({ url: "redis://127.0.0.1:6379", prefix: "acme-prod" });
    expect(queueLocation(env, "worker", "staging").prefix).toBe("staging");
    expect(queueLocation({ REDIS_URL: env.REDIS_URL }, "serve").prefix).toBe("sightline");
  });
  it("refuses a prefix Redis keys should not carry, and a missing REDIS_URL, saying who needed it", () => {
    expect(() => queueLocation({ ...env, SIGHTLINE_QUEUE_PREFIX: "acme prod" }, "serve")).toThrow(
      /queue prefix/,
    );
    expect(() => queueLocation({}, "sightline worker")).toThrow(/sightline worker needs Redis/);
  });
});
