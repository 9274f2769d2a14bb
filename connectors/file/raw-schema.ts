import { z } from "zod";
import { DependencyRefInputSchema } from "../../src/model/index.js";

/**
 * The canonical file format (YAML or JSON): what manual plans and migrations are written in. Field names are the
 * canonical ones; unknown fields are errors, so a typo such as `dueDate` is caught instead of silently dropped.
 * Types are checked here; values (dates, statuses) are checked by the sync engine against the canonical schema,
 * so both layers report in the same words.
 */

const optionalText = z.string().nullish();

export const RawActionSchema = z.strictObject({
  /** The action's stable key in this file; numbers are accepted and read as text. */
  key: z.union([z.string(), z.number().int()]).transform(String),
  title: z.string(),
  /** Whatever names the owner: e-mail, display name, Slack mention, Jira account id, or a team. */
  owner: optionalText,
  team: optionalText,
  businessUnit: optionalText,
  program: optionalText,
  /** todo | in_progress | blocked | done | cancelled; case, spaces and hyphens are forgiven. Default todo. */
  status: optionalText,
  start: optionalText,
  due: optionalText,
  kpis: z.array(z.string()).nullish(),
  /** `PAY-142` or `{ ref: PAY-142, type: FS|SS|FF, lagDays: 3 }`. */
  dependsOn: z.array(DependencyRefInputSchema).nullish(),
  mirrors: z.array(z.string()).nullish(),
  url: optionalText,
  /** When the item last changed, if the file's author tracks it (ISO-8601 with offset). */
  updatedAt: optionalText,
});
export type RawAction = z.output<typeof RawActionSchema>;

/**
 * The document: items are validated one by one (one bad action must not reject the file), so the lists are
 * only checked to be lists here.
 */
export const RawFileSchema = z.strictObject({
  actions: z.array(z.unknown()),
  people: z.array(z.unknown()).optional(),
  teams: z.array(z.unknown()).optional(),
  kpis: z.array(z.unknown()).optional(),
});
export type RawFile = z.output<typeof RawFileSchema>;

/** The cursor: the content hash of the last file fully written, or of one whose pages were partly written. */
export const FileCursorSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  complete: z.boolean(),
});
export type FileCursor = z.output<typeof FileCursorSchema>;
