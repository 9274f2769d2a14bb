import { z } from "zod";

/**
 * Jira's payloads as Atlassian documents them, only the parts Sightline reads. Unknown keys of an issue's
 * `fields` are kept (custom fields arrive under per-site ids such as `customfield_10015`).
 * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-jql-get
 * https://docs.atlassian.com/software/jira/docs/api/REST/9.12.0/#api/2/search
 */

/** Cloud users carry `accountId` (e-mail only when the user's privacy settings allow); Data Center `name`/`key`. */
export const RawUserSchema = z.object({
  accountId: z.string().min(1).optional(),
  name: z.string().min(1).optional(),
  key: z.string().min(1).optional(),
  displayName: z.string().optional(),
  emailAddress: z.string().optional(),
  active: z.boolean().optional(),
  timeZone: z.string().optional(),
});
export type RawUser = z.infer<typeof RawUserSchema>;

export const RawStatusSchema = z.object({
  id: z.string().optional(),
  name: z.string(),
  statusCategory: z.object({
    id: z.number().optional(),
    /** `new`, `indeterminate`, `done` (and `undefined` for "No Category"). */
    key: z.string(),
    name: z.string().optional(),
  }),
});

const RawLinkedIssueSchema = z.object({
  id: z.string(),
  key: z.string(),
  fields: z.object({ summary: z.string().optional() }).optional(),
});

export const RawIssueLinkSchema = z.object({
  id: z.string(),
  type: z.object({
    id: z.string().optional(),
    name: z.string(),
    inward: z.string(),
    outward: z.string(),
  }),
  /** On issue X: X is "<type.inward>" this issue (X is blocked by it). */
  inwardIssue: RawLinkedIssueSchema.optional(),
  /** On issue X: X "<type.outward>" this issue (X blocks it). */
  outwardIssue: RawLinkedIssueSchema.optional(),
});
export type RawIssueLink = z.infer<typeof RawIssueLinkSchema>;

export const RawFieldsSchema = z.looseObject({
  summary: z.string().nullish(),
  status: RawStatusSchema,
  assignee: RawUserSchema.nullish(),
  duedate: z.string().nullish(),
  updated: z.string(),
  parent: z
    .object({
      id: z.string(),
      key: z.string(),
      fields: z.object({ summary: z.string().optional() }).optional(),
    })
    .nullish(),
  labels: z.array(z.string()).nullish(),
  components: z.array(z.object({ id: z.string().optional(), name: z.string() })).nullish(),
  issuelinks: z.array(RawIssueLinkSchema).nullish(),
  resolution: z.object({ name: z.string() }).nullish(),
});

export const RawIssueSchema = z.object({
  id: z.string(),
  key: z.string().min(1),
  self: z.string().optional(),
  fields: RawFieldsSchema,
});
export type RawIssue = z.infer<typeof RawIssueSchema>;

/** Issues stay `unknown` here: one malformed issue is quarantined, it does not fail the page. */
export const CloudSearchPageSchema = z.object({
  issues: z.array(z.unknown()).default([]),
  /** Absent (not null) on the last page in practice: JRACLOUD-92184. */
  nextPageToken: z.string().nullish(),
  isLast: z.boolean().optional(),
});

export const DataCenterSearchPageSchema = z.object({
  startAt: z.number().int(),
  maxResults: z.number().int(),
  total: z.number().int(),
  issues: z.array(z.unknown()).default([]),
});

/** Key-only listings (fields=key) still carry id, key, self. */
export const KeyOnlyIssueSchema = z.object({ id: z.string(), key: z.string().min(1) });

export const RawFieldSchema = z.object({
  id: z.string(),
  name: z.string(),
  custom: z.boolean().optional(),
  schema: z
    .object({ type: z.string(), custom: z.string().optional(), system: z.string().optional() })
    .optional(),
});
export const FieldListSchema = z.array(RawFieldSchema);
export type RawField = z.infer<typeof RawFieldSchema>;

/** Jira's error collection: `{ errorMessages: [...], errors: { field: message } }`. */
export const ErrorCollectionSchema = z.object({
  errorMessages: z.array(z.string()).optional(),
  errors: z.record(z.string(), z.string()).optional(),
  message: z.string().optional(),
});

export const MyselfSchema = RawUserSchema;
