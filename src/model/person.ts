import { z } from "zod";

const list = z.array(z.string().trim().min(1)).default([]);

export const PersonSchema = z.object({
  id: z.string().trim().min(1),
  name: z.string().trim().min(1),
  emails: z.array(z.string().trim().toLowerCase().pipe(z.email())).default([]),
  /** Other names the tools use for this person: display names, nicknames, handles. */
  aliases: list,
  jiraAccountId: z
    .string()
    .trim()
    .min(1)
    .nullish()
    .transform((v) => v ?? null),
  slackUserId: z
    .string()
    .trim()
    .min(1)
    .nullish()
    .transform((v) => v ?? null),
  team: z
    .string()
    .trim()
    .min(1)
    .nullish()
    .transform((v) => v ?? null),
  /** IANA zone for quiet hours and digests; the organisation's zone when absent. */
  timeZone: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
  /** `immediate` (default) or `digest`: a daily digest instead of single messages. */
  alertPreference: z.enum(["immediate", "digest"]).default("immediate"),
});
export type Person = z.infer<typeof PersonSchema>;
export type PersonInput = z.input<typeof PersonSchema>;

/** A team or department: owning an action by team name is an ownership vacuum, not an owner. */
export const TeamSchema = z.object({
  name: z.string().trim().min(1),
  aliases: list,
  businessUnit: z
    .string()
    .trim()
    .min(1)
    .nullish()
    .transform((v) => v ?? null),
  slackChannel: z
    .string()
    .trim()
    .min(1)
    .nullish()
    .transform((v) => v ?? null),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email())
    .nullish()
    .transform((v) => v ?? null),
});
export type Team = z.infer<typeof TeamSchema>;
export type TeamInput = z.input<typeof TeamSchema>;

/** A team as people write it in a list: its full entry, or just its name (`teams: [Engineering, QA]`). */
export const TeamEntrySchema = z.union([
  z
    .string()
    .trim()
    .min(1)
    .transform((name) => TeamSchema.parse({ name })),
  TeamSchema,
]);
export type TeamEntryInput = z.input<typeof TeamEntrySchema>;

export const DirectorySchema = z.object({
  people: z.array(PersonSchema).default([]),
  teams: z.array(TeamEntrySchema).default([]),
});
export type Directory = z.infer<typeof DirectorySchema>;
