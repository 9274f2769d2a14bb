import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { redisRetryDelay } from "../../../src/jobs/queue/connection.js";
import { createRedisWatch } from "../../../src/jobs/queue/redis-watch.js";

function refused(): Error {
  return Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:6379"), { code: "ECONNREFUSED" });
}

describe("the Redis outage log", () => {
  it("says once that Redis is gone and once that it is back, however many parts report it", () => {
    const lines: string[] = [];
    let clock = 1_000;
    const watch = createRedisWatch((l) => lines.push(l), {
      address: "redis://127.0.0.1:6379",
      now: () => clock,
    });
    const connection = new EventEmitter();
    watch.watch(connection);
    connection.emit("ready");
    expect(lines).toEqual([]);

    clock = Date.UTC(2026, 11, 4, 9, 30, 0);
    connection.emit("error", refused());
    connection.emit("reconnecting", 500);
    watch.error("sync worker", refused());
    watch.error("alert queue", new Error("Connection is closed."));
    connection.emit("error", refused());
    connection.emit("reconnecting", 1000);
    clock += 21_400;
    connection.emit("ready");
    expect(lines).toEqual([
      "Redis at redis://127.0.0.1:6379 unreachable (connect ECONNREFUSED 127.0.0.1:6379); next retry at 09:30:00 UTC (in 500 ms, backing off to 10 s); owed work resumes when it is back",
      "Redis is back after 21 s (3 more connection errors while it was away)",
    ]);

    // A second outage is reported again.
    connection.emit("error", refused());
    connection.emit("reconnecting", 500);
    expect(lines).toHaveLength(3);
  });

  it("without a reconnect delay from a watched connection, still says it once, two seconds in", () => {
    const lines: string[] = [];
    let clock = 0;
    const watch = createRedisWatch((l) => lines.push(l), { now: () => clock });
    watch.error("alert queue", refused());
    clock += 1_000;
    watch.error("alert queue", refused());
    expect(lines).toEqual([]);
    clock += 1_000;
    watch.error("sync worker", refused());
    watch.error("sync worker", refused());
    expect(lines).toEqual([
      "Redis unreachable (connect ECONNREFUSED 127.0.0.1:6379); retrying with backoff; owed work resumes when it is back",
    ]);
  });

  it("backs off from 500 ms to 10 s between reconnection attempts", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 50].map(redisRetryDelay)).toEqual([
      500, 1000, 2000, 4000, 8000, 10_000, 10_000, 10_000,
    ]);
  });

  it("logs every error that is not about the connection, as it comes", () => {
    const lines: string[] = [];
    const watch = createRedisWatch((l) => lines.push(l));
    watch.error("alert queue", new Error("NOSCRIPT No matching script"));
    watch.error("alert queue", new Error("NOSCRIPT No matching script"));
    expect(lines).toEqual([
      "alert queue: NOSCRIPT No matching script",
      "alert queue: NOSCRIPT No matching script",
    ]);
  });
});
