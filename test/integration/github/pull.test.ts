import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { createGitHubClient } from "../../../connectors/github/client.js";
import { runSync, type SyncPage } from "../../../src/sync/index.js";
import { MemorySyncStore } from "../../unit/sync/support/memory-store.js";
import { API, fixture, githubInstance } from "./support.js";

const REPO = "/repos/acme/payments";
const ISSUES = `${REPO}/issues`;

afterEach(() => {
  nock.cleanAll();
});

interface Seen {
  path: string;
  ifNoneMatch: string | null;
  auth: string | null;
}

/** A GitHub answer that honours ETags as GitHub does, recording what each request sent (nock 15 hands a fetch Request). */
function answering(seen: Seen[], etag: string, body: unknown) {
  return (req: Request): nock.ReplyFnResult => {
    const url = new URL(req.url);
    const ifNoneMatch = req.headers.get("if-none-match");
    seen.push({ path: url.pathname, ifNoneMatch, auth: req.headers.get("authorization") });
    if (ifNoneMatch === etag) return [304, "", { ETag: etag }];
    return [200, JSON.stringify(body), { ETag: etag, "Content-Type": "application/json" }];
  };
}

async function drain(pages: AsyncIterable<SyncPage>) {
  const out: SyncPage[] = [];
  for await (const p of pages) out.push(p);
  return out;
}

describe("GitHub pull over the REST API", () => {
  it("costs two 304s once nothing changed, and writes nothing", async () => {
    const seen: Seen[] = [];
    const scope = nock(API, { reqheaders: { "x-github-api-version": "2022-11-28" } }).persist();
    const answer = (etag: string, body: unknown) => answering(seen, etag, body);
    scope
      .get(ISSUES)
      .query((q) => q.milestone === undefined && q.since === undefined)
      .reply(answer('W/"all"', fixture("issues.json")));
    scope
      .get(ISSUES)
      .query((q) => q.since === "2026-02-24T12:00:00Z")
      .reply(answer('W/"since"', fixture("since-last.json")));
    scope
      .get(`${REPO}/milestones`)
      .query(true)
      .reply(answer('W/"ms"', fixture("milestones.json")));
    scope
      .get(ISSUES)
      .query({ milestone: "3", state: "open", per_page: "100" })
      .reply(answer('W/"m3"', fixture("milestone-3-open.json")));
    scope
      .get(`${ISSUES}/14/dependencies/blocked_by`)
      .query(true)
      .reply(answer('W/"b14"', fixture("blocked-by-14.json")));

    const store = new MemorySyncStore();
    const c = await githubInstance();
    const first = await runSync(c, store);
    expect(first).toMatchObject({ inserted: 6, quarantined: 1 });
    expect(seen.every((s) => s.auth === "Bearer ghp_test_not_a_real_token")).toBe(true);
    const second = await runSync(c, store);
    expect(second).toMatchObject({ inserted: 0, updated: 0 });
    seen.length = 0;
    const third = await runSync(c, store);
    expect(third).toMatchObject({ inserted: 0, updated: 0, quarantined: 0 });
    expect(seen.map((s) => [s.path, s.ifNoneMatch])).toEqual([
      [ISSUES, 'W/"since"'],
      [`${REPO}/milestones`, 'W/"ms"'],
    ]);
  });

  it("follows Link headers one sync page per GitHub page, the cursor's since moving with each", async () => {
    const [a, b, c3] = fixture("issues.json") as Record<string, unknown>[];
    nock(API)
      .get(ISSUES)
      .query((q) => q.page === undefined && q.per_page === "2")
      .reply(200, [a, b], {
        Link: `<${API}${ISSUES}?per_page=2&page=2>; rel="next", <${API}${ISSUES}?per_page=2&page=2>; rel="last"`,
        ETag: 'W/"p1"',
      })
      .get(ISSUES)
      .query({ per_page: "2", page: "2" })
      .reply(200, [c3])
      .get(`${ISSUES}/14/dependencies/blocked_by`)
      .query(true)
      .reply(200, fixture("blocked-by-14.json"));
    const c = await githubInstance({ pageSize: 2, milestones: false });
    const pages = await drain(c.pull(null));
    expect(pages.map((p) => p.items.length)).toEqual([2, 1]);
    expect(pages.map((p) => p.cursor)).toEqual([
      { since: "2026-02-20T11:15:02Z", issuesEtag: null, milestonesEtag: null },
      { since: "2026-02-21T08:40:00Z", issuesEtag: null, milestonesEtag: null },
    ]);
    expect(pages.map((p) => p.snapshotComplete ?? false)).toEqual([false, true]);
  });

  it("waits out a secondary rate limit GitHub names with Retry-After, then goes on", async () => {
    const waits: number[] = [];
    nock(API)
      .get(ISSUES)
      .query(true)
      .reply(403, { message: "You have exceeded a secondary rate limit." }, { "Retry-After": "7" })
      .get(ISSUES)
      .query(true)
      .reply(200, []);
    const client = createGitHubClient({
      apiUrl: API,
      token: "t",
      tokenHint: "GITHUB_TOKEN",
      sleep: async (ms) => void waits.push(ms),
    });
    const answer = await client.get({ path: ISSUES, what: "listing issues" });
    expect(answer.status).toBe(200);
    expect(waits).toEqual([7000]);
    expect(client.requestCount).toBe(2);
  });

  it("fails a refused token at once, naming the variable and never the token", async () => {
    nock(API)
      .get(ISSUES)
      .query(true)
      .reply(401, { message: "Bad credentials", documentation_url: "https://docs.github.com/rest" });
    const c = await githubInstance({ milestones: false });
    const error = await drain(c.pull(null)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: "github_unauthorized", retryable: false });
    expect(String(error)).toContain("Bad credentials");
    expect(String(error)).toContain("GITHUB_TOKEN");
    expect(String(error)).not.toContain("ghp_test_not_a_real_token");
  });
});
