import { days, subjectLine, valueAtRiskText } from "../../alerts/format.js";
import {
  type AlertBatch,
  type AlertIntent,
  type AlertRole,
  type AlertSink,
  describeTarget,
  type RenderedAlert,
  renderText,
} from "../../alerts/index.js";

/** One message the demo "sent": what Slack or the mailbox would have received. */
export interface DemoMessage {
  batch: AlertBatch;
  rendered: RenderedAlert;
  /** An edit of an earlier message (a conflict that cleared) rather than a new one. */
  edit: boolean;
}

export interface CollectingSink extends AlertSink {
  readonly messages: DemoMessage[];
}

/**
 * Keeps what would be sent, for the demo to print compactly afterwards. Like the console sink it accepts every
 * target, so nothing planned is lost for lack of a sink, and it goes through the same ledger.
 */
export function createCollectingSink(): CollectingSink {
  const messages: DemoMessage[] = [];
  return {
    name: "console",
    messages,
    accepts: () => true,
    async deliver(batch, rendered) {
      messages.push({ batch, rendered, edit: false });
      return { messageRef: JSON.stringify({ sink: "console", key: batch.key }) };
    },
    async update(batch, messageRef, rendered) {
      messages.push({ batch, rendered, edit: true });
      return { messageRef };
    },
  };
}

/** Why this recipient hears about it, in a few words. */
const ROLE_SHORT: Record<AlertRole, string> = {
  dependent_owner: "you own it",
  dependency_owner: "it waits on yours",
  root_cause_owner: "the slip started at yours",
  kpi_owner: "your KPI",
  involved: "involved",
  fallback: "nobody else can be reached",
};

function intentLine(intent: AlertIntent): string {
  const { view } = intent;
  const facts = [
    view.daysShort ? `${days(view.daysShort)} short` : null,
    valueAtRiskText(view) ? `${valueAtRiskText(view)} at risk` : null,
  ].filter((f) => f !== null);
  const detail = facts.length > 0 ? ` — ${facts.join(", ")}` : "";
  return `    ${subjectLine(view, intent.kind)}${detail} (${ROLE_SHORT[intent.role]})`;
}

function header(m: DemoMessage): string {
  const { recipient, digest } = m.batch;
  const who = recipient.name ? `${recipient.name} — ` : "";
  const how = m.edit ? ", edits the earlier message" : digest ? ", daily digest" : "";
  const count = m.batch.intents.length === 1 ? "1 conflict" : `${m.batch.intents.length} conflicts`;
  return `  ${who}${describeTarget(recipient.target)}${how}: ${count}`;
}

/** One short header per message (recipient, channel, how many conflicts) and one line per conflict. */
export function messagesText(messages: readonly DemoMessage[]): string {
  return `${messages.flatMap((m) => [header(m), ...m.batch.intents.map(intentLine)]).join("\n")}\n`;
}

/** "7 messages for 24 alerts, to 7 recipients." (recipients only when the messages were collected) */
export function messagesSummary(
  delivered: number,
  planned: number,
  messages: readonly DemoMessage[],
): string {
  const recipients = new Set(messages.map((m) => m.batch.recipientKey)).size;
  const msg = delivered === 1 ? "1 message" : `${delivered} messages`;
  const to = recipients === 0 ? "" : `, to ${recipients} recipient${recipients === 1 ? "" : "s"}`;
  return `${msg} for ${planned} alerts${to}.\n`;
}

/**
 * The costliest schedule conflict as its owner reads it, in full: the message the whole story is about (the
 * campaign owner learning that her launch date no longer holds). Null when no owner was told of one.
 */
export function exampleMessage(
  messages: readonly DemoMessage[],
): { intent: AlertIntent; text: string } | null {
  const candidates = messages
    .flatMap((m) => m.batch.intents)
    .filter((i) => i.view.type === "schedule" && i.role === "dependent_owner" && i.kind !== "resolved");
  const [best] = candidates.sort(
    (a, b) => b.view.valueAtRisk - a.view.valueAtRisk || (b.view.daysShort ?? 0) - (a.view.daysShort ?? 0),
  );
  if (!best) return null;
  const body = renderText(best)
    .split("\n")
    .map((line) => `  │ ${line}`.trimEnd())
    .join("\n");
  const who = best.recipient.name ?? "its owner";
  return {
    intent: best,
    text: `What ${who} reads about "${best.view.action?.title ?? best.view.message}":\n${body}\n`,
  };
}
