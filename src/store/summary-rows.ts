import { ActionStatusSchema } from "../model/index.js";
import type { ActionSummary } from "./port.js";

/** The columns both adapters select for an ActionSummary, as they come out of either database. */
export type SummaryRow = Omit<ActionSummary, "source" | "status"> & {
  sourceKind: string;
  sourceInstance: string;
  status: string;
};

const SUMMARY_COLUMNS = [
  "id",
  "sourceKind",
  "sourceInstance",
  "nativeKey",
  "title",
  "status",
  "ownerRaw",
  "owner",
  "team",
  "businessUnit",
  "start",
  "due",
  "baselineDue",
  "url",
  "removedAt",
] as const satisfies readonly (keyof SummaryRow)[];

/**
 * The `actions` table's columns a list or a path needs, for either adapter's `select`: never the JSON lists,
 * so listing stays cheap at 100k actions.
 */
export function summaryColumnsOf<T extends Record<(typeof SUMMARY_COLUMNS)[number], unknown>>(
  table: T,
): Pick<T, (typeof SUMMARY_COLUMNS)[number]> {
  return Object.fromEntries(SUMMARY_COLUMNS.map((k) => [k, table[k]])) as Pick<
    T,
    (typeof SUMMARY_COLUMNS)[number]
  >;
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
