import { Redis } from "ioredis";
import { SightlineError } from "../../model/index.js";

export class RedisNotConfiguredError extends SightlineError {
  constructor(what: string) {
    super(
      "redis_not_configured",
      `${what} needs Redis: set REDIS_URL (e.g. redis://127.0.0.1:6379, or \`docker compose up redis\`). ` +
        "Without Redis, `sightline sync`, `reconcile` and `demo` run the same jobs in-process.",
    );
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/** The queue prefix every process uses unless told otherwise. */
export const DEFAULT_QUEUE_PREFIX = "sightline";

/** REDIS_URL, or a clear error naming what needed it. */
export function redisUrlFrom(env: Env, what: string): string {
  const url = env.REDIS_URL?.trim();
  if (!url) throw new RedisNotConfiguredError(what);
  if (!/^rediss?:\/\//.test(url)) {
    throw new SightlineError(
      "redis_url_invalid",
      `REDIS_URL must start with redis:// or rediss://, got "${url}"`,
    );
  }
  return url;
}

/**
 * Milliseconds before reconnection attempt `times` (1, 2, ...): 500 ms doubling to 10 s, so an outage costs
 * Redis and the log a handful of attempts a minute, not ioredis' default of one every 2 s forever.
 * https://github.com/redis/ioredis#auto-reconnect
 */
export function redisRetryDelay(times: number): number {
  return Math.min(250 * 2 ** Math.min(times, 6), 10_000);
}

/**
 * One ioredis connection. Workers need `maxRetriesPerRequest: null` (BullMQ refuses anything else for blocking
 * connections: a worker must wait out a Redis restart, not fail its commands). Producers keep ioredis' default
 * retries so an HTTP handler enqueueing a job fails in bounded time when Redis is down.
 * https://docs.bullmq.io/guide/going-to-production#maxretriesperrequest
 */
export function createRedis(url: string, role: "producer" | "worker", name?: string): Redis {
  // https://github.com/redis/ioredis#connect-to-redis (a URL plus options)
  return new Redis(url, {
    retryStrategy: redisRetryDelay,
    ...(role === "worker" ? { maxRetriesPerRequest: null } : {}),
    ...(name ? { connectionName: name } : {}),
  });
}

/** Closes a connection we own, waiting for pending replies (QUIT); a connection already gone is fine. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === "end") return;
  try {
    await redis.quit();
  } catch (error) {
    // QUIT on a socket that is already closing rejects with "Connection is closed": it is closed, as asked.
    if (!(error instanceof Error && /Connection is closed/.test(error.message))) throw error;
  }
}

/**
 * Where the queues live, read the same way by every process (`serve`, `worker`, the CLI's enqueueing):
 * REDIS_URL, and the prefix from `--prefix`, else SIGHTLINE_QUEUE_PREFIX, else the default. Two processes
 * reading one environment always name the same queues.
 */
export function queueLocation(
  env: Env,
  what: string,
  prefixOption?: string,
): { url: string; prefix: string } {
  const prefix = (prefixOption ?? env.SIGHTLINE_QUEUE_PREFIX ?? DEFAULT_QUEUE_PREFIX).trim();
  if (!/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/.test(prefix)) {
    throw new SightlineError(
      "queue_prefix_invalid",
      `the queue prefix must be letters, digits and _ . : - (SIGHTLINE_QUEUE_PREFIX or --prefix), got "${prefix}"`,
    );
  }
  return { url: redisUrlFrom(env, what), prefix };
}
