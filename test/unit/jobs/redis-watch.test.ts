import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { createRedisWatch } from "../../../src/jobs/queue/redis-watch.js";

function refused(): Error {
  return Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:6379"), { code: "ECONNREFUSED" });
}

describe("the Redis outage log", () => {
  it("says once that Redis is gone and once that it is back, however many parts report it", () => {
    const lines: string[] = [];
    let clock = 1_000;
    const watch = createRedisWatch(
      (l) => lines.push(l),
      () => clock,
    );
    const connection = new EventEmitter();
    watch.watch(connection);
    connection.emit("ready");
    expect(lines).toEqual([]);

    connection.emit("error", refused());
    watch.error("sync worker", refused());
    watch.error("alert queue", new Error("Connection is closed."));
    clock += 21_400;
    connection.emit("ready");
    expect(lines).toEqual([
      "Redis unreachable (connect ECONNREFUSED 127.0.0.1:6379); waiting for it, owed work resumes when it is back",
      "Redis is back after 21 s (2 more connection errors while it was away)",
    ]);

    // A second outage is reported again.
    watch.error("sync worker", refused());
    expect(lines).toHaveLength(3);
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
