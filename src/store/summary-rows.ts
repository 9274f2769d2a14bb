import { ActionStatusSchema } from "../model/index.js";
import type { ActionSummary } from "./port.js";

/** The columns both adapters select for an ActionSummary, as they come out of either database. */
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

/** `%text%` for (I)LIKE with `\` as the escape character, so a search for "50%" or "a_b" means what it says. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Oldest first, ties by key: the order ledger entries are read in on both adapters. */
export function bySentAtThenKey(
  a: { sentAt: string; key: string },
  b: { sentAt: string; key: string },
): number {
  return a.sentAt < b.sentAt ? -1 : a.sentAt > b.sentAt ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}
