import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import {
  collect,
  DC_SITE,
  fixture,
  fixtureObject,
  recordOf,
  SITE,
  START_FIELD,
} from "../../unit/connectors/jira/support.js";
import { connector, searchReplying } from "./nock-jira.js";

afterEach(() => {
  nock.cleanAll();
});

describe("Data Center pull", () => {
  it("paginates /rest/api/2/search with startAt until total", async () => {
    const { c } = connector({
      baseUrl: DC_SITE,
      deployment: "datacenter",
      auth: { type: "pat", tokenEnv: "JIRA_API_TOKEN" },
    });
    const starts: string[] = [];
    nock(DC_SITE).get("/rest/api/2/field").reply(200, fixture("field.json"));
    for (const [startAt, name] of [
      ["0", "datacenter-search-page-1.json"],
      ["2", "datacenter-search-page-2.json"],
    ] as const) {
      nock(DC_SITE)
        .get("/rest/api/2/search")
        .query((q) => {
          if (q.startAt !== startAt) return false;
          starts.push(startAt);
          return q.maxResults === "2" && q.jql === "(project = PAY) ORDER BY updated ASC, key ASC";
        })
        .reply(200, fixtureObject(name));
    }
    const pages = await collect(c.pull(null));
    expect(starts).toEqual(["0", "2"]);
    const records = pages.flatMap((p) => p.items).map(recordOf);
    expect(records.map((r) => r.nativeKey)).toEqual(["PAY-150", "PAY-142", "PAY-151"]);
    expect(records[1]?.url).toBe(`${DC_SITE}/browse/PAY-142`);
    expect(pages.at(-1)?.snapshotComplete).toBe(true);
  });
});

describe("check()", () => {
  it("reports who it signed in as and whether the start-date field exists", async () => {
    const { c } = connector();
    nock(SITE).get("/rest/api/3/myself").reply(200, {
      accountId: "712020:bot",
      displayName: "Sightline bot",
      active: true,
      timeZone: "Europe/Berlin",
    });
    nock(SITE).get("/rest/api/3/field").reply(200, fixture("field.json"));
    searchReplying([], fixtureObject("search-jql-empty.json"));
    const result = await c.check();
    expect(result).toEqual({ ok: true, detail: expect.stringContaining("Sightline bot") });
    expect(result.detail).toContain(START_FIELD);
  });

  it("turns a rejected credential into ok:false with what to fix", async () => {
    const { c } = connector();
    nock(SITE).get("/rest/api/3/myself").reply(401, "Client must be authenticated to access this resource.");
    const result = await c.check();
    expect(result.ok).toBe(false);
    expect(result.detail).toContain("JIRA_EMAIL and JIRA_API_TOKEN");
  });
});

describe("listKeys()", () => {
  it("lists every key of the JQL with fields=key, page by page", async () => {
    const { c } = connector();
    const seen: string[] = [];
    const keysOnly = (keys: string[]) =>
      keys.map((key, i) => ({ id: String(10_000 + i), key, self: `${SITE}/x` }));
    for (const [token, body] of [
      [undefined, { issues: keysOnly(["PAY-142", "PAY-150"]), nextPageToken: "k2", isLast: false }],
      ["k2", { issues: keysOnly(["PAY-151"]), isLast: true }],
    ] as const) {
      nock(SITE)
        .get("/rest/api/3/search/jql")
        .query((q) => {
          if (q.nextPageToken !== token) return false;
          seen.push(`${q.fields} ${q.maxResults} ${q.jql}`);
          return true;
        })
        .reply(200, body);
    }
    const pages: string[][] = [];
    for await (const keys of c.listKeys()) pages.push(keys);
    expect(pages).toEqual([["PAY-142", "PAY-150"], ["PAY-151"]]);
    expect(seen).toEqual([
      "key 5000 (project = PAY) ORDER BY key ASC",
      "key 5000 (project = PAY) ORDER BY key ASC",
    ]);
  });
});
