import type { Action, Conflict, HistoryEvent } from "../../model/index.js";
import { CalendarDateSchema, formatHuman } from "../../model/index.js";
import type { Rollups } from "../../reconcile/index.js";
import type { ApplyConflictsResult } from "../../store/index.js";
import type { SyncReport } from "../../sync/index.js";
import { conflictsText, rollupText } from "../format/conflicts-text.js";
import type { DemoIngest } from "./replay-scenario.js";

export function heading(n: number, title: string): string {
  return `\n${n}. ${title}\n${"─".repeat(title.length + 3)}\n`;
}

function day(iso: string): string {
  return formatHuman(iso.slice(0, 10));
}

/** "3 new, 1 changed": only the counts that say something; a source with nothing to say says so. */
export function syncCounts(r: SyncReport): string {
  const counts: [number, string][] = [
    [r.inserted, "new"],
    [r.updated, "changed"],
    [r.unchanged, "unchanged"],
    [r.removed, "removed"],
    [r.quarantined, "quarantined"],
  ];
  const said = counts.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}`);
  const text = said.length > 0 ? said.join(", ") : "no change";
  return r.paused ? `${text}; PAUSED: ${r.paused}` : text;
}

/** One aligned line per connector instance: `jira-eng   (jira)    3 new`. */
function syncLines(reports: readonly SyncReport[], indent: string): string[] {
  const idWidth = Math.max(...reports.map((r) => r.instance.length));
  const kindWidth = Math.max(...reports.map((r) => r.kind.length)) + 2;
  return reports.map(
    (r) => `${indent}${r.instance.padEnd(idWidth)}  ${`(${r.kind})`.padEnd(kindWidth)}  ${syncCounts(r)}`,
  );
}

export function ingestText(ingest: DemoIngest): string {
  if (ingest.kind === "synced") {
    return [
      "The database already holds the demo: synced the tools as configured (their state on the last step).",
      ...syncLines(ingest.reports, "  "),
      "",
    ].join("\n");
  }
  const lines = ingest.steps.flatMap((s) => [`${day(s.at)}  ${s.note}`, ...syncLines(s.reports, "  ")]);
  return `${lines.join("\n")}\n`;
}

/** "11 actions from 3 tools (jira-eng 3, mkt-plan 4, demo-plan 4), 7 people, 3 KPIs in the store." */
export function storeSummary(actions: readonly Action[], people: number, kpis: number): string {
  const perInstance = new Map<string, number>();
  for (const a of actions) perInstance.set(a.source.instance, (perInstance.get(a.source.instance) ?? 0) + 1);
  const tools = [...perInstance].map(([id, n]) => `${id} ${n}`).join(", ");
  const plural = perInstance.size === 1 ? "tool" : "tools";
  return `${actions.length} actions from ${perInstance.size} ${plural} (${tools}), ${people} people, ${kpis} KPIs in the store.\n`;
}

/** History keeps field values as JSON; a date field's are calendar dates (or null). */
const DateValue = CalendarDateSchema.nullable();

/** Date moves the tools made: the evidence behind "the API slipped from 20 Feb to 3 Apr on 12 Jan". */
export function slipsText(actions: readonly Action[], historyOf: (id: string) => HistoryEvent[]): string {
  const lines: string[] = [];
  for (const a of actions) {
    for (const e of historyOf(a.id)) {
      if ((e.field !== "due" && e.field !== "start") || e.from === null || e.to === null) continue;
      const from = DateValue.safeParse(JSON.parse(e.from)).data;
      const to = DateValue.safeParse(JSON.parse(e.to)).data;
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
