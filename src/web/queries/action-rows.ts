import { inArray } from "drizzle-orm";
import { z } from "zod";
import { ActionStatusSchema } from "../../model/index.js";
import type { StoreDb } from "../../store/index.js";
import { actions } from "../../store/schema-actions.js";
import type { ActionSummary } from "../api/schemas.js";

/** The columns a list or a path needs: never the JSON lists, so listing stays cheap at 100k actions. */
export const summaryColumns = {
  id: actions.id,
  sourceKind: actions.sourceKind,
  sourceInstance: actions.sourceInstance,
  nativeKey: actions.nativeKey,
  title: actions.title,
  status: actions.status,
  ownerRaw: actions.ownerRaw,
  owner: actions.owner,
  team: actions.team,
  businessUnit: actions.businessUnit,
  start: actions.start,
  due: actions.due,
  baselineDue: actions.baselineDue,
  url: actions.url,
  removedAt: actions.removedAt,
};

export interface SummaryRow {
  id: string;
  sourceKind: string;
  sourceInstance: string;
  nativeKey: string;
  title: string;
  status: string;
  ownerRaw: string | null;
  owner: string | null;
  team: string | null;
  businessUnit: string | null;
  start: string | null;
  due: string | null;
  baselineDue: string | null;
  url: string | null;
  removedAt: string | null;
}

export function toSummary(row: SummaryRow): ActionSummary {
  const { sourceKind, sourceInstance, status, ...rest } = row;
  return {
    ...rest,
    source: { kind: sourceKind, instance: sourceInstance },
    status: ActionStatusSchema.parse(status),
  };
}

/** Summaries by id, removed ones included (a conflict may name an action deleted since). */
export function summariesById(db: StoreDb, ids: Iterable<string>): Map<string, ActionSummary> {
  const all = [...new Set(ids)];
  const out = new Map<string, ActionSummary>();
  // Chunked: SQLite limits the number of bound parameters per statement.
  for (let i = 0; i < all.length; i += 500) {
    const rows = db
      .select(summaryColumns)
      .from(actions)
      .where(inArray(actions.id, all.slice(i, i + 500)))
      .all();
    for (const r of rows) out.set(r.id, toSummary(r));
  }
  return out;
}

/** The KPI keys of each action, by id, in one read per 500 ids. */
export function kpisById(db: StoreDb, ids: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = db
      .select({ id: actions.id, kpis: actions.kpis })
      .from(actions)
      .where(inArray(actions.id, ids.slice(i, i + 500)))
      .all();
    for (const r of rows) out.set(r.id, StringListSchema.parse(JSON.parse(r.kpis)));
  }
  return out;
}

const StringListSchema = z.array(z.string());

/** `%text%` for LIKE with `\` as the escape character, so a search for "50%" or "a_b" means what it says. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
