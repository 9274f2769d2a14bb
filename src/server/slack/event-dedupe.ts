import { z } from "zod";
import { TtlCache } from "../../alerts/sinks/ttl-cache.js";

/** The Events API envelope (https://docs.slack.dev/apis/events-api/#callback-field): event_id is unique per event. */
const EnvelopeSchema = z.object({ type: z.literal("event_callback"), event_id: z.string().min(1) });

export interface MiddlewareArgs {
  body: unknown;
  next: () => Promise<void>;
}

/**
 * Bolt global middleware that lets each Events API event through once. Slack redelivers an event when its
 * ack was late or lost (X-Slack-Retry-Num); the retry carries the same event_id and is dropped here. Ids
 * are kept for `ttlMs` (Slack retries three times within about an hour).
 */
export function dedupeEvents(opts: { ttlMs: number; log: (line: string) => void; nowMs?: () => number }) {
  const seen = new TtlCache<string, true>(opts.ttlMs, 100_000, opts.nowMs);
  return async ({ body, next }: MiddlewareArgs): Promise<void> => {
    const envelope = EnvelopeSchema.safeParse(body);
    if (envelope.success && !seen.claim(envelope.data.event_id, true)) {
      opts.log(`slack: event ${envelope.data.event_id} already handled; duplicate dropped`);
      return;
    }
    await next();
  };
}
