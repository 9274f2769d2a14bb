import { type ActionRecordInput, type ActionStatus, todayIn } from "../../src/model/index.js";
import type { PageItem } from "../../src/sync/contract.js";
import { issueKey, keyOfRef, milestoneKey, readBody } from "./body-lines.js";
import type { GitHubIssue, GitHubMilestone } from "./raw-schema.js";

export interface GitHubMapContext {
  instance: string;
  repo: string;
  kpiLabelPrefix: string;
  teamLabelPrefix: string;
  team: string | null;
  businessUnit: string | null;
}

/**
 * GitHub keeps a milestone's due date as a day and sends it as that day's midnight in Pacific time
 * (`2026-04-15T07:00:00Z`, `…T08:00:00Z` in winter), whatever the time an API client sent: the day is read
 * back in that zone, not the organisation's (Honolulu would otherwise see the day before).
 */
export const MILESTONE_DAY_ZONE = "America/Los_Angeles";

function dueDay(instant: string | null): string | null {
  if (!instant) return null;
  const at = new Date(instant);
  return Number.isNaN(at.getTime()) ? null : todayIn(MILESTONE_DAY_ZONE, at);
}

function statusOf(issue: GitHubIssue, labels: readonly string[]): ActionStatus {
  if (issue.state === "closed")
    return issue.state_reason === "not_planned" || issue.state_reason === "duplicate" ? "cancelled" : "done";
  if (labels.some((l) => l.toLowerCase() === "blocked")) return "blocked";
  const assigned = (issue.assignees?.length ?? 0) > 0 || issue.assignee != null;
  return assigned ? "in_progress" : "todo";
}

function withPrefix(labels: readonly string[], prefix: string): string[] {
  const p = prefix.toLowerCase();
  return labels
    .filter((l) => l.toLowerCase().startsWith(p))
    .map((l) => l.slice(prefix.length).trim())
    .filter(Boolean);
}

/**
 * One issue → one action. Dependencies are the issue's own "blocked by" issues (`blockedBy`, from the
 * dependencies API) and the refs its body names; the due date is the body's `Due:` line, else its
 * milestone's. A body line that looks like a date but is not one quarantines the issue, saying which line.
 */
export function mapIssue(issue: GitHubIssue, blockedBy: readonly string[], ctx: GitHubMapContext): PageItem {
  const nativeKey = issueKey(ctx.repo, issue.number);
  const origin = { location: `${ctx.instance} issue ${nativeKey}`, nativeKey };
  const facts = readBody(issue.body);
  if (facts.problems.length > 0) {
    return {
      kind: "rejected",
      reason: facts.problems.join("; "),
      origin: { ...origin, field: "body" },
      raw: issue,
    };
  }
  const labels = issue.labels.map((l) => l.name);
  const refs = [...blockedBy, ...facts.refs.map((r) => keyOfRef(r, ctx.repo))].filter(
    (k): k is string => k !== null && k !== nativeKey,
  );
  const record: ActionRecordInput = {
    nativeKey,
    url: issue.html_url,
    title: issue.title,
    status: statusOf(issue, labels),
    ownerRaw: issue.assignee?.login ?? issue.assignees?.[0]?.login ?? null,
    team: withPrefix(labels, ctx.teamLabelPrefix)[0] ?? ctx.team,
    businessUnit: ctx.businessUnit,
    program: issue.milestone?.title ?? null,
    start: facts.start,
    due: facts.due ?? dueDay(issue.milestone?.due_on ?? null),
    kpis: withPrefix(labels, ctx.kpiLabelPrefix),
    dependsOn: [...new Set(refs)].map((ref) => ({ ref, type: "FS", lagDays: 0 })),
    sourceUpdatedAt: issue.updated_at,
  };
  return { kind: "record", record, origin };
}

/** A milestone → an action due on its due day, depending on its open issues (a slipped issue shows on it). */
export function mapMilestone(
  milestone: GitHubMilestone,
  openIssues: readonly number[],
  ctx: GitHubMapContext,
): PageItem {
  const nativeKey = milestoneKey(ctx.repo, milestone.number);
  const record: ActionRecordInput = {
    nativeKey,
    url: milestone.html_url,
    title: milestone.title,
    status: milestone.state === "closed" ? "done" : "in_progress",
    ownerRaw: milestone.creator?.login ?? null,
    team: ctx.team,
    businessUnit: ctx.businessUnit,
    program: milestone.title,
    due: dueDay(milestone.due_on),
    dependsOn: openIssues.map((n) => ({ ref: issueKey(ctx.repo, n), type: "FS", lagDays: 0 })),
    sourceUpdatedAt: milestone.updated_at,
  };
  return {
    kind: "record",
    record,
    origin: { location: `${ctx.instance} milestone ${nativeKey}`, nativeKey },
  };
}

/** `https://api.github.com/repos/acme/api` + 4 → `acme/api#4`: a blocked-by issue may live in another repo. */
export function keyOfIssue(issue: Pick<GitHubIssue, "repository_url" | "number">): string | null {
  const m = /\/repos\/([^/]+\/[^/]+)\/?$/.exec(issue.repository_url);
  return m?.[1] ? issueKey(m[1], issue.number) : null;
}
