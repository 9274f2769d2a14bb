import { z } from "zod";
import { CalendarDateSchema } from "./calendar-date.js";
import { capLength, cleanLine, TITLE_MAX_LENGTH } from "./clean-text.js";

export const ACTION_STATUSES = ["todo", "in_progress", "blocked", "done", "cancelled"] as const;
export const ActionStatusSchema = z.enum(ACTION_STATUSES);
export type ActionStatus = z.infer<typeof ActionStatusSchema>;

/** Statuses whose work is over: they push nothing downstream. */
export function isClosed(status: ActionStatus): boolean {
  return status === "done" || status === "cancelled";
}

export const DEPENDENCY_TYPES = ["FS", "SS", "FF"] as const;
export const DependencyTypeSchema = z.enum(DEPENDENCY_TYPES);
export type DependencyType = z.infer<typeof DependencyTypeSchema>;

/** `ref` is what the tool said: a hub id, a native key, a Jira browse URL. Resolution happens in the reconciler. */
export const DependencyRefSchema = z.object({
  ref: z.string().trim().min(1, "dependency ref must not be empty"),
  type: DependencyTypeSchema.default("FS"),
  lagDays: z.number().int().min(-3650).max(3650).default(0),
});
export type DependencyRef = z.infer<typeof DependencyRefSchema>;

/** Accepts `"PAY-142"` as shorthand for `{ ref: "PAY-142", type: "FS", lagDays: 0 }`. */
export const DependencyRefInputSchema = z.union([
  z
    .string()
    .trim()
    .min(1, "dependency ref must not be empty")
    .transform((ref): DependencyRef => ({ ref, type: "FS", lagDays: 0 })),
  DependencyRefSchema,
]);

export const SourceSchema = z.object({
  /** Connector kind: file, jira, sheets, csv, email, slack. */
  kind: z.string().min(1),
  /** Connector instance id from the config, e.g. `jira-eng`. */
  instance: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/i, "instance ids are letters, digits, - and _"),
});
export type Source = z.infer<typeof SourceSchema>;

const optionalText = z
  .string()
  .transform(cleanLine)
  .nullish()
  .transform((v) => (v ? v : null));

/**
 * What a connector's pure mapper produces for one work item: the canonical fields, nothing store-specific.
 * The sync engine validates every record against this schema before it reaches the store.
 */
export const ActionRecordSchema = z.object({
  nativeKey: z.string().trim().min(1, "key must not be empty"),
  url: optionalText,
  /** One clean line of at most TITLE_MAX_LENGTH characters (see clean-text.ts). */
  title: z
    .string()
    .transform(cleanLine)
    .pipe(z.string().min(1, "title must not be empty"))
    .transform((t) => capLength(t, TITLE_MAX_LENGTH)),
  status: ActionStatusSchema,
  ownerRaw: optionalText,
  team: optionalText,
  businessUnit: optionalText,
  program: optionalText,
  start: CalendarDateSchema.nullish().transform((v) => v ?? null),
  due: CalendarDateSchema.nullish().transform((v) => v ?? null),
  kpis: z.array(z.string().trim().min(1)).default([]),
  dependsOn: z.array(DependencyRefSchema).default([]),
  /** Refs to the same work tracked in another tool (a Jira epic mirrored as a sheet row): dates must agree. */
  mirrors: z.array(z.string().trim().min(1)).default([]),
  /** ISO-8601 instant the tool last changed the item, when the tool says. */
  sourceUpdatedAt: z.iso
    .datetime({ offset: true })
    .nullish()
    .transform((v) => v ?? null),
});
export type ActionRecord = z.infer<typeof ActionRecordSchema>;
export type ActionRecordInput = z.input<typeof ActionRecordSchema>;

export function actionId(instance: string, nativeKey: string): string {
  return `${instance}:${nativeKey}`;
}

/** An action as stored: the record plus identity, the resolved owner, slip baseline and sync bookkeeping. */
export const ActionSchema = ActionRecordSchema.extend({
  id: z.string().min(3),
  source: SourceSchema,
  /** Resolved person id, filled by owner resolution; `ownerRaw` keeps what the tool said. */
  owner: z.string().nullable().default(null),
  /** The first due date ever seen, to measure slip. */
  baselineDue: CalendarDateSchema.nullable().default(null),
  syncedAt: z.iso.datetime({ offset: true }),
  contentHash: z.string().min(1),
  removedAt: z.iso.datetime({ offset: true }).nullable().default(null),
});
export type Action = z.infer<typeof ActionSchema>;

/** Fields whose changes are kept as history events (one event per changed field). */
export const TRACKED_FIELDS = [
  "url",
  "title",
  "status",
  "ownerRaw",
  "team",
  "businessUnit",
  "program",
  "start",
  "due",
  "kpis",
  "dependsOn",
  "mirrors",
  "removedAt",
] as const satisfies readonly (keyof Action)[];
export type TrackedField = (typeof TRACKED_FIELDS)[number];

export const HistoryEventSchema = z.object({
  actionId: z.string(),
  field: z.string(),
  /** JSON-encoded previous value; null when the action was created. */
  from: z.string().nullable(),
  to: z.string().nullable(),
  at: z.iso.datetime({ offset: true }),
  /** Connector instance (or `slack:<user>`, `writeback`) that made the change. */
  source: z.string(),
});
export type HistoryEvent = z.infer<typeof HistoryEventSchema>;
