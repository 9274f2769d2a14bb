import nock from "nock";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createJiraConnector, type JiraConnectorDeps } from "../../../connectors/jira/connector.js";
import { JiraError } from "../../../connectors/jira/errors.js";
import { defaultSleep } from "../../../connectors/jira/transport.js";
import { collect, config, ENV, fixture, SITE, TOKEN } from "../../unit/connectors/jira/support.js";

const SEARCH = "/rest/api/3/search/jql";
const now = new Date("2026-01-05T10:40:00Z");

function setup(overrides: Record<string, unknown> = {}, deps: JiraConnectorDeps = {}) {
  const sleeps: number[] = [];
  const c = createJiraConnector(config(overrides), {
    env: ENV,
    now: () => now,
    notice: () => {},
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...deps,
  });
  nock(SITE).get("/rest/api/3/field").reply(200, fixture("field.json"));
  return { c, sleeps };
}

async function failure(pages: AsyncIterable<unknown>): Promise<JiraError> {
  try {
    for await (const _ of pages) {
      // drain
    }
  } catch (e) {
    if (e instanceof JiraError) return e;
    throw e;
  }
  throw new Error("expected the pull to fail");
}

afterEach(() => {
  vi.useRealTimers();
  nock.cleanAll();
});

describe("rate limits and transient failures", () => {
  it("waits exactly the 7 s of Retry-After on a 429 before asking again", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    vi.setSystemTime(now);
    const asked: number[] = [];
    const c = createJiraConnector(config(), {
      env: ENV,
      notice: () => {},
      // The real sleep (global setTimeout, faked here), observed so the test knows when the wait began.
      sleep: (ms, signal) => {
        asked.push(ms);
        return defaultSleep(ms, signal);
      },
    });
    nock(SITE).get("/rest/api/3/field").reply(200, fixture("field.json"));
    nock(SITE)
      .get(SEARCH)
      .query(true)
      .reply(429, { errorMessages: ["Rate limit exceeded."] }, { "Retry-After": "7" });
    const retried = nock(SITE).get(SEARCH).query(true).reply(200, fixture("search-jql-empty.json"));

    const run = collect(c.pull(null));
    while (asked.length === 0) await new Promise((r) => setImmediate(r));
    expect(asked).toEqual([7000]);
    expect(c.requestCount).toBe(2);

    await vi.advanceTimersByTimeAsync(6999);
    expect(retried.isDone()).toBe(false);
    expect(c.requestCount).toBe(2);

    await vi.advanceTimersByTimeAsync(1);
    const pages = await run;
    expect(retried.isDone()).toBe(true);
    expect(c.requestCount).toBe(3);
    expect(pages).toHaveLength(1);
  });

  it("waits until X-RateLimit-Reset on a 503 without Retry-After", async () => {
    const { c, sleeps } = setup();
    nock(SITE)
      .get(SEARCH)
      .query(true)
      .reply(503, "Service Unavailable", { "X-RateLimit-Reset": "2026-01-05T10:41Z" });
    nock(SITE).get(SEARCH).query(true).reply(200, fixture("search-jql-empty.json"));
    await collect(c.pull(null));
    expect(sleeps).toEqual([60_000]);
  });

  it("backs off with jitter on a 5xx and on a network error, then succeeds", async () => {
    // nock's replyWithError never settles a fetch on Node 20, so the network failure is injected at fetch.
    let calls = 0;
    const flakyFetch: typeof fetch = (input, init) => {
      calls++;
      if (calls === 3)
        return Promise.reject(new TypeError("fetch failed", { cause: new Error("ECONNRESET") }));
      return fetch(input, init);
    };
    const { c, sleeps } = setup({}, { fetch: flakyFetch });
    nock(SITE).get(SEARCH).query(true).reply(502, "<html>Bad Gateway</html>");
    nock(SITE).get(SEARCH).query(true).reply(200, fixture("search-jql-empty.json"));
    await collect(c.pull(null));
    // field list, 502, network error, success; waits are random() = 0.5 of min(60 s, 1 s × 2^(attempt-1)).
    expect(calls).toBe(4);
    expect(sleeps).toEqual([500, 1000]);
  });

  it("reports a network failure that outlasts the retries as retryable", async () => {
    const down: typeof fetch = () =>
      Promise.reject(new TypeError("fetch failed", { cause: new Error("ECONNREFUSED") }));
    const { c, sleeps } = setup({ retry: { maxAttempts: 2 } }, { fetch: down });
    nock.cleanAll();
    const err = await failure(c.pull(null));
    expect(err).toMatchObject({ code: "jira_network", retryable: true });
    expect(err.message).toContain("ECONNREFUSED");
    expect(sleeps).toHaveLength(1);
  });

  it("gives up after maxAttempts with a retryable error", async () => {
    const { c, sleeps } = setup({ retry: { maxAttempts: 3 } });
    nock(SITE)
      .get(SEARCH)
      .query(true)
      .times(3)
      .reply(500, { errorMessages: ["Internal server error"] });
    const err = await failure(c.pull(null));
    expect(err.code).toBe("jira_unavailable");
    expect(err.retryable).toBe(true);
    expect(sleeps).toHaveLength(2);
    expect(c.requestCount).toBe(4);
  });

  it("does not sit on a Retry-After longer than allowed: it fails, retryable", async () => {
    const { c, sleeps } = setup();
    nock(SITE).get(SEARCH).query(true).reply(429, "", { "Retry-After": "3600" });
    const err = await failure(c.pull(null));
    expect(err).toMatchObject({ code: "jira_rate_limited", retryable: true });
    expect(err.message).toContain("3600 s");
    expect(sleeps).toEqual([]);
  });
});

describe("unrecoverable answers say what to fix", () => {
  it("400: JQL rejected by Jira, with Jira's message, not retried", async () => {
    const { c, sleeps } = setup({ jql: "project = PAYX" });
    nock(SITE)
      .get(SEARCH)
      .query(true)
      .reply(400, {
        errorMessages: ["The value 'PAYX' does not exist for the field 'project'."],
        errors: {},
      });
    const err = await failure(c.pull(null));
    expect(err.code).toBe("jira_bad_jql");
    expect(err.message).toMatch(
      /^JQL rejected by Jira: The value 'PAYX' does not exist for the field 'project'\./,
    );
    expect(err.message).toContain("jira-eng");
    expect(sleeps).toEqual([]);
    expect(c.requestCount).toBe(2);
  });

  it("401: names the credential variables, never the token", async () => {
    const { c } = setup();
    nock(SITE).get(SEARCH).query(true).reply(401, "Client must be authenticated to access this resource.");
    const err = await failure(c.pull(null));
    expect(err).toMatchObject({ code: "jira_unauthorized", status: 401, retryable: false });
    expect(err.message).toContain("JIRA_EMAIL and JIRA_API_TOKEN");
    expect(err.message).toContain("Client must be authenticated");
    expect(err.message).not.toContain(TOKEN);
  });

  it("403: says which permission is missing", async () => {
    const { c } = setup();
    nock(SITE)
      .get(SEARCH)
      .query(true)
      .reply(403, { errorMessages: ["You do not have the permission to see the specified issue."] });
    const err = await failure(c.pull(null));
    expect(err.code).toBe("jira_forbidden");
    expect(err.message).toContain("Browse projects");
  });

  it("404: points at baseUrl, deployment or the issue", async () => {
    const { c } = setup();
    nock(SITE)
      .get("/rest/api/3/issue/PAY-999")
      .query(true)
      .reply(404, {
        errorMessages: ["Issue does not exist or you do not have permission to see it."],
        errors: {},
      });
    await expect(c.fetchIssue("PAY-999")).rejects.toMatchObject({
      code: "jira_not_found",
      message: expect.stringContaining("Issue does not exist"),
    });
  });

  it("410: a removed endpoint (CHANGE-2046) is reported with the fix", async () => {
    const sleeps: number[] = [];
    const c = createJiraConnector(config({ deployment: "datacenter" }), {
      env: ENV,
      notice: () => {},
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    });
    nock(SITE).get("/rest/api/2/field").reply(200, fixture("field.json"));
    nock(SITE)
      .get("/rest/api/2/search")
      .query(true)
      .reply(410, {
        errorMessages: [
          "The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046",
        ],
        errors: {},
      });
    const err = await failure(c.pull(null));
    expect(err.code).toBe("jira_endpoint_removed");
    expect(err.message).toContain("410 Gone, GET /rest/api/2/search");
    expect(err.message).toContain("CHANGE-2046");
    expect(err.message).toContain("set deployment: cloud");
    expect(sleeps).toEqual([]);
  });

  it("a response of the wrong shape is an error, not an empty page", async () => {
    const { c } = setup();
    nock(SITE).get(SEARCH).query(true).reply(200, { issues: "none", isLast: true });
    const err = await failure(c.pull(null));
    expect(err.code).toBe("jira_bad_response");
    expect(err.message).toContain("issues");
  });
});
