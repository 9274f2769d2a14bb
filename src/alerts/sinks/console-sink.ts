import type { AlertTarget } from "../intent.js";
import type { AlertBatch } from "../merge.js";
import type { AlertSink, RenderedAlert } from "../sink.js";

/** Where an alert goes, in words (the console sink's banner, the demo's summary). */
export function describeTarget(target: AlertTarget): string {
  switch (target.channel) {
    case "slack-dm":
      return `Slack DM ${target.to}`;
    case "slack-channel":
      return `Slack channel ${target.to}`;
    case "email":
      return `e-mail ${target.to}`;
    case "unrouted":
      return "nobody (no owner reachable, no admin channel configured)";
  }
}

function banner(batch: AlertBatch, verb: string): string {
  const who = batch.recipient.name ? `${batch.recipient.name} — ` : "";
  const when = batch.deliverAfter ? `, after ${batch.deliverAfter}` : "";
  return `── ${verb} ${who}${describeTarget(batch.recipient.target)}${when} ──`;
}

/**
 * Prints alerts instead of sending them: the demo and the embedded default without Slack. It accepts every
 * target, so nothing planned is ever lost for lack of a sink.
 */
export function createConsoleSink(write: (s: string) => void): AlertSink {
  return {
    name: "console",
    accepts: () => true,
    async deliver(batch: AlertBatch, rendered: RenderedAlert) {
      write(`${banner(batch, "to")}\n${rendered.text}\n`);
      return { messageRef: JSON.stringify({ sink: "console", key: batch.key }) };
    },
    async update(batch: AlertBatch, messageRef: string, rendered: RenderedAlert) {
      write(`${banner(batch, "update for")}\n(edits the earlier message ${messageRef})\n${rendered.text}\n`);
      return { messageRef };
    },
  };
}
