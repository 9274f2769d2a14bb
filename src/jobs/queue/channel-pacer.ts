import type { Redis } from "ioredis";
import type { AlertTarget } from "../../alerts/index.js";
import { recipientKey } from "../../alerts/index.js";

/**
 * Slack posts at most about one message per second per channel (a DM is a channel too); bursts above that
 * come back as 429s. Edits (chat.update) are not paced: their limit is per workspace. E-mail has no such limit.
 * https://docs.slack.dev/apis/web-api/rate-limits
 */
export function slackPaceMs(target: AlertTarget): number | null {
  return target.channel === "slack-dm" || target.channel === "slack-channel" ? 1000 : null;
}

export interface ChannelPacer {
  /**
   * Reserves the target's next free send slot and returns how many ms away it is (0: send now). The slot is
   * the caller's: it waits that long and sends without asking again.
   */
  reserve(target: AlertTarget): Promise<number>;
}

// One atomic step in Redis (its clock, shared by every worker): the slot is max(now, next free), and the next
// free slot moves one interval past it. Waiters queue up one interval apart instead of all waking together
// and racing for the same slot (which would spend the queue's limiter on fetches that send nothing).
// https://redis.io/docs/latest/develop/interact/programmability/eval-intro/
const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local interval = tonumber(ARGV[1])
local slot = math.max(now, tonumber(redis.call('GET', KEYS[1]) or '0'))
redis.call('SET', KEYS[1], slot + interval, 'PX', slot + interval - now)
return slot - now
`;

export function createChannelPacer(
  redis: Redis,
  prefix: string,
  paceMs: (target: AlertTarget) => number | null = slackPaceMs,
): ChannelPacer {
  return {
    async reserve(target) {
      const interval = paceMs(target);
      if (interval === null || interval <= 0) return 0;
      // https://redis.io/docs/latest/commands/eval/
      const wait: unknown = await redis.eval(RESERVE, 1, `${prefix}:pace:${recipientKey(target)}`, interval);
      if (typeof wait !== "number") throw new TypeError(`pacer script returned ${String(wait)}`);
      return wait;
    },
  };
}
