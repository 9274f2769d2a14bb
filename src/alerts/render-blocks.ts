import type { types } from "@slack/bolt";
import { formatHuman } from "../model/index.js";
import {
  changeNote,
  factRows,
  headline,
  type Markup,
  roleNote,
  sourceLabel,
  subjectLine,
  whatToDo,
} from "./format.js";
import type { ActionView, AlertIntent } from "./intent.js";
import type { AlertBatch } from "./merge.js";
import { greeting, safeHttpUrl } from "./render-text.js";
import {
  blockIdMatches,
  conflictBlockId,
  encodeActionValue,
  type SlackActionId,
  SNOOZE_DAYS,
} from "./slack-action-value.js";

type KnownBlock = types.KnownBlock;
type ActionsBlockElement = types.ActionsBlockElement;

/** What chat.postMessage / chat.update take: blocks plus the `text` fallback for notifications. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

// Limits from https://docs.slack.dev/reference/block-kit/blocks (section text 3000, fields 10 × 2000,
// context 10 elements, actions 25 elements, 50 blocks per message) and the button/option element pages.
const SECTION_TEXT_MAX = 3000;
const FIELD_TEXT_MAX = 2000;
const FIELDS_MAX = 10;
const MESSAGE_BLOCKS_MAX = 50;
const PLAIN_BUTTON_MAX = 75;
/**
 * A button's `url` may hold at most 3000 characters, and Slack rejects the whole message for one that is
 * longer (https://docs.slack.dev/reference/block-kit/block-elements/button-element). A longer link (a tool's
 * filtered view with a huge query) gets no button and shows as text; the same bound keeps a mrkdwn link from
 * eating a section's 3000 characters.
 */
const URL_MAX = 3000;

/** A web URL short enough for Slack, or null. */
function slackUrl(url: string | null): string | null {
  const safe = safeHttpUrl(url);
  return safe !== null && safe.length <= URL_MAX ? safe : null;
}
const NOTIFICATION_TEXT_MAX = 3000;

/** Slack reads &, < and > as control characters in mrkdwn; everything else stays literal. */
export function escapeMrkdwn(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Cuts mrkdwn without splitting a `<link|label>` or an `&amp;` entity. */
export function clipMrkdwn(s: string, max: number): string {
  if (s.length <= max) return s;
  let cut = s.slice(0, max - 1);
  if (cut.lastIndexOf("<") > cut.lastIndexOf(">")) cut = cut.slice(0, cut.lastIndexOf("<"));
  if (cut.lastIndexOf("&") > cut.lastIndexOf(";")) cut = cut.slice(0, cut.lastIndexOf("&"));
  return `${cut}…`;
}

function clipPlain(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

function link(url: string, label: string): string {
  // Inside <url|label> the URL must not carry the control characters either; `|` would end it early.
  const safeUrl = escapeMrkdwn(url).replace(/\|/g, "%7C");
  return `<${safeUrl}|${escapeMrkdwn(label)}>`;
}

const mrkdwn: Markup = {
  action: (a: ActionView) => {
    const url = slackUrl(a.url);
    return url ? link(url, a.title) : `_${escapeMrkdwn(a.title)}_`;
  },
  text: escapeMrkdwn,
  bold: (s) => `*${s}*`,
};

function plain(text: string, max = PLAIN_BUTTON_MAX): types.PlainTextElement {
  return { type: "plain_text", text: clipPlain(text, max), emoji: true };
}

/** Only ids with a handler (SLACK_ACTION_IDS, see src/server/slack/listeners/actions/index.ts). */
function button(
  actionId: SlackActionId,
  text: string,
  value: string,
  style?: "primary" | "danger",
  confirm?: types.ConfirmationDialog,
): types.Button {
  return {
    type: "button",
    action_id: actionId,
    text: plain(text),
    value,
    ...(style ? { style } : {}),
    ...(confirm ? { confirm } : {}),
  };
}

/** A link button: Slack opens the URL; the server only acks its `open_…` block action. */
function openButton(actionId: `open_${string}`, a: ActionView | null): types.Button | null {
  const url = a ? slackUrl(a.url) : null;
  if (!a || !url) return null;
  const kind = sourceLabel({ ...a, sourceInstance: null });
  return { type: "button", action_id: actionId, text: plain(`Open in ${kind ?? "its tool"}`), url };
}

/** The dependent's owner decides; the dependency's owner answers the other side; others get links. */
function elementsFor(intent: AlertIntent): ActionsBlockElement[] {
  const { view, role } = intent;
  const f = view.fingerprint;
  const out: ActionsBlockElement[] = [];
  if (role === "dependent_owner") {
    out.push(button("ack", "Acknowledge", encodeActionValue({ a: "ack", f }), "primary"));
    if (view.earliestDate && view.action) {
      out.push(
        button(
          "replan",
          `Replan to ${formatHuman(view.earliestDate)}`,
          encodeActionValue({ a: "replan", f, d: view.earliestDate, id: view.action.id }),
        ),
      );
    }
    const options = SNOOZE_DAYS.map((d) => ({
      text: plain(d === 1 ? "1 day" : `${d} days`),
      value: String(d),
    }));
    const snooze: SlackActionId = "snooze";
    out.push({ type: "static_select", action_id: snooze, placeholder: plain("Snooze…"), options });
    if (view.action && view.dependency) {
      out.push(
        button(
          "not_dependency",
          "Not a dependency",
          encodeActionValue({ a: "not_dependency", f, id: view.action.id, dep: view.dependency.id }),
          "danger",
          {
            title: plain("Not a dependency?", 100),
            text: {
              type: "mrkdwn",
              text: clipMrkdwn(
                `Sightline will stop treating ${escapeMrkdwn(view.action.title)} as depending on ${escapeMrkdwn(view.dependency.title)}, for everyone.`,
                300,
              ),
            },
            confirm: plain("Remove the link", 30),
            deny: plain("Keep it", 30),
            style: "danger",
          },
        ),
      );
    }
  }
  if (role === "dependency_owner" && view.dependency) {
    if (view.neededBy && view.neededByReachable) {
      out.push(
        button(
          "commit",
          `Commit to ${formatHuman(view.neededBy)}`,
          encodeActionValue({ a: "commit", f, d: view.neededBy, id: view.dependency.id }),
          "primary",
        ),
      );
    }
    out.push(
      button("propose", "Propose a new date", encodeActionValue({ a: "propose", f, id: view.dependency.id })),
    );
  }
  const open = [openButton("open_action", view.action), openButton("open_dependency", view.dependency)];
  for (const b of open) if (b) out.push(b);
  return out;
}

function statusNote(intent: AlertIntent): string | null {
  if (intent.view.status === "acknowledged") return "Acknowledged: you hear again only if it gets worse.";
  if (intent.view.status === "snoozed") {
    return intent.view.snoozedUntil ? `Snoozed until ${intent.view.snoozedUntil}.` : "Snoozed.";
  }
  return null;
}

/** The blocks for one conflict in one message; every block_id names the conflict. */
export function conflictBlocks(intent: AlertIntent): KnownBlock[] {
  const { view, kind, role } = intent;
  const f = view.fingerprint;
  const top = [`*${escapeMrkdwn(subjectLine(view, kind))}*`, headline(view, kind, mrkdwn)];
  const note = changeNote(view, kind);
  if (note) top.push(escapeMrkdwn(note));
  const blocks: KnownBlock[] = [
    {
      type: "section",
      block_id: conflictBlockId("head", f),
      text: { type: "mrkdwn", text: clipMrkdwn(top.join("\n"), SECTION_TEXT_MAX) },
    },
  ];
  if (kind === "resolved") {
    blocks.push({
      type: "context",
      block_id: conflictBlockId("note", f),
      elements: [{ type: "mrkdwn", text: "This conflict cleared; nothing to do." }],
    });
    return blocks;
  }
  const fields = factRows(view, kind, mrkdwn, false)
    .slice(0, FIELDS_MAX)
    .map((r) => ({
      type: "mrkdwn" as const,
      text: clipMrkdwn(`*${escapeMrkdwn(r.label)}*\n${r.lines.join("\n")}`, FIELD_TEXT_MAX),
    }));
  if (fields.length > 0) blocks.push({ type: "section", block_id: conflictBlockId("facts", f), fields });
  blocks.push({
    type: "section",
    block_id: conflictBlockId("todo", f),
    text: {
      type: "mrkdwn",
      text: clipMrkdwn(`*What to do:* ${whatToDo(view, role, kind, mrkdwn)}`, SECTION_TEXT_MAX),
    },
  });
  const elements = elementsFor(intent);
  if (elements.length > 0)
    blocks.push({ type: "actions", block_id: conflictBlockId("actions", f), elements });
  const context = [roleNote(role), statusNote(intent)].filter((s): s is string => s !== null);
  blocks.push({
    type: "context",
    block_id: conflictBlockId("note", f),
    elements: [{ type: "mrkdwn", text: escapeMrkdwn(context.join(" ")) }],
  });
  return blocks;
}

function fallbackText(intent: AlertIntent): string {
  return clipMrkdwn(
    `${escapeMrkdwn(subjectLine(intent.view, intent.kind))}: ${headline(intent.view, intent.kind, { ...mrkdwn, bold: (s) => s })}`,
    NOTIFICATION_TEXT_MAX,
  );
}

/** One alert as a Slack message; a `resolved` intent renders the "cleared" version, without buttons. */
export function renderBlocks(intent: AlertIntent): SlackMessage {
  return { text: fallbackText(intent), blocks: conflictBlocks(intent) };
}

/** A merged message or a digest: a greeting, then each conflict's blocks, within Slack's 50 blocks. */
export function renderBatchBlocks(batch: AlertBatch): SlackMessage {
  const [only] = batch.intents;
  if (batch.intents.length === 1 && only && !batch.digest) return renderBlocks(only);
  const summary = greeting(batch);
  const blocks: KnownBlock[] = [
    { type: "section", text: { type: "mrkdwn", text: `*${escapeMrkdwn(summary)}*` } },
  ];
  let shown = 0;
  for (const intent of batch.intents) {
    const part = conflictBlocks(intent);
    // Leave room for the divider and a closing note about what did not fit.
    if (blocks.length + part.length + 2 > MESSAGE_BLOCKS_MAX) break;
    blocks.push({ type: "divider" }, ...part);
    shown += 1;
  }
  if (shown < batch.intents.length) {
    blocks.push({
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: `…and ${batch.intents.length - shown} more: \`/sightline mine\` lists them all.`,
        },
      ],
    });
  }
  return { text: escapeMrkdwn(summary), blocks };
}

/**
 * Replaces one conflict's blocks inside an existing (possibly merged) message, for chat.update; null when
 * the message holds no blocks of that conflict.
 */
export function replaceConflictBlocks(
  existing: readonly KnownBlock[],
  fingerprint: string,
  replacement: readonly KnownBlock[],
): KnownBlock[] | null {
  const first = existing.findIndex((b) => blockIdMatches(b.block_id, fingerprint));
  if (first < 0) return null;
  const rest = existing.slice(first).filter((b) => !blockIdMatches(b.block_id, fingerprint));
  return [...existing.slice(0, first), ...replacement, ...rest];
}
