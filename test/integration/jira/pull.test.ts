import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import type { JiraCursor } from "../../../connectors/jira/cursor.js";
import { JiraError } from "../../../connectors/jira/errors.js";
import {
  collect,
  fixture,
  fixtureIssues,
  fixtureObject,
  recordOf,
  runLikeEngine,
  SITE,
  START_FIELD,
} from "../../unit/connectors/jira/support.js";
import { connector, first, type Query, SEARCH, searchReplying, tenMinutesLater } from "./nock-jira.js";

afterEach(() => {
  nock.cleanAll();
});

describe("Cloud pull: pagination and cursor", () => {
  it("reads every page of a first (full) run and ends on the last page without a token", async () => {
    const { c } = connector();
    nock(SITE).get("/rest/api/3/field").reply(200, fixture("field.json"));
    const queries: Query[] = [];
    const scope = searchReplying(
      queries,
      fixtureObject("search-jql-page-1.json"),
      fixtureObject("search-jql-page-2.json"),
    );

    const pages = await collect(c.pull(null));

    expect(scope.isDone()).toBe(true);
    expect(pages.map((p) => p.items.map((i) => i.origin.nativeKey))).toEqual([
      ["PAY-150", "PAY-142"],
      ["PAY-151"],
    ]);
    expect(queries[0]).toMatchObject({
      jql: "(project = PAY) ORDER BY updated ASC, key ASC",
      maxResults: "2",
      fields: `summary,status,assignee,duedate,updated,parent,labels,components,issuelinks,resolution,${START_FIELD}`,
    });
    expect(queries[0]?.nextPageToken).toBeUndefined();
    expect(queries[1]?.nextPageToken).toBe("CAEaAggDIhRbMTc2NzM0MjA0MTUwMCwxMDE0Ml0");
    expect(pages[0]?.snapshotComplete).toBeUndefined();
    expect(pages[1]?.snapshotComplete).toBe(true);
    expect(pages[1]?.cursor).toMatchObject({
      jql: "project = PAY",
      watermark: "2026-01-02T09:28:03.000+0100",
      lastFullScanAt: first.toISOString(),
      fields: { ids: { start: START_FIELD } },
    });
    expect(pages[0]?.people?.map((p) => p.jiraAccountId).sort()).toHaveLength(2);
    expect(c.requestCount).toBe(3);
  });

  it("stops on isLast even when a token is present", async () => {
    const { c } = connector();
    nock(SITE).get("/rest/api/3/field").reply(200, fixture("field.json"));
    const last = { ...fixtureObject("search-jql-page-1.json"), isLast: true };
    const scope = searchReplying([], last);
    const pages = await collect(c.pull(null));
    expect(scope.isDone()).toBe(true);
    expect(pages).toHaveLength(1);
    expect(pages[0]?.snapshotComplete).toBe(true);
  });

  it("stops on a missing token when isLast is absent", async () => {
    const { c } = connector();
    nock(SITE).get("/rest/api/3/field").reply(200, fixture("field.json"));
    const issues = fixtureIssues("search-jql-page-2.json");
    const scope = searchReplying([], { issues });
    const pages = await collect(c.pull(null));
    expect(scope.isDone()).toBe(true);
    expect(pages.map((p) => p.items.length)).toEqual([1]);
    expect(pages[0]?.snapshotComplete).toBe(true);
  });

  it("makes ONE request for an incremental run with no changes", async () => {
    const stored: { cursor: JiraCursor | null } = { cursor: null };
    const run1 = connector();
    nock(SITE).get("/rest/api/3/field").reply(200, fixture("field.json"));
    searchReplying([], fixtureObject("search-jql-page-1.json"), fixtureObject("search-jql-page-2.json"));
    await runLikeEngine(run1.c.pull(null), stored);

    // A new process (fresh connector, no in-memory cache) from the stored cursor.
    const { c } = connector({}, { now: () => tenMinutesLater });
    const queries: Query[] = [];
    const scope = searchReplying(queries, fixtureObject("search-jql-empty.json"));
    const before = stored.cursor;
    const pages = await collect(c.pull(stored.cursor));

    expect(scope.isDone()).toBe(true);
    expect(c.requestCount).toBe(1);
    expect(queries[0]?.jql).toBe(
      '(project = PAY) AND updated >= "2026/01/02 09:23" ORDER BY updated ASC, key ASC',
    );
    expect(pages).toHaveLength(1);
    expect(pages[0]?.items).toEqual([]);
    expect(pages[0]?.snapshotComplete).toBeUndefined();
    expect(pages[0]?.cursor).toEqual(before);
  });

  it("picks up the slipped due date incrementally and moves the watermark", async () => {
    const { c } = connector({}, { now: () => new Date("2026-01-12T09:20:00Z") });
    const cursor: JiraCursor = {
      v: 1,
      jql: "project = PAY",
      watermark: "2026-01-02T09:28:03.000+0100",
      lastFullScanAt: "2026-01-12T06:00:00.000Z",
      fields: {
        signature: '["Start date",null,null]',
        resolvedAt: "2026-01-12T06:00:00.000Z",
        ids: { start: START_FIELD, kpi: null, team: null },
      },
    };
    searchReplying([], fixtureObject("search-jql-after-slip.json"));
    const [page] = await collect(c.pull(cursor));
    expect(recordOf(page!.items[0]!)).toMatchObject({ nativeKey: "PAY-142", due: "2026-04-03" });
    expect(page?.cursor.watermark).toBe("2026-01-12T10:14:58.312+0100");
  });

  it("resets the cursor when the JQL changed: full scan, snapshot complete", async () => {
    const { c } = connector({ jql: "project = PAY AND component = Backend" }, { now: () => tenMinutesLater });
    const cursor: JiraCursor = {
      v: 1,
      jql: "project = PAY",
      watermark: "2026-01-02T09:28:03.000+0100",
      lastFullScanAt: first.toISOString(),
      fields: {
        signature: '["Start date",null,null]',
        resolvedAt: first.toISOString(),
        ids: { start: START_FIELD, kpi: null, team: null },
      },
    };
    const queries: Query[] = [];
    searchReplying(queries, fixtureObject("search-jql-page-2.json"));
    const pages = await collect(c.pull(cursor));
    expect(queries[0]?.jql).toBe("(project = PAY AND component = Backend) ORDER BY updated ASC, key ASC");
    expect(pages.at(-1)?.snapshotComplete).toBe(true);
    expect(pages.at(-1)?.cursor).toMatchObject({ jql: "project = PAY AND component = Backend" });
  });

  it("returns nothing from a cursor in the future and keeps it", async () => {
    const { c } = connector({}, { now: () => tenMinutesLater });
    const cursor: JiraCursor = {
      v: 1,
      jql: "project = PAY",
      watermark: "2031-06-01T09:00:00.000+0100",
      lastFullScanAt: first.toISOString(),
      fields: {
        signature: '["Start date",null,null]',
        resolvedAt: first.toISOString(),
        ids: { start: START_FIELD, kpi: null, team: null },
      },
    };
    const queries: Query[] = [];
    searchReplying(queries, fixtureObject("search-jql-empty.json"));
    const pages = await collect(c.pull(cursor));
    expect(queries[0]?.jql).toContain('updated >= "2031/06/01 08:55"');
    expect(pages.flatMap((p) => p.items)).toEqual([]);
    expect(pages.every((p) => !p.snapshotComplete)).toBe(true);
    expect(pages[0]?.cursor.watermark).toBe(cursor.watermark);
  });

  it("runs a full pass when the last one is older than fullScanEveryMinutes", async () => {
    const { c } = connector({ fullScanEveryMinutes: 60 }, { now: () => new Date("2026-01-02T10:00:00Z") });
    const cursor: JiraCursor = {
      v: 1,
      jql: "project = PAY",
      watermark: "2026-01-02T09:28:03.000+0100",
      lastFullScanAt: first.toISOString(),
      fields: {
        signature: '["Start date",null,null]',
        resolvedAt: first.toISOString(),
        ids: { start: START_FIELD, kpi: null, team: null },
      },
    };
    const queries: Query[] = [];
    searchReplying(queries, fixtureObject("search-jql-page-1.json"), fixtureObject("search-jql-page-2.json"));
    const pages = await collect(c.pull(cursor));
    expect(queries[0]?.jql).not.toContain("updated >=");
    expect(pages.at(-1)?.snapshotComplete).toBe(true);
    expect(pages.at(-1)?.cursor.lastFullScanAt).toBe("2026-01-02T10:00:00.000Z");
  });

  it("leaves the cursor at the last good page when a page fails, and resumes from it", async () => {
    const stored: { cursor: JiraCursor | null } = { cursor: null };
    const { c } = connector();
    nock(SITE).get("/rest/api/3/field").reply(200, fixture("field.json"));
    searchReplying([], fixtureObject("search-jql-page-1.json"));
    nock(SITE).get(SEARCH).query(true).reply(401, "Client must be authenticated to access this resource.");

    const run = await runLikeEngine(c.pull(null), stored);
    expect(run.pages).toHaveLength(1);
    expect(run.error).toBeInstanceOf(JiraError);
    expect(stored.cursor?.watermark).toBe("2026-01-02T09:20:41.500+0100");
    expect(stored.cursor?.lastFullScanAt).toBeNull();

    // The next run re-reads from the watermark (minus lookback) and, never having finished a full pass, scans.
    const queries: Query[] = [];
    searchReplying(queries, fixtureObject("search-jql-page-1.json"), fixtureObject("search-jql-page-2.json"));
    const { c: again } = connector({}, { now: () => tenMinutesLater });
    const rerun = await runLikeEngine(again.pull(stored.cursor), stored);
    expect(rerun.error).toBeNull();
    expect(again.requestCount).toBe(2);
    expect(stored.cursor?.watermark).toBe("2026-01-02T09:28:03.000+0100");
    expect(rerun.pages.at(-1)?.snapshotComplete).toBe(true);
  });

  it("yields an issue edited mid-run once, and keeps the watermark below its newer copy", async () => {
    const { c } = connector();
    nock(SITE).get("/rest/api/3/field").reply(200, fixture("field.json"));
    const page2 = fixtureIssues("search-jql-page-2.json");
    const slipped = fixtureIssues("search-jql-after-slip.json");
    searchReplying([], fixtureObject("search-jql-page-1.json"), {
      issues: [...page2, ...slipped],
      isLast: true,
    });
    const pages = await collect(c.pull(null));
    const keys = pages.flatMap((p) => p.items.map((i) => i.origin.nativeKey));
    expect(keys).toEqual(["PAY-150", "PAY-142", "PAY-151"]);
    expect(pages.at(-1)?.cursor.watermark).toBe("2026-01-02T09:28:03.000+0100");
  });

  it("notes a missing start-date field and syncs without start dates", async () => {
    const { c, notices } = connector();
    nock(SITE).get("/rest/api/3/field").reply(200, fixture("field-without-start-date.json"));
    const queries: Query[] = [];
    searchReplying(queries, fixtureObject("search-jql-page-1.json"), fixtureObject("search-jql-page-2.json"));
    const pages = await collect(c.pull(null));
    expect(notices).toEqual([expect.stringContaining('"Start date" does not exist')]);
    expect(queries[0]?.fields).not.toContain("customfield_");
    const records = pages.flatMap((p) => p.items).map(recordOf);
    expect(records.map((r) => r.start)).toEqual([null, null, null]);
    expect(records.map((r) => r.due)).toEqual(["2025-11-28", "2026-02-20", "2026-03-06"]);
  });

  it("stops at the page guard, keeping the pages read", async () => {
    const stored: { cursor: JiraCursor | null } = { cursor: null };
    const { c } = connector({ maxPages: 1 });
    nock(SITE).get("/rest/api/3/field").reply(200, fixture("field.json"));
    searchReplying([], fixtureObject("search-jql-page-1.json"));
    const run = await runLikeEngine(c.pull(null), stored);
    expect(run.pages).toHaveLength(1);
    expect(run.error).toMatchObject({ code: "jira_page_guard" });
  });

  it("refuses a token that repeats instead of looping", async () => {
    const { c } = connector();
    nock(SITE).get("/rest/api/3/field").reply(200, fixture("field.json"));
    searchReplying([], fixtureObject("search-jql-page-1.json"), fixtureObject("search-jql-page-1.json"));
    await expect(collect(c.pull(null))).rejects.toMatchObject({ code: "jira_pagination_loop" });
  });

  it("rejects a stored cursor that is not a Jira cursor unless asked for a full scan", async () => {
    const { c } = connector();
    await expect(collect(c.pull(JSON.parse('{"page":3}')))).rejects.toMatchObject({
      code: "jira_bad_cursor",
    });
    const { c: full } = connector({}, { fullScan: true });
    nock(SITE).get("/rest/api/3/field").reply(200, fixture("field.json"));
    searchReplying([], fixtureObject("search-jql-page-1.json"), fixtureObject("search-jql-page-2.json"));
    const pages = await collect(full.pull(JSON.parse('{"page":3}')));
    expect(pages.at(-1)?.snapshotComplete).toBe(true);
  });
});
