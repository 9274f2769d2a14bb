import { SlackSourceError } from "../../../../../connectors/registry.js";
import { escapeMrkdwn } from "../../../../alerts/index.js";
import { safeHttpUrl } from "../../../../alerts/render-text.js";
import { type Action, formatHuman, type Person } from "../../../../model/index.js";
import type { Store, StoredConflict } from "../../../../store/index.js";
import { byUrgency, conflictLine } from "../../overview.js";

/** How the owner reads in Slack: a mention when the directory knows their Slack id (it renders as their name). */
export function ownerText(action: Pick<Action, "owner" | "ownerRaw">, people: readonly Person[]): string {
  const person = action.owner ? people.find((p) => p.id === action.owner) : undefined;
  if (person?.slackUserId) return `<@${person.slackUserId}>`;
  if (person) return escapeMrkdwn(person.name);
  return action.ownerRaw ? escapeMrkdwn(action.ownerRaw) : "nobody";
}

export function titleLink(action: Pick<Action, "title" | "url">): string {
  const url = safeHttpUrl(action.url);
  const title = escapeMrkdwn(action.title);
  return url ? `<${escapeMrkdwn(url).replace(/\|/g, "%7C")}|${title}>` : `*${title}*`;
}

/** One line: key, linked title, owner, dates, dependencies, status when not the default. */
export function actionLine(action: Action, people: readonly Person[]): string {
  const parts = [`owner ${ownerText(action, people)}`];
  if (action.start) parts.push(`start ${formatHuman(action.start)}`);
  parts.push(action.due ? `due ${formatHuman(action.due)}` : "no due date");
  if (action.dependsOn.length > 0)
    parts.push(`depends on ${action.dependsOn.map((d) => escapeMrkdwn(d.ref)).join(", ")}`);
  if (action.kpis.length > 0) parts.push(`KPI ${action.kpis.map(escapeMrkdwn).join(", ")}`);
  if (action.status !== "todo") parts.push(action.status.replace("_", " "));
  return `\`${escapeMrkdwn(action.nativeKey)}\` ${titleLink(action)}: ${parts.join(", ")}`;
}

/** The conflicts an action is now part of, most urgent first; or a line saying there are none. */
export async function conflictsText(store: Store, conflicts: readonly StoredConflict[]): Promise<string> {
  if (conflicts.length === 0) return "No conflicts found. Sightline alerts the owners if one appears.";
  const involved = new Map<string, Action | null>();
  for (const id of new Set(conflicts.flatMap((c) => c.actionIds)))
    involved.set(id, await store.actions.get(id));
  const data = { actionsById: (id: string) => involved.get(id) ?? null };
  const lines = [...conflicts].sort(byUrgency).map((c) => `• ${conflictLine(c, data)}`);
  return `:warning: ${conflicts.length === 1 ? "1 conflict" : `${conflicts.length} conflicts`}:\n${lines.join("\n")}`;
}

/** What a user is told when the work after their ack failed; a failed reconcile is not a failed write. */
export function failureText(error: unknown, what: string): string {
  if (error instanceof SlackSourceError && error.code === "slack_reconcile_failed")
    return `:warning: ${error.message}`;
  const why = error instanceof Error ? error.message : String(error);
  return `:x: Sightline could not ${what}: ${why}`;
}
