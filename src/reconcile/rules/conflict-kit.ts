import { createHash } from "node:crypto";
import type { Action, Conflict, ConflictFacts, ConflictType, Kpi, Severity } from "../../model/index.js";
import type { RuleContext } from "./context.js";

/** Schedule conflicts at or above either threshold are critical; the rest are warnings. */
export const CRITICAL_DAYS_SHORT = 14;
export const CRITICAL_VALUE_AT_RISK = 100_000;

const MAX_READABLE_IDS = 12;

/**
 * Type plus the ids involved, never dates or amounts: the same conflict re-detected keeps its
 * fingerprint, and a change in its facts is a change, not a new conflict. Long id lists (a big cycle)
 * are hashed so fingerprints stay short enough to key a table.
 */
export function fingerprintOf(type: ConflictType, ids: readonly string[]): string {
  if (ids.length <= MAX_READABLE_IDS) return [type, ...ids].join("|");
  const digest = createHash("sha256").update(ids.join("\n")).digest("hex").slice(0, 24);
  return `${type}|${ids.length} actions|${digest}`;
}

export interface ConflictFields {
  severity: Severity;
  actionId: string | null;
  actionIds?: string[];
  dependencyId?: string | null;
  rootCauseId?: string | null;
  path?: string[];
  plannedDate?: string | null;
  earliestDate?: string | null;
  daysShort?: number | null;
  kpis?: string[];
  valueAtRisk?: number;
  notify: string[];
  message: string;
}

/**
 * A conflict of `type` with that type's facts. The one cast: TypeScript cannot see that a generic `type`
 * and `facts` belong to the same variant, which the signature guarantees.
 */
export function makeConflict<T extends ConflictType>(
  type: T,
  ids: readonly string[],
  f: ConflictFields & { facts: ConflictFacts<T> },
): Conflict {
  return {
    fingerprint: fingerprintOf(type, ids),
    type,
    severity: f.severity,
    actionId: f.actionId,
    actionIds: f.actionIds ?? (f.actionId === null ? [] : [f.actionId]),
    dependencyId: f.dependencyId ?? null,
    rootCauseId: f.rootCauseId ?? null,
    path: f.path ?? [],
    plannedDate: f.plannedDate ?? null,
    earliestDate: f.earliestDate ?? null,
    daysShort: f.daysShort ?? null,
    kpis: f.kpis ?? [],
    kpiImpact: [],
    valueAtRisk: f.valueAtRisk ?? 0,
    notify: f.notify,
    message: f.message,
    facts: f.facts,
  } as Conflict;
}

/** Person ids in role order, first occurrence kept; the admin fallback when nobody is left. */
export function notifyList(ctx: RuleContext, people: readonly (string | null)[]): string[] {
  const out: string[] = [];
  for (const p of people) if (p !== null && !out.includes(p)) out.push(p);
  if (out.length === 0 && ctx.admin) out.push(ctx.admin);
  return out;
}

export interface ActionKpis {
  known: Kpi[];
  unknown: string[];
  costPerDay: number;
  currency: string | null;
}

/** The action's KPI keys split into catalog entries (deduplicated, in the action's order) and unknown keys. */
export function actionKpis(ctx: RuleContext, action: Action): ActionKpis {
  const known: Kpi[] = [];
  const unknown: string[] = [];
  let costPerDay = 0;
  for (const key of action.kpis) {
    const kpi = ctx.kpiByKey.get(key);
    if (kpi === undefined) {
      if (!unknown.includes(key)) unknown.push(key);
    } else if (!known.includes(kpi)) {
      known.push(kpi);
      costPerDay += kpi.costOfDelayPerDay;
    }
  }
  return { known, unknown, costPerDay, currency: known[0]?.currency ?? null };
}

const moneyAffixes = new Map<string, { prefix: string; suffix: string }>();

function affixes(code: string): { prefix: string; suffix: string } {
  let found = moneyAffixes.get(code);
  if (found === undefined) {
    let parts: Intl.NumberFormatPart[];
    try {
      parts = new Intl.NumberFormat("en-GB", { style: "currency", currency: code }).formatToParts(1);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      parts = [
        { type: "integer", value: "1" },
        { type: "literal", value: ` ${code}` },
      ];
    }
    const at = parts.findIndex((p) => p.type === "integer");
    const text = (list: Intl.NumberFormatPart[]) =>
      list
        .filter((p) => p.type === "currency" || p.type === "literal")
        .map((p) => p.value)
        .join("");
    found = { prefix: text(parts.slice(0, at)), suffix: text(parts.slice(at + 1)) };
    moneyAffixes.set(code, found);
  }
  return found;
}

/**
 * "€220,000": whole units with en-GB grouping and the currency's symbol where Intl puts it (asked once
 * per currency, since formatting hundreds of conflicts through Intl dominated an incremental edit).
 */
export function money(amount: number, currency: string | null): string {
  const { prefix, suffix } = affixes(currency ?? "EUR");
  const digits = String(Math.round(amount));
  let grouped = "";
  for (let i = digits.length; i > 0; i -= 3) {
    grouped = digits.slice(Math.max(0, i - 3), i) + (grouped === "" ? "" : `,${grouped}`);
  }
  return `${prefix}${grouped}${suffix}`;
}

export function titleOf(ctx: RuleContext, slot: number): string {
  return ctx.action(slot).title;
}
