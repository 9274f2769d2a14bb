import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { freePort } from "./free-port.js";

/**
 * A Redis of the test's own on a free port, which the test may stop and start again (the shared 6379 is never
 * stopped by a test). By default nothing is persisted: a restart is an outage, and a fresh empty Redis after it.
 * With `persist`, every write is in an append-only file first (fsync always, as a production Redis for queues
 * is run), so a killed Redis comes back with its data.
 * https://redis.io/docs/latest/operate/oss_and_stack/management/persistence/
 */
export async function ownRedis(opts: { persist?: boolean } = {}) {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const url = `redis://127.0.0.1:${port}`;
  const persistence = opts.persist
    ? [
        "--dir",
        mkdtempSync(join(tmpdir(), "sightline-redis-")),
        "--appendonly",
        "yes",
        "--appendfsync",
        "always",
      ]
    : ["--appendonly", "no"];
  async function start(): Promise<void> {
    child = spawn(
      "redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", ...persistence],
      {
        stdio: "ignore",
      },
    );
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    for (let i = 0; ; i++) {
      try {
        await probe.connect();
        await probe.ping();
        probe.disconnect();
        return;
      } catch (error) {
        if (i > 100) throw error;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }
  async function stop(): Promise<void> {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once("exit", () => resolve());
      running.kill("SIGKILL");
    });
  }
  await start();
  return { url, port, start, stop };
}
