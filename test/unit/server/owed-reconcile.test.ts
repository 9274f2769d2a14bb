import { describe, expect, it } from "vitest";
import { createOwedReconcile } from "../../../src/server/owed-reconcile.js";

const fast = { maxAttempts: Number.POSITIVE_INFINITY, baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 2 };

describe("an owed reconcile", () => {
  it("is retried until it runs, and what is owed meanwhile makes one more run, not a loop each", async () => {
    const calls: string[] = [];
    let failures = 3;
    const owed = createOwedReconcile(
      {
        reconcile: async (reason) => {
          calls.push(reason);
          if (failures-- > 0) throw new Error("Slack is down");
        },
      },
      { answerWithinMs: 60_000, policy: fast, log: () => {} },
    );
    const first = owed.owe("webhook 1");
    const second = owed.owe("webhook 2");
    const third = owed.owe("webhook 3");
    expect(await Promise.all([first, second, third])).toEqual(["done", "done", "done"]);
    // Three failed tries and the run that succeeded, then one run for what was owed meanwhile.
    expect(calls).toEqual(["webhook 1", "webhook 1", "webhook 1", "webhook 1", "webhook 2; webhook 3"]);
    await owed.stop();
  });

  it("answers 'owed' when the reconcile outlasts the answer window, and stops retrying on stop()", async () => {
    let tries = 0;
    const owed = createOwedReconcile(
      {
        reconcile: async () => {
          tries++;
          throw new Error("Redis is down");
        },
      },
      { answerWithinMs: 5, policy: fast, log: () => {} },
    );
    expect(await owed.owe("webhook")).toBe("owed");
    await owed.stop();
    const after = tries;
    await new Promise((r) => setTimeout(r, 20));
    expect(tries).toBe(after);
    expect(tries).toBeGreaterThan(0);
  });
});
