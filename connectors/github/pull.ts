import { z } from "zod";
import type { PageItem, SyncPage } from "../../src/sync/contract.js";
import type { GitHubAnswer, GitHubClient, GitHubRequest } from "./client.js";
import { GitHubError } from "./errors.js";
import { type GitHubMapContext, keyOfIssue, mapIssue, mapMilestone } from "./map.js";
import {
  type GitHubIssue,
  GitHubIssueSchema,
  type GitHubMilestone,
  GitHubMilestoneSchema,
} from "./raw-schema.js";

/**
 * `since`: the newest `updated_at` written; the next run lists from there (GitHub's `since` is inclusive, so
 * the last issue is read again: a no-op by content hash). An ETag is kept only for a listing that fitted one
 * page: a 304 then means nothing changed, where on a longer listing a change could sit on a later page.
 */
export const GitHubCursorSchema = z.object({
  since: z.string().nullable(),
  issuesEtag: z.string().nullable(),
  milestonesEtag: z.string().nullable(),
});
export type GitHubCursor = z.infer<typeof GitHubCursorSchema>;

export interface PullOptions {
  client: GitHubClient;
  ctx: GitHubMapContext;
  labels: readonly string[];
  pageSize: number;
  milestones: boolean;
  /** List every issue and let the engine remove what is gone (deleted or transferred issues). */
  fullScan: boolean;
}

type Fresh = Extract<GitHubAnswer, { status: 200 }>;
const ListSchema = z.array(z.unknown());

function parseCursor(cursor: unknown): GitHubCursor | null {
  if (cursor === null || cursor === undefined) return null;
  const parsed = GitHubCursorSchema.safeParse(cursor);
  if (parsed.success) return parsed.data;
  throw new GitHubError(
    "github_bad_cursor",
    "the stored GitHub cursor is unreadable: run a full sync (--full)",
  );
}

function fresh(answer: GitHubAnswer, request: GitHubRequest): Fresh {
  if (answer.status === 200) return answer;
  throw new GitHubError(
    "github_bad_response",
    `GET ${request.path} answered 304 to a request that was not conditional`,
  );
}

function listOf(answer: Fresh, what: string): unknown[] {
  const list = ListSchema.safeParse(answer.body);
  if (list.success) return list.data;
  throw new GitHubError("github_bad_response", `${what}: GitHub answered something other than a list`);
}

/** Every element of a listing, following `Link: rel="next"`; the ETag only when it fitted one page. */
async function listAll(
  client: GitHubClient,
  request: GitHubRequest,
  first: GitHubAnswer | null,
  signal?: AbortSignal,
) {
  let page = fresh(first ?? (await client.get(request, signal)), request);
  const etag = page.next === null ? page.etag : null;
  const raws = listOf(page, request.what);
  while (page.next !== null) {
    const next: GitHubRequest = { path: page.next, what: request.what };
    page = fresh(await client.get(next, signal), next);
    raws.push(...listOf(page, request.what));
  }
  return { raws, etag };
}

const reasons = (error: z.ZodError) =>
  error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");

/** An element GitHub sent that is not shaped as documented: quarantined with where it came from. */
function rejected(raw: unknown, what: string, ctx: GitHubMapContext, error: z.ZodError): PageItem {
  return {
    kind: "rejected",
    reason: `not a GitHub ${what}: ${reasons(error)}`,
    origin: { location: `${ctx.instance} ${what}` },
    raw,
  };
}

/** The keys of the issues blocking one issue; asked only when GitHub's summary says there are some. */
// https://docs.github.com/en/rest/issues/issue-dependencies#list-dependencies-an-issue-is-blocked-by
async function blockersOf(opts: PullOptions, issue: GitHubIssue, signal?: AbortSignal): Promise<string[]> {
  const summary = issue.issue_dependencies_summary;
  if (!summary || (summary.total_blocked_by ?? summary.blocked_by) === 0) return [];
  const request = {
    path: `/repos/${opts.ctx.repo}/issues/${issue.number}/dependencies/blocked_by`,
    query: { per_page: "100" },
    what: `reading what blocks #${issue.number}`,
  };
  const { raws } = await listAll(opts.client, request, null, signal);
  return raws.flatMap((raw) => {
    const blocker = GitHubIssueSchema.pick({ repository_url: true, number: true }).safeParse(raw);
    const key = blocker.success ? keyOfIssue(blocker.data) : null;
    return key ? [key] : [];
  });
}

/** Issues (not pull requests, which the same endpoint lists) as page items, and the newest `updated_at`. */
export async function issueItems(opts: PullOptions, raws: readonly unknown[], signal?: AbortSignal) {
  const items: PageItem[] = [];
  let newest: string | null = null;
  for (const raw of raws) {
    const parsed = GitHubIssueSchema.safeParse(raw);
    if (!parsed.success) {
      items.push(rejected(raw, "issue", opts.ctx, parsed.error));
      continue;
    }
    const issue = parsed.data;
    if (newest === null || issue.updated_at > newest) newest = issue.updated_at;
    if (!issue.pull_request) items.push(mapIssue(issue, await blockersOf(opts, issue, signal), opts.ctx));
  }
  return { items, newest };
}

/** The open issues of an open milestone: what it waits for. */
// https://docs.github.com/en/rest/issues/issues#list-repository-issues (milestone=<number>)
async function openIssuesOf(
  opts: PullOptions,
  milestone: GitHubMilestone,
  signal?: AbortSignal,
): Promise<number[]> {
  if (milestone.state === "closed") return [];
  const request = {
    path: `/repos/${opts.ctx.repo}/issues`,
    query: { milestone: String(milestone.number), state: "open", per_page: "100" },
    what: `listing the issues of milestone ${milestone.title}`,
  };
  const { raws } = await listAll(opts.client, request, null, signal);
  return raws
    .flatMap((raw) => {
      const issue = GitHubIssueSchema.safeParse(raw);
      return issue.success && !issue.data.pull_request ? [issue.data.number] : [];
    })
    .sort((a, b) => a - b);
}

export async function milestoneItems(
  opts: PullOptions,
  raws: readonly unknown[],
  signal?: AbortSignal,
): Promise<PageItem[]> {
  const items: PageItem[] = [];
  for (const raw of raws) {
    const parsed = GitHubMilestoneSchema.safeParse(raw);
    items.push(
      parsed.success
        ? mapMilestone(parsed.data, await openIssuesOf(opts, parsed.data, signal), opts.ctx)
        : rejected(raw, "milestone", opts.ctx, parsed.error),
    );
  }
  return items;
}

/**
 * Issues by `updated_at` ascending from the cursor (every issue on a first run or a full scan), one sync page
 * per GitHub page, the milestones with the last one. An idle run costs one conditional request per listing,
 * each answered 304 (which GitHub does not count against the rate limit).
 */
// https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api#use-conditional-requests-if-appropriate
export async function* pullGitHub(
  opts: PullOptions,
  stored: unknown,
  signal?: AbortSignal,
): AsyncIterable<SyncPage<GitHubCursor>> {
  const before = opts.fullScan ? null : parseCursor(stored);
  const since = before?.since ?? null;
  const issues: GitHubRequest = {
    path: `/repos/${opts.ctx.repo}/issues`,
    query: {
      state: "all",
      sort: "updated",
      direction: "asc",
      per_page: String(opts.pageSize),
      ...(since ? { since } : {}),
      ...(opts.labels.length ? { labels: opts.labels.join(",") } : {}),
    },
    what: "listing issues",
  };
  // https://docs.github.com/en/rest/issues/milestones#list-milestones
  const milestones: GitHubRequest = {
    path: `/repos/${opts.ctx.repo}/milestones`,
    query: { state: "all", per_page: "100" },
    what: "listing milestones",
  };
  const firstIssues = await opts.client.get({ ...issues, etag: before?.issuesEtag ?? null }, signal);
  const firstMilestones = opts.milestones
    ? await opts.client.get({ ...milestones, etag: before?.milestonesEtag ?? null }, signal)
    : null;
  if (before && firstIssues.status === 304 && (firstMilestones === null || firstMilestones.status === 304)) {
    yield { items: [], cursor: before };
    return;
  }

  const cursor: GitHubCursor = { since, issuesEtag: null, milestonesEtag: null };
  let page = fresh(firstIssues.status === 304 ? await opts.client.get(issues, signal) : firstIssues, issues);
  const onePage = page.next === null;
  let pages = 0;
  for (;;) {
    pages++;
    const { items, newest } = await issueItems(opts, listOf(page, issues.what), signal);
    cursor.since = newest ?? cursor.since;
    if (page.next === null) {
      cursor.issuesEtag = onePage ? page.etag : null;
      // The last issue page, the milestones and the snapshot flag land in one commit. Unchanged milestones
      // are listed again only when an issue changed: moving an issue between milestones changes the issue.
      const issueChanged = cursor.since !== since || pages > 1 || items.length > 0;
      if (firstMilestones && (firstMilestones.status === 200 || issueChanged)) {
        const listed = await listAll(
          opts.client,
          milestones,
          firstMilestones.status === 304 ? null : firstMilestones,
          signal,
        );
        items.push(...(await milestoneItems(opts, listed.raws, signal)));
        cursor.milestonesEtag = listed.etag;
      } else if (firstMilestones) {
        cursor.milestonesEtag = before?.milestonesEtag ?? null;
      }
      yield { items, cursor: { ...cursor }, ...(since === null ? { snapshotComplete: true } : {}) };
      return;
    }
    yield { items, cursor: { ...cursor } };
    const next: GitHubRequest = { path: page.next, what: issues.what };
    page = fresh(await opts.client.get(next, signal), next);
  }
}
