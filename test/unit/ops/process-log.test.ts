import { describe, expect, it } from "vitest";
import { createProcessLog, logFormatFrom } from "../../../src/ops/process-log.js";

describe("the process log", () => {
  it("is text on a terminal and JSON elsewhere, unless SIGHTLINE_LOG_FORMAT says which", () => {
    expect(logFormatFrom({}, true)).toBe("text");
    expect(logFormatFrom({}, false)).toBe("json");
    expect(logFormatFrom({ SIGHTLINE_LOG_FORMAT: "JSON" }, true)).toBe("json");
    expect(logFormatFrom({ SIGHTLINE_LOG_FORMAT: "text" }, false)).toBe("text");
    expect(() => logFormatFrom({ SIGHTLINE_LOG_FORMAT: "pretty" }, false)).toThrow(
      'SIGHTLINE_LOG_FORMAT: expected json or text, got "pretty"',
    );
  });

  it("writes one JSON object per event with the level's name, an ISO time, the process and the fields", () => {
    const out: string[] = [];
    const log = createProcessLog("worker", "json", (t) => out.push(t));
    log.warn("alert job b-1 failed (will retry): timeout", { queue: "alert", jobId: "b-1", willRetry: true });
    log.info("stopped");
    expect(out).toHaveLength(2);
    expect(out.every((l) => l.endsWith("\n") && !l.slice(0, -1).includes("\n"))).toBe(true);
    const [first, second] = out.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(first).toMatchObject({
      level: "warn",
      name: "worker",
      pid: process.pid,
      msg: "alert job b-1 failed (will retry): timeout",
      queue: "alert",
      jobId: "b-1",
      willRetry: true,
    });
    expect(new Date(String(first?.time)).toISOString()).toBe(first?.time);
    expect(second).toMatchObject({ level: "info", msg: "stopped" });
  });

  it("on a terminal renders the same events as one readable line each, errors marked", () => {
    const out: string[] = [];
    const log = createProcessLog("serve", "text", (t) => out.push(t));
    log.info("listening on http://127.0.0.1:3000");
    log.warn("alert job b-1 failed", { queue: "alert", jobId: "b-1" });
    log.error("alert queue: NOSCRIPT No matching script");
    expect(out).toEqual([
      "sightline serve: listening on http://127.0.0.1:3000\n",
      "sightline serve: alert job b-1 failed (queue=alert, jobId=b-1)\n",
      "sightline serve: error: alert queue: NOSCRIPT No matching script\n",
    ]);
  });
});
