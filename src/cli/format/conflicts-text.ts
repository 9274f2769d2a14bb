import type { Conflict } from "../../model/index.js";
import { printable } from "../../model/index.js";
import type { Rollups } from "../../reconcile/index.js";
import { money, table } from "./table.js";

const SEVERITY_MARK = { critical: "!!", warning: "! ", info: "  " } as const;

/** Conflicts for people: most severe first, each with its message and, for schedule slips, the path. */
export function conflictsText(
  conflicts: readonly Conflict[],
  titleOf: (id: string) => string,
  currency: string,
): string {
  if (conflicts.length === 0) return "No conflicts: every plan agrees with its dependencies.";
  const blocks = conflicts.map((c) => {
    const lines = [
      `${SEVERITY_MARK[c.severity]} [${c.severity}] ${c.type.replaceAll("_", " ")}`,
      `   ${c.message}`,
    ];
    if (c.path.length > 1) lines.push(`   path: ${c.path.map(titleOf).join(" → ")}`);
    if (c.valueAtRisk > 0) lines.push(`   value at risk: ${money(c.valueAtRisk, currency)}`);
    return lines.join("\n");
  });
  return printable(blocks.join("\n\n"));
}

/**
 * Value at risk per KPI (its delay × its cost of delay) and per objective (the sum of its distinct KPIs),
 * with the total: the figures to sign, each KPI counted once however many conflicts lead to it.
 */
export function rollupText(rollups: Rollups, currency: string, nameOf: (kpi: string) => string): string {
  const rows = rollups.kpi
    .filter((r) => r.valueAtRisk > 0 || r.conflicts > 0)
    .map((r) => [nameOf(r.key), r.conflicts, r.daysShort, money(r.valueAtRisk, currency)] as const);
  const byObjective = rollups.objective
    .filter((r) => r.valueAtRisk > 0)
    .map((r) => [r.key, r.conflicts, r.daysShort, money(r.valueAtRisk, currency)] as const);
  return [
    table(["KPI", "conflicts", "days late", "value at risk"], rows),
    "",
    table(["objective", "conflicts", "days late", "value at risk"], byObjective),
    "",
    `Total at risk: ${money(rollups.total.valueAtRisk, currency)} (each KPI once: its delay × its cost of delay per day).`,
  ].join("\n");
}
