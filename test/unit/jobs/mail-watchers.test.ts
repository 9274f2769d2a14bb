import { describe, expect, it } from "vitest";
import { openContext } from "../../../src/jobs/app-context.js";
import { loadAppConfig } from "../../../src/jobs/load-app-config.js";
import { startMailWatchers } from "../../../src/jobs/queue/mail-watchers.js";
import { SightlineError } from "../../../src/model/index.js";

describe("mail watchers in the worker", () => {
  it("enqueue a sync on new mail and start a dropped watch again, until stopped", async () => {
    const config = loadAppConfig("sightline.config.yaml", {});
    // One inbox of the test's own, in place of whatever e-mail instances the demo config holds.
    const others = config.connectors.filter((c) => c.kind !== "email");
    config.connectors.splice(0, config.connectors.length, ...others);
    config.connectors.push({
      id: "mail-watched",
      kind: "email",
      enabled: true,
      syncEveryMinutes: null,
      deletionGuard: null,
    });
    const ctx = await openContext(config, { dbPath: ":memory:", env: {} });
    const enqueued: string[] = [];
    const logs: string[] = [];
    let starts = 0;
    const watchers = startMailWatchers(
      ctx,
      { enqueueSync: async (id) => void enqueued.push(id) },
      {
        log: (l) => logs.push(l),
        retryMs: 5,
        connect: async () => ({
          async watch(onChange, signal, opts) {
            starts++;
            opts?.onReady?.("idle");
            onChange({ mode: "idle", count: starts });
            if (starts < 3) throw new SightlineError("imap_connection_lost", "connection closed by server");
            await new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve()));
          },
        }),
      },
    );
    while (starts < 3) await new Promise((r) => setTimeout(r, 5));
    await watchers.stop();
    expect(enqueued).toEqual(["mail-watched", "mail-watched", "mail-watched"]);
    expect(logs.filter((l) => l.includes("dropped"))).toHaveLength(2);
    expect(logs.some((l) => l.includes("connection closed by server"))).toBe(true);
    await ctx.store.close();
  });
});
