import { z } from "zod";
import { text } from "./schema-parts.js";

export const QuarantineItemSchema = z.object({
  location: z.string(),
  nativeKey: text,
  column: text,
  field: text,
  reason: z.string(),
  raw: text,
  firstSeen: z.string(),
  lastSeen: z.string(),
});

export const SourceStatusSchema = z.object({
  id: z.string(),
  kind: z.string(),
  enabled: z.boolean(),
  /** False for an instance the store remembers but the config no longer lists. */
  configured: z.boolean(),
  syncEveryMinutes: z.int().nullable(),
  /** Mapping file of a sheets/csv instance, relative to the config folder. */
  mappingFile: text,
  lastRun: z
    .object({
      status: z.enum(["ok", "paused", "failed"]).nullable(),
      message: text,
      startedAt: text,
      finishedAt: text,
      pages: z.int(),
      inserted: z.int(),
      updated: z.int(),
      unchanged: z.int(),
      quarantined: z.int(),
      removed: z.int(),
    })
    .nullable(),
  cursor: z.unknown(),
  cursorAt: text,
  actions: z.object({ active: z.int(), removed: z.int() }),
  quarantine: z.object({ total: z.int(), items: z.array(QuarantineItemSchema) }),
});
export type SourceStatus = z.infer<typeof SourceStatusSchema>;

export const SyncNowResponseSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("done"),
    instance: z.string(),
    inserted: z.int(),
    updated: z.int(),
    unchanged: z.int(),
    removed: z.int(),
    quarantined: z.int(),
    paused: text,
  }),
  z.object({ kind: z.literal("queued"), instance: z.string(), jobId: text }),
]);
export type SyncNowResponse = z.infer<typeof SyncNowResponseSchema>;
