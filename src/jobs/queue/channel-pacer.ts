import type { Redis } from "ioredis";
import type { AlertTarget } from "../../alerts/index.js";
import { recipientKey } from "../../alerts/index.js";

/**
 * Slack posts at most about one message per second per channel (a DM is a channel too); bursts above that
 * come back as 429s. Pacing per target in Redis keeps every worker process under it together, so the
 * Retry-After path stays the exception, not the steady state. E-mail has no such limit.
 * https://api.slack.com/methods/chat.postMessage#rate_limiting
 */
export function slackPaceMs(target: AlertTarget): number | null {
  return target.channel === "slack-dm" || target.channel === "slack-channel" ? 1000 : null;
}

export interface ChannelPacer {
  /** 0 when the target's slot was taken for this send; otherwise how many ms until the next free slot. */
  acquire(target: AlertTarget): Promise<number>;
}

export function createChannelPacer(
  redis: Redis,
  prefix: string,
  paceMs: (target: AlertTarget) => number | null = slackPaceMs,
): ChannelPacer {
  return {
    async acquire(target) {
      const interval = paceMs(target);
      if (interval === null || interval <= 0) return 0;
      const key = `${prefix}:pace:${recipientKey(target)}`;
      // SET NX PX: the first sender in the interval owns it; the others learn how long it has left.
      // https://redis.io/docs/latest/commands/set/
      const taken = await redis.set(key, "1", "PX", interval, "NX");
      if (taken === "OK") return 0;
      const left = await redis.pttl(key);
      // -2: the slot expired between the two commands; try again at once rather than wait a whole interval.
      return left > 0 ? left : 1;
    },
  };
}
