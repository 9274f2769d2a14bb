import { type ActionRecord, ActionRecordSchema } from "../../src/model/index.js";
import type { PageItem } from "../../src/sync/contract.js";
import { EmailError } from "./errors.js";
import { describeMessage, type EmailMapContext, mapThread, messageFields, startsAction } from "./map.js";
import type { ActionPatch } from "./message-fields.js";
import { parseMessage } from "./parse-message.js";
import type { EmailMessage, FetchedMessage } from "./raw-schema.js";
import { MessagePool, parentIds, threadsOf } from "./thread.js";

/**
 * What the connector would make of a handful of .eml files, writing nothing: the answer to "my mail did
 * nothing". The files are read as one mailbox (in the order given), so a reply given with its thread's first
 * message shows what it changes; the verdicts come from the connector's own mapper, never a re-implementation.
 */
export type MessageOutcome =
  /** Not MIME, or not a message at all. */
  | "unparseable"
  /** An auto-reply or a delivery report. */
  | "ignored"
  /** No text or HTML body to read. */
  | "unreadable"
  /** Neither tagged nor with labelled lines, and answering no action among the files. */
  | "no_action"
  /** Starts an action (or would, but a line of it cannot be read). */
  | "starts"
  /** A reply to an action among the files. */
  | "updates";

export interface MessagePreview {
  location: string;
  /** `message <id> "subject" (file)`, or null when the file cannot be parsed. */
  message: string | null;
  outcome: MessageOutcome;
  /** The action's key, for `starts` and `updates`. */
  key: string | null;
  /** The fields an `updates` message changes (empty: it says nothing about the action; null: not applied). */
  changes: ActionPatch | null;
  /** Why nothing (or not everything) happens: quarantine reasons and notes, as `sync` would write them. */
  reasons: string[];
  /** Message-IDs it answers that are not among the files. */
  answersMissing: string[];
}

export interface MailPreview {
  messages: MessagePreview[];
  /** The records `sync` would write, one per action, with every given reply applied. */
  actions: ActionRecord[];
}

function verdict(location: string, message: string | null, outcome: MessageOutcome): MessagePreview {
  return { location, message, outcome, key: null, changes: null, reasons: [], answersMissing: [] };
}

function rejectedFor(items: readonly PageItem[], message: EmailMessage): string[] {
  const location = describeMessage(message);
  return items.flatMap((i) => (i.kind === "rejected" && i.origin.location === location ? [i.reason] : []));
}

function threadKey(items: readonly PageItem[]): string | null {
  return items.find((i) => i.origin.nativeKey)?.origin.nativeKey ?? null;
}

function noActionReason(ctx: EmailMapContext, missing: readonly string[]): string {
  const own = `the subject has no ${ctx.tag} tag and the sender's own text has no labelled line (Due:, Status:, Owner:…)`;
  if (missing.length === 0) return `${own}, and it answers no action among the files`;
  return `${own}; it answers ${missing.map((id) => `<${id}>`).join(", ")}, not among the files: give that thread's first message too to see whether it updates an action`;
}

/** Previews the given messages (raw bytes and where they came from) as one mailbox. */
export async function previewMail(
  files: readonly { location: string; source: Buffer }[],
  ctx: EmailMapContext,
): Promise<MailPreview> {
  const pool = new MessagePool();
  const parsed: (EmailMessage | MessagePreview)[] = [];
  for (const [i, file] of files.entries()) {
    const fetched: FetchedMessage = {
      uid: i + 1,
      source: file.source,
      internalDate: null,
      location: file.location,
    };
    try {
      const message = await parseMessage(fetched);
      pool.add(message);
      parsed.push(message);
    } catch (error) {
      if (!(error instanceof EmailError)) throw error;
      parsed.push({ ...verdict(file.location, null, "unparseable"), reasons: [error.message] });
    }
  }

  const starts = (m: EmailMessage) => startsAction(m, ctx);
  const roots = pool.all().filter((m) => pool.rootOf(m, starts) === m);
  const threads = threadsOf(pool, roots, starts).map((thread) => ({ thread, items: mapThread(thread, ctx) }));
  const itemsOf = (root: EmailMessage) => threads.find((t) => t.thread.root === root)?.items ?? [];

  const messages = parsed.map((entry): MessagePreview => {
    if (!("uid" in entry)) return entry;
    const message = entry;
    const described = describeMessage(message);
    const base = verdict(message.location, described, "no_action");
    base.answersMissing = parentIds(message).filter((id) => !pool.has(id));
    if (message.automated !== null) return { ...base, outcome: "ignored", reasons: [message.automated] };
    const root = pool.rootOf(message, starts);
    if (root === null && message.unreadableBody !== null) {
      return { ...base, outcome: "unreadable", reasons: [`${described}: ${message.unreadableBody}`] };
    }
    if (root === null) return { ...base, reasons: [noActionReason(ctx, base.answersMissing)] };
    const items = itemsOf(root);
    const reasons = rejectedFor(items, message);
    if (message.unreadableBody !== null) reasons.push(`${described}: ${message.unreadableBody}`);
    if (root === message) {
      if (base.answersMissing.length > 0) {
        reasons.push(
          `it answers ${base.answersMissing.map((id) => `<${id}>`).join(", ")}, not among the files: if that thread started an action, this message updates it instead of starting one`,
        );
      }
      return { ...base, outcome: "starts", key: threadKey(items), reasons };
    }
    const changes = reasons.length === 0 ? messageFields(message, ctx).patch : null;
    return { ...base, outcome: "updates", key: threadKey(items), changes, reasons };
  });
  // Checked as sync checks every record at its boundary (titles cleaned and capped, dates valid).
  const actions = threads.flatMap((t) =>
    t.items.flatMap((i) => (i.kind === "record" ? [ActionRecordSchema.parse(i.record)] : [])),
  );
  return { messages, actions };
}
