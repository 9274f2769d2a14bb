import type { types } from "@slack/bolt";
import { clipMrkdwn, escapeMrkdwn } from "../../alerts/index.js";
import { safeHttpUrl } from "../../alerts/render-text.js";
import { type Action, formatHuman, isClosed, type Person, severityRank } from "../../model/index.js";
import type { StoredConflict } from "../../store/index.js";

/** Lines per list; the rest is summarised (a section's text holds 3000 characters). */
const MAX_LINES = 15;
const SECTION_MAX = 2900;
/** One item's line at most: a long message still leaves room for others. */
const LINE_MAX = 600;
/** Kept free for the "…and N more" line. */
const MORE_RESERVE = 40;

export interface OverviewData {
  actionsById: (id: string) => Action | null;
}

function actionLink(a: Pick<Action, "title" | "url">): string {
  const url = safeHttpUrl(a.url);
  const title = escapeMrkdwn(a.title);
  return url ? `<${escapeMrkdwn(url).replace(/\|/g, "%7C")}|${title}>` : `_${title}_`;
}

function section(text: string): types.SectionBlock {
  const clipped = text.length > SECTION_MAX ? `${text.slice(0, SECTION_MAX - 1)}…` : text;
  return { type: "section", text: { type: "mrkdwn", text: clipped } };
}

function list<T>(
  title: string,
  items: readonly T[],
  line: (item: T) => string,
  empty: string,
): types.SectionBlock {
  if (items.length === 0) return section(`*${title}*\n${empty}`);
  // Whole items only, so no link or `&amp;` is ever cut and the count of the rest is always shown; a single
  // line longer than LINE_MAX is clipped at a safe place.
  const head = `*${title}* (${items.length})`;
  const shown: string[] = [];
  let used = head.length;
  for (const item of items.slice(0, MAX_LINES)) {
    const text = `• ${clipMrkdwn(line(item), LINE_MAX)}`;
    if (used + 1 + text.length + MORE_RESERVE > SECTION_MAX) break;
    shown.push(text);
    used += 1 + text.length;
  }
  if (shown.length < items.length) shown.push(`…and ${items.length - shown.length} more`);
  return section(`${head}\n${shown.join("\n")}`);
}

/** Most urgent first: severity, then value at risk, then days short. */
export function byUrgency(a: StoredConflict, b: StoredConflict): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    b.valueAtRisk - a.valueAtRisk ||
    (b.daysShort ?? 0) - (a.daysShort ?? 0) ||
    (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0)
  );
}

export function conflictLine(c: StoredConflict, data: OverviewData): string {
  const action = c.actionId ? data.actionsById(c.actionId) : null;
  const what = action ? actionLink(action) : escapeMrkdwn(c.type.replace(/_/g, " "));
  const short = c.daysShort ? `, ${c.daysShort} days short` : "";
  const state = c.status === "open" ? "" : ` _(${c.status})_`;
  return `[${c.severity}] ${what}${short}: ${escapeMrkdwn(c.message)}${state}`;
}

function actionLine(a: Action): string {
  const due = a.due ? `due ${formatHuman(a.due)}` : "no due date";
  return `${actionLink(a)}: ${due} (${escapeMrkdwn(a.source.instance)}, ${a.status.replace("_", " ")})`;
}

/** `/sightline mine` and the App Home: my open actions, then the live conflicts I am a recipient of. */
export function mineBlocks(
  person: Person,
  actions: readonly Action[],
  conflicts: readonly StoredConflict[],
  data: OverviewData,
): types.KnownBlock[] {
  const mine = actions
    .filter((a) => a.owner === person.id && !isClosed(a.status) && a.removedAt === null)
    .sort((a, b) => (a.due ?? "9999").localeCompare(b.due ?? "9999") || a.id.localeCompare(b.id));
  return [
    section(`*${escapeMrkdwn(person.name)}*, here is what Sightline sees for you.`),
    list("Your open actions", mine, actionLine, "None: nothing open is owned by you."),
    list(
      "Open conflicts you are part of",
      [...conflicts].sort(byUrgency),
      (c) => conflictLine(c, data),
      "None. :tada:",
    ),
  ];
}

export function conflictsBlocks(
  title: string,
  conflicts: readonly StoredConflict[],
  data: OverviewData,
): types.KnownBlock[] {
  return [list(title, [...conflicts].sort(byUrgency), (c) => conflictLine(c, data), "None. :tada:")];
}

export const HELP_TEXT = [
  "*Sightline* finds work that runs on stale dates across Jira, sheets and e-mail.",
  "• `/sightline mine`: your open actions and the conflicts you are part of",
  "• `/sightline conflicts`: every open conflict, most urgent first",
  "• `/sightline conflicts <team>` or `/sightline conflicts <kpi key>`: only that team's or KPI's",
  "• `/sightline add <title> owner:@someone due:YYYY-MM-DD depends:PAY-142 kpi:<key>`: track a new action (a message's ⋯ menu → *Track as action* does the same from a message)",
  "• `/sightline help`: this message",
  "Buttons in alerts acknowledge, snooze, replan (written back to the tool), or say a link is not a dependency.",
].join("\n");

export function helpBlocks(): types.KnownBlock[] {
  return [section(HELP_TEXT)];
}

export function unknownPersonBlocks(userId: string): types.KnownBlock[] {
  return [
    section(
      `Sightline's directory has nobody with your Slack id (${escapeMrkdwn(userId)}) or your Slack e-mail. ` +
        "Ask an admin to add `slackUserId` to your entry in the people directory.",
    ),
  ];
}
