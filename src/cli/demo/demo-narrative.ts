import type { Action, Conflict, HistoryEvent } from "../../model/index.js";
import { formatHuman } from "../../model/index.js";
import type { Rollups } from "../../reconcile/index.js";
import type { ApplyConflictsResult } from "../../store/index.js";
import { conflictsText, rollupText } from "../format/conflicts-text.js";
import { describeSync } from "../format/sync-report.js";
import type { ReplayedStep } from "./replay-scenario.js";

export function heading(n: number, title: string): string {
  return `\n${n}. ${title}\n${"─".repeat(title.length + 3)}\n`;
}

function day(iso: string): string {
  return formatHuman(iso.slice(0, 10));
}

export function ingestText(steps: ReplayedStep[] | null, current: string | null): string {
  if (steps === null)
    return `The demo database already holds the scenario; synced the current plan again:\n  ${current}\n`;
  return `${steps.map((s) => `${day(s.at)}  ${s.note}\n  ${describeSync(s.report).replaceAll("\n", "\n  ")}`).join("\n")}\n`;
}

/** Date moves the tools made, newest first: the evidence behind "the API slipped from 20 Feb to 3 Apr". */
export function slipsText(actions: readonly Action[], historyOf: (id: string) => HistoryEvent[]): string {
  const lines: string[] = [];
  for (const a of actions) {
    for (const e of historyOf(a.id)) {
      if ((e.field !== "due" && e.field !== "start") || e.from === null || e.to === null) continue;
      const from = JSON.parse(e.from) as string | null;
      const to = JSON.parse(e.to) as string | null;
      if (!from || !to) continue;
      lines.push(
        `  ${a.title}: ${e.field} moved ${formatHuman(from)} → ${formatHuman(to)} on ${day(e.at)} (${e.source})`,
      );
    }
  }
  return lines.length > 0 ? `${lines.join("\n")}\n` : "  No date has moved since the plan was agreed.\n";
}

export function conflictsSection(
  conflicts: readonly Conflict[],
  diff: ApplyConflictsResult,
  titleOf: (id: string) => string,
  currency: string,
): string {
  const summary = `${conflicts.length} conflicts: ${diff.opened.length} new, ${diff.changed.length} changed, ${diff.resolved.length} cleared, ${diff.unchanged} as before.\n\n`;
  return `${summary}${conflictsText(conflicts, titleOf, currency)}\n`;
}

export function rollupSection(rollups: Rollups, currency: string, nameOf: (kpi: string) => string): string {
  return `${rollupText(rollups, currency, nameOf)}\n`;
}
