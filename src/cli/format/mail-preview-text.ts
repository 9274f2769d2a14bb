import type { ActionPatch } from "../../../connectors/email/message-fields.js";
import type { MailPreview, MessagePreview } from "../../../connectors/email/preview.js";
import { printable } from "../../model/index.js";
import { actionTable, refText } from "./action-table.js";

function valueText(value: ActionPatch[keyof ActionPatch]): string {
  if (value === null || value === undefined) return "none";
  if (typeof value === "string") return value;
  if (value.length === 0) return "none";
  return value.map((v) => (typeof v === "string" ? v : refText(v))).join(", ");
}

function changesText(changes: ActionPatch): string {
  const entries = Object.entries(changes) as [keyof ActionPatch, ActionPatch[keyof ActionPatch]][];
  if (entries.length === 0) return "changes nothing (no labelled line in the sender's own text)";
  return entries.map(([field, value]) => `${field} → ${valueText(value)}`).join(", ");
}

function outcomeText(m: MessagePreview, created: ReadonlySet<string>): string {
  switch (m.outcome) {
    case "unparseable":
      return "cannot be read as an e-mail";
    case "ignored":
      return "ignored: automated";
    case "unreadable":
      return "no action: nothing to read";
    case "no_action":
      return "no action";
    case "starts":
      return m.key !== null && created.has(m.key)
        ? `starts ${m.key}`
        : `would start ${m.key ?? "an action"}, but is quarantined:`;
    case "updates":
      return `updates ${m.key}: ${m.changes === null ? "not applied:" : changesText(m.changes)}`;
  }
}

/** Per message what it does, then the actions `sync` would write: printed by `sightline mail preview`. */
export function mailPreviewText(preview: MailPreview): string {
  const created = new Set(preview.actions.map((a) => a.nativeKey));
  const messages = preview.messages.flatMap((m) => [
    printable(m.message ?? m.location),
    `  ${printable(outcomeText(m, created))}`,
    // The message is named on the line above: its reasons need not say it again.
    ...m.reasons.map(
      (r) =>
        `    ${printable(m.message !== null && r.startsWith(`${m.message}: `) ? r.slice(m.message.length + 2) : r)}`,
    ),
  ]);
  const count = preview.actions.length;
  const summary = `${preview.messages.length} messages, ${count} ${count === 1 ? "action" : "actions"} (nothing was written).`;
  return [...messages, "", summary, ...(count === 0 ? [] : ["", actionTable(preview.actions)])].join("\n");
}
