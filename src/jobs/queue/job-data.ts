import { z } from "zod";
import { AlertIntentSchema, AlertRecipientSchema } from "../../alerts/index.js";
import { CalendarDateSchema, SourceSchema, ValidationError } from "../../model/index.js";
import { formatIssues } from "../../sync/index.js";

/** The four queues of distributed mode; each holds one kind of job, named like its queue. */
export const QUEUE_NAMES = ["sync", "reconcile", "alert", "writeback"] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/** Why a job was asked for (`schedule`, `webhook jira-eng`, `sync jira-eng`, `writeback demo-plan:MKT-7`). */
const ReasonSchema = z.string().trim().min(1).max(200);

export const SyncJobSchema = z.object({
  instance: SourceSchema.shape.instance,
  reason: ReasonSchema,
});
export type SyncJob = z.infer<typeof SyncJobSchema>;

export const ReconcileJobSchema = z.object({ reason: ReasonSchema });
export type ReconcileJob = z.infer<typeof ReconcileJobSchema>;

export const DateChangeSchema = z
  .object({
    start: CalendarDateSchema.nullable().optional(),
    due: CalendarDateSchema.nullable().optional(),
  })
  .refine((c) => c.start !== undefined || c.due !== undefined, "a date change needs a start or a due date");
export type DateChangeInput = z.infer<typeof DateChangeSchema>;

export const WritebackJobSchema = z.object({
  /** Hub id `<instance>:<native key>` of the action to change in its tool. */
  actionId: z.string().min(3).includes(":"),
  change: DateChangeSchema,
  /** Who asked (`slack:U05C1MKT007`, `cli`): kept with the job for the audit trail. */
  requestedBy: z.string().trim().min(1),
});
export type WritebackJob = z.infer<typeof WritebackJobSchema>;

/** The shape of src/alerts' AlertBatch, validated when a batch comes back out of Redis. */
export const AlertBatchSchema = z.object({
  key: z.string().regex(/^a[lb]_[0-9a-f]{40}$/),
  mode: z.enum(["post", "update"]),
  recipientKey: z.string().min(1),
  recipient: AlertRecipientSchema,
  intents: z.array(AlertIntentSchema).min(1),
  keys: z.array(z.string().min(1)).min(1),
  deliverAfter: z.iso.datetime({ offset: true }).nullable(),
  digest: z.boolean(),
});

/**
 * One message to send. `absorbed` carries the intents a digest accounts for without showing them (an earlier
 * state of a conflict it shows as it is now): the ledger must record their keys too.
 */
export const AlertJobSchema = z.object({
  batch: AlertBatchSchema,
  absorbed: z.array(AlertIntentSchema).default([]),
  /** Epoch ms of the channel slot this job reserved before it was delayed to it (see channel-pacer.ts). */
  pacedAt: z.number().int().nonnegative().optional(),
});
export type AlertJob = z.infer<typeof AlertJobSchema>;
export type AlertJobInput = z.input<typeof AlertJobSchema>;

/** Job data comes back from Redis as plain JSON written by any version of any worker: checked, never trusted. */
export function parseJobData<S extends z.ZodType>(schema: S, data: unknown, where: string): z.output<S> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  throw new ValidationError(
    where,
    formatIssues(parsed.error, data).map((i) => i.text),
    { cause: parsed.error },
  );
}
