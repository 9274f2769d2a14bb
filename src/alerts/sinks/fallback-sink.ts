import { z } from "zod";
import { SightlineError } from "../../model/index.js";
import type { AlertTarget } from "../intent.js";
import type { AlertBatch } from "../merge.js";
import type { AlertSink, RenderedAlert } from "../sink.js";

/** True for an error a sink marked as permanent for its target (users_not_found, a 550 from SMTP...). */
export function isUnrecoverable(error: unknown): boolean {
  return error instanceof SightlineError && Reflect.get(error, "unrecoverable") === true;
}

const WrappedRefSchema = z.object({ sink: z.string().min(1), ref: z.string() });

/**
 * Tries the sinks that accept a target in order, moving to the next when one fails for good: an e-mail
 * address goes to Slack when users.lookupByEmail finds the person, by e-mail when it does not. Transient
 * errors (a 429, a network failure) are thrown as they are, for the job runner to retry. The ref records
 * which sink sent the message, so its update goes back to that sink.
 */
export function createFallbackSink(
  sinks: readonly AlertSink[],
  onFallback: (from: string, to: string, error: unknown) => void = () => {},
): AlertSink {
  const accepting = (target: AlertTarget) => sinks.filter((s) => s.accepts(target));
  return {
    name: `fallback(${sinks.map((s) => s.name).join(",")})`,
    accepts: (target) => accepting(target).length > 0,

    async deliver(batch: AlertBatch, rendered: RenderedAlert) {
      const candidates = accepting(batch.recipient.target);
      for (const [i, sink] of candidates.entries()) {
        const next = candidates[i + 1];
        try {
          const { messageRef } = await sink.deliver(batch, rendered);
          return { messageRef: messageRef === null ? null : JSON.stringify({ sink: sink.name, ref: messageRef }) };
        } catch (error) {
          if (!next || !isUnrecoverable(error)) throw error;
          onFallback(sink.name, next.name, error);
        }
      }
      throw new SightlineError("no_alert_sink", `no sink accepts ${JSON.stringify(batch.recipient.target)}`);
    },

    async update(batch: AlertBatch, messageRef: string, rendered: RenderedAlert) {
      let wrapped: z.infer<typeof WrappedRefSchema> | null = null;
      try {
        const parsed = WrappedRefSchema.safeParse(JSON.parse(messageRef));
        wrapped = parsed.success ? parsed.data : null;
      } catch {
        // A ref written by a bare sink before the fallback wrapped them: handed to the first accepting sink.
        wrapped = null;
      }
      const sink = wrapped
        ? sinks.find((s) => s.name === wrapped.sink)
        : accepting(batch.recipient.target)[0];
      if (!sink) {
        throw new SightlineError("no_alert_sink", `no sink can update message ${messageRef.slice(0, 120)}`);
      }
      const { messageRef: ref } = await sink.update(batch, wrapped ? wrapped.ref : messageRef, rendered);
      return { messageRef: ref === null ? null : JSON.stringify({ sink: sink.name, ref }) };
    },
  };
}
