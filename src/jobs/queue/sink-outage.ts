import type { Redis } from "ioredis";

export interface OutageBackoff {
  /** Hold after the first failed probe; doubles with each probe that fails again. */
  initialMs: number;
  maxMs: number;
}

export const DEFAULT_OUTAGE_BACKOFF: OutageBackoff = { initialMs: 2_000, maxMs: 60_000 };

/**
 * A sink that cannot be reached at all (Slack or the SMTP server down, DNS, 5xx) is down for every message,
 * not for the one that found out. While it is marked down, alert jobs for it wait without trying and without
 * spending an attempt, so an outage of any length loses nothing; when the mark expires the next job is the
 * probe. Marks live in Redis, shared by every worker.
 */
export interface SinkOutage {
  /** ms until the sink's next probe, 0 when it is not marked down. */
  downFor(sink: string): Promise<number>;
  /** A failed send: marks the sink down (longer after each failed probe) and returns how long, in ms. */
  failed(sink: string): Promise<number>;
  /** A send that went through: the sink is up, the next outage starts from the initial hold again. */
  reached(sink: string): Promise<void>;
}

// Atomic, so that the workers that failed together during one hold double it once, not once each.
// https://redis.io/docs/latest/develop/interact/programmability/eval-intro/
const MARK_DOWN = `
local ttl = redis.call('PTTL', KEYS[1])
if ttl > 0 then return ttl end
local n = redis.call('INCR', KEYS[2])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
local hold = math.min(tonumber(ARGV[2]), tonumber(ARGV[1]) * 2 ^ (n - 1))
redis.call('SET', KEYS[1], n, 'PX', math.floor(hold))
return math.floor(hold)
`;

export function createSinkOutage(
  redis: Redis,
  prefix: string,
  backoff: OutageBackoff = DEFAULT_OUTAGE_BACKOFF,
): SinkOutage {
  const down = (sink: string) => `${prefix}:sink-down:${sink}`;
  const probes = (sink: string) => `${prefix}:sink-probes:${sink}`;
  return {
    async downFor(sink) {
      // https://redis.io/docs/latest/commands/pttl/
      return Math.max(0, await redis.pttl(down(sink)));
    },
    async failed(sink) {
      // The probe count is forgotten an hour after the last failure: a new outage starts short again.
      // https://redis.io/docs/latest/commands/eval/
      const hold: unknown = await redis.eval(
        MARK_DOWN,
        2,
        down(sink),
        probes(sink),
        backoff.initialMs,
        backoff.maxMs,
        3_600_000,
      );
      if (typeof hold !== "number") throw new TypeError(`outage script returned ${String(hold)}`);
      return hold;
    },
    async reached(sink) {
      await redis.del(down(sink), probes(sink));
    },
  };
}
