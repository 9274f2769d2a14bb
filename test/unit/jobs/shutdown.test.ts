import { describe, expect, it } from "vitest";
import {
  DEFAULT_SHUTDOWN_TIMEOUT_MS,
  finishesWithin,
  shutdownTimeoutFrom,
} from "../../../src/jobs/shutdown.js";

describe("the shutdown deadline", () => {
  it("is 30 s unless SIGHTLINE_SHUTDOWN_TIMEOUT_MS says otherwise, and refuses a value that is not milliseconds", () => {
    expect(shutdownTimeoutFrom({})).toBe(DEFAULT_SHUTDOWN_TIMEOUT_MS);
    expect(DEFAULT_SHUTDOWN_TIMEOUT_MS).toBe(30_000);
    expect(shutdownTimeoutFrom({ SIGHTLINE_SHUTDOWN_TIMEOUT_MS: " 5000 " })).toBe(5_000);
    for (const bad of ["0", "-1", "30s", "1.5", "3600001"]) {
      expect(() => shutdownTimeoutFrom({ SIGHTLINE_SHUTDOWN_TIMEOUT_MS: bad })).toThrow(
        `SIGHTLINE_SHUTDOWN_TIMEOUT_MS: expected milliseconds from 1 to 3600000, got "${bad}"`,
      );
    }
  });

  it("tells work that finished from work the time ran out on, and passes a failure through", async () => {
    expect(await finishesWithin(Promise.resolve(), 1_000)).toBe(true);
    expect(await finishesWithin(new Promise(() => {}), 10)).toBe(false);
    await expect(finishesWithin(Promise.reject(new Error("boom")), 1_000)).rejects.toThrow("boom");
  });
});
