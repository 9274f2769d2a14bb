import { z } from "zod";
import { ActionStatusSchema, CalendarDateSchema, DependencyRefSchema } from "../../src/model/index.js";

/** Slack ids (users U…/W…, channels C…/G…/D…) are upper-case letters and digits. */
export const SlackUserIdSchema = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]*$/, "expected a Slack user id such as U012AB3CD");
const SlackChannelIdSchema = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]*$/, "expected a Slack channel id such as C012AB3CD");
const SlackTsSchema = z.string().regex(/^\d+\.\d+$/, "expected a Slack message ts such as 1767000000.000100");

/** The Slack message an action was tracked from (message shortcut). */
export const SlackMessageRefSchema = z.object({
  channel: SlackChannelIdSchema,
  ts: SlackTsSchema,
});
export type SlackMessageRef = z.infer<typeof SlackMessageRefSchema>;

/** Which Slack surface wrote the action last. */
export const SlackSurfaceSchema = z.enum(["command", "shortcut", "app_home"]);
export type SlackSurface = z.infer<typeof SlackSurfaceSchema>;

const text = z
  .string()
  .trim()
  .nullish()
  .transform((v) => (v ? v : null));

/**
 * A Slack-created action as the Slack listeners hand it over: the fields a person typed or picked, already
 * resolved (the owner is the directory person's e-mail or id, KPI keys are catalog keys), plus where it came
 * from. Slack holds no copy of it: the store is the source of truth, and an edit starts from the stored
 * action, so every canonical field is carried to keep what Slack does not show unchanged.
 */
export const SlackActionRawSchema = z.object({
  key: z.string().regex(/^[A-Z][A-Z0-9]*-[0-9A-Z]+$/, "expected a key such as SL-7K2M9QXA"),
  title: z.string().trim().min(1, "title must not be empty"),
  status: ActionStatusSchema,
  owner: text,
  team: text,
  businessUnit: text,
  program: text,
  start: CalendarDateSchema.nullable(),
  due: CalendarDateSchema.nullable(),
  kpis: z.array(z.string().trim().min(1)),
  dependsOn: z.array(DependencyRefSchema),
  mirrors: z.array(z.string().trim().min(1)).default([]),
  /** The source message's permalink, or the app's link when the action was typed as a command. */
  link: z.url({ protocol: /^https?$/ }).nullable(),
  message: SlackMessageRefSchema.nullable(),
  via: SlackSurfaceSchema,
  /** The Slack user who wrote this version. */
  by: SlackUserIdSchema,
  /** When they wrote it (ISO instant): the record's `sourceUpdatedAt`. */
  at: z.iso.datetime({ offset: true }),
});
export type SlackActionRaw = z.infer<typeof SlackActionRawSchema>;
export type SlackActionRawInput = z.input<typeof SlackActionRawSchema>;
