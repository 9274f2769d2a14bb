import { SightlineError } from "../../model/index.js";
import type { AlertTarget } from "../intent.js";
import type { AlertBatch } from "../merge.js";
import type { AlertSink, RenderedAlert } from "../sink.js";

/** True for an error a sink marked as permanent for its target (users_not_found, a 550 from SMTP...). */
export function isUnrecoverable(error: unknown): boolean {
  return error instanceof SightlineError && Reflect.get(error, "unrecoverable") === true;
}

/** A sink saying "this message ref is not one of mine" (`slack_foreign_message_ref`, `email_foreign_message_ref`). */
function isForeignRef(error: unknown): boolean {
  return error instanceof SightlineError && error.code.endsWith("foreign_message_ref");
}

/**
 * Tries the sinks that accept a target in order, moving to the next when one fails for good: an e-mail
 * address goes to Slack when users.lookupByEmail finds the person, by e-mail when it does not. Transient
 * errors (a 429, a network failure) are thrown as they are, for the job runner to retry; so is the last
 * sink's permanent error, for the runner's own fallback (the admin channel). Refs are the sinks' own (each
 * recognises its format), so an update reaches the sink that sent the message, whoever stored the ref.
 */
export function createFallbackSink(
  sinks: readonly AlertSink[],
  onFallback: (from: string, to: string, error: unknown) => void = () => {},
): AlertSink {
  const accepting = (target: AlertTarget) => sinks.filter((s) => s.accepts(target));
  const noSink = (what: string) => new SightlineError("no_alert_sink", `no sink ${what}`);
  return {
    name: `fallback(${sinks.map((s) => s.name).join(",")})`,
    accepts: (target) => accepting(target).length > 0,

    async deliver(batch: AlertBatch, rendered: RenderedAlert) {
      const candidates = accepting(batch.recipient.target);
      for (const [i, sink] of candidates.entries()) {
        const next = candidates[i + 1];
        try {
          return await sink.deliver(batch, rendered);
        } catch (error) {
          if (!next || !isUnrecoverable(error)) throw error;
          onFallback(sink.name, next.name, error);
        }
      }
      throw noSink(`accepts ${JSON.stringify(batch.recipient.target)}`);
    },

    async update(batch: AlertBatch, messageRef: string, rendered: RenderedAlert) {
      for (const sink of accepting(batch.recipient.target)) {
        try {
          return await sink.update(batch, messageRef, rendered);
        } catch (error) {
          if (!isForeignRef(error)) throw error;
        }
      }
      throw noSink(`recognises the message ref ${messageRef.slice(0, 120)}`);
    },
  };
}
