import { z } from "zod";

/**
 * The parts of GitHub's REST payloads the connector reads, as GitHub documents them (loose: GitHub adds
 * fields without a version bump, and the rest of each object is kept as the quarantine's raw copy).
 * https://docs.github.com/en/rest/issues/issues#list-repository-issues
 * https://docs.github.com/en/rest/issues/milestones#list-milestones
 */

export const GitHubUserSchema = z.looseObject({
  login: z.string().min(1),
  id: z.number().int(),
  html_url: z.string().optional(),
  type: z.string().optional(),
});

/** Labels come as objects from the REST API; old webhook payloads and some proxies send plain names. */
const LabelSchema = z.union([
  z.string().transform((name) => ({ name })),
  z.looseObject({ name: z.string() }),
]);

export const GitHubMilestoneSchema = z.looseObject({
  number: z.number().int().positive(),
  title: z.string(),
  description: z.string().nullable().optional(),
  state: z.enum(["open", "closed"]),
  html_url: z.string(),
  /** Who made it: the milestone's owner (GitHub has no other). */
  creator: GitHubUserSchema.nullable().optional(),
  /** An instant: the UI's date picker stores the chosen day at 07:00 or 08:00 UTC (midnight Pacific). */
  due_on: z.string().nullable(),
  open_issues: z.number().int().optional(),
  closed_issues: z.number().int().optional(),
  updated_at: z.string(),
});
export type GitHubMilestone = z.infer<typeof GitHubMilestoneSchema>;

export const GitHubIssueSchema = z.looseObject({
  id: z.number().int(),
  number: z.number().int().positive(),
  title: z.string(),
  body: z.string().nullable().optional(),
  state: z.enum(["open", "closed"]),
  state_reason: z.enum(["completed", "reopened", "not_planned", "duplicate"]).nullable().optional(),
  html_url: z.string(),
  /** `https://api.github.com/repos/acme/payments`: where a blocked-by issue of another repo lives. */
  repository_url: z.string(),
  labels: z.array(LabelSchema).default([]),
  assignee: GitHubUserSchema.nullable().optional(),
  assignees: z.array(GitHubUserSchema).nullable().optional(),
  milestone: GitHubMilestoneSchema.nullable().optional(),
  updated_at: z.string(),
  /** Present on pull requests: the issues endpoints list them too. */
  pull_request: z.looseObject({}).optional(),
  /** Issue dependencies (2025): how many issues block this one; absent on servers without the feature. */
  issue_dependencies_summary: z
    .looseObject({ blocked_by: z.number().int(), total_blocked_by: z.number().int().optional() })
    .optional(),
});
export type GitHubIssue = z.infer<typeof GitHubIssueSchema>;

export const GitHubRepositorySchema = z.looseObject({
  full_name: z.string(),
  private: z.boolean().optional(),
  has_issues: z.boolean().optional(),
});

/** What GitHub says in an error body. https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api */
export const GitHubErrorBodySchema = z.looseObject({
  message: z.string(),
  documentation_url: z.string().optional(),
});
