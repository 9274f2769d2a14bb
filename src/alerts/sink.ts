import type { AlertTarget } from "./intent.js";
import type { AlertBatch } from "./merge.js";
import { renderBatchBlocks, type SlackMessage } from "./render-blocks.js";
import { batchSubject, renderBatchHtml, renderBatchText } from "./render-text.js";

/** Every form a sink may need; rendered once per batch so all sinks say the same thing. */
export interface RenderedAlert {
  subject: string;
  text: string;
  html: string;
  slack: SlackMessage;
}

export function renderAlert(batch: AlertBatch): RenderedAlert {
  return {
    subject: batchSubject(batch),
    text: renderBatchText(batch),
    html: renderBatchHtml(batch),
    slack: renderBatchBlocks(batch),
  };
}

/**
 * Delivers rendered alerts to one kind of target. Idempotency lives in the ledger and the job id, not here:
 * a sink sends what it is given. Errors propagate (a SightlineError with a code saying whether a retry can
 * help) so the job runner decides between retrying and falling back.
 */
export interface AlertSink {
  readonly name: string;
  accepts(target: AlertTarget): boolean;
  /** Sends a new message; the returned ref (opaque to everyone but this sink) lets it be edited later. */
  deliver(batch: AlertBatch, rendered: RenderedAlert): Promise<{ messageRef: string | null }>;
  /**
   * The message this sink already posted for this batch, if the vendor has one (an attempt that died after
   * the post and before the ledger said so); null when there is none or the sink cannot tell.
   */
  findSent?(batch: AlertBatch): Promise<{ messageRef: string } | null>;
  /** Edits a message this sink sent (a conflict that cleared); returns the ref of the edited message. */
  update(
    batch: AlertBatch,
    messageRef: string,
    rendered: RenderedAlert,
  ): Promise<{ messageRef: string | null }>;
}
