import { type ActionRecordInput, type DayNumber, parseCalendarDate, todayIn } from "../../src/model/index.js";
import type { Origin, PageItem } from "../../src/sync/contract.js";
import { authoredText } from "./body-text.js";
import { labelledLines } from "./labelled-lines.js";
import { type ActionPatch, type LineProblem, readFields } from "./message-fields.js";
import { mailKey, messageUrl } from "./native-key.js";
import type { EmailMessage } from "./raw-schema.js";
import { hasTag, titleFrom } from "./subject.js";
import type { Thread } from "./thread.js";

export interface EmailMapContext {
  /** Subject tag that makes a message an action (default `[action]`). */
  tag: string;
  /** The organisation's IANA time zone: which calendar day a message was written on. */
  timeZone: string;
}

/** `message <id> "subject" (mailbox "Actions" uid 12)`: enough for an admin to find it in a mail client. */
export function describeMessage(message: EmailMessage): string {
  const id = message.messageId === null ? "without Message-ID" : `<${message.messageId}>`;
  return `message ${id} "${message.subject}" (${message.location})`;
}

function writtenOn(message: EmailMessage, timeZone: string): DayNumber | null {
  return message.date === null ? null : parseCalendarDate(todayIn(timeZone, new Date(message.date)));
}

/** What one message's own labelled lines say about its action, and the lines that cannot be read. */
export function messageFields(
  message: EmailMessage,
  ctx: EmailMapContext,
): { patch: ActionPatch; problems: LineProblem[] } {
  return readFields(labelledLines(authoredText(message.text)), writtenOn(message, ctx.timeZone));
}

/** Whether a message starts an action when it answers none: tagged subject, or labelled lines in its body. */
export function startsAction(message: EmailMessage, ctx: EmailMapContext): boolean {
  if (message.automated !== null) return false;
  if (hasTag(message.subject, ctx.tag)) return true;
  return labelledLines(authoredText(message.text)).some((l) => l.value.trim() !== "");
}

function rejected(
  message: EmailMessage,
  nativeKey: string | null,
  problems: readonly { field: string; line: string; reason: string }[],
  note = "",
): PageItem {
  const first = problems[0]!;
  const lines = problems.map((p) => `line "${p.line}": ${p.reason}`).join("; ");
  return {
    kind: "rejected",
    reason: `${describeMessage(message)}: ${lines}${note}`,
    origin: { location: describeMessage(message), nativeKey, field: first.field },
    raw: { messageId: message.messageId, subject: message.subject, lines: problems.map((p) => p.line) },
  };
}

/**
 * The pure mapper: one thread → the action it carries, as one record (the root's fields, then each reply's
 * labelled lines in order, so the latest reply wins), plus a rejected item per message with an unreadable
 * line. A root with an unreadable line yields no record (the action is not half-created); a reply with one
 * contributes nothing and the record stands as the other messages make it.
 *
 * Key: a `Key:` line in the root names the action (so other tools can refer to `QA-9`); otherwise it is
 * `MAIL-` + a hash of the root's Message-ID (native-key.ts). A reply cannot re-key an action.
 */
export function mapThread(thread: Thread, ctx: EmailMapContext): PageItem[] {
  const { root } = thread;
  if (root.messageId === null) {
    return [
      {
        kind: "rejected",
        reason: `${describeMessage(root)}: has no Message-ID header, so replies cannot find the action and a resync would duplicate it`,
        origin: { location: describeMessage(root), nativeKey: null, field: "nativeKey" },
        raw: { subject: root.subject },
      },
    ];
  }
  const rootFields = messageFields(root, ctx);
  const nativeKey = rootFields.patch.key ?? mailKey(root.messageId);
  if (rootFields.problems.length > 0) return [rejected(root, nativeKey, rootFields.problems)];
  const title = titleFrom(root.subject, ctx.tag);
  if (title === "") {
    return [
      rejected(root, nativeKey, [
        {
          field: "title",
          line: `Subject: ${root.subject}`,
          reason: "the subject is empty once the tag is removed: give the action a title",
        },
      ]),
    ];
  }

  const items: PageItem[] = [];
  let state: ActionPatch = { status: "todo", ...rootFields.patch };
  let updatedAt = root.date;
  for (const reply of thread.replies) {
    const { patch, problems } = messageFields(reply, ctx);
    if (patch.key !== undefined && patch.key !== nativeKey) {
      problems.push({
        field: "key",
        line: `Key: ${patch.key}`,
        reason: `only the message that starts an action can name its key (this thread's action is ${nativeKey}); start a new thread for a new action`,
      });
    }
    if (problems.length > 0) {
      items.push(rejected(reply, nativeKey, problems, "; the reply was not applied"));
      continue;
    }
    state = { ...state, ...patch };
    // A reply that says nothing about the action ("thanks, noted") does not make it newer.
    if (reply.date !== null && Object.keys(patch).length > 0) updatedAt = reply.date;
  }

  const record: ActionRecordInput = {
    nativeKey,
    url: messageUrl(root.messageId),
    title,
    status: state.status ?? "todo",
    ownerRaw: state.ownerRaw === undefined ? (root.from?.address ?? root.from?.name ?? null) : state.ownerRaw,
    team: state.team ?? null,
    businessUnit: state.businessUnit ?? null,
    program: state.program ?? null,
    start: state.start ?? null,
    due: state.due ?? null,
    kpis: state.kpis ?? [],
    dependsOn: state.dependsOn ?? [],
    mirrors: [],
    sourceUpdatedAt: updatedAt,
  };
  const origin: Origin = { location: describeMessage(root), nativeKey };
  return [{ kind: "record", record, origin }, ...items];
}
