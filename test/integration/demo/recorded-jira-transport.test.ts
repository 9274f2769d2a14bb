import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { parseJiraConfig } from "../../../connectors/jira/config.js";
import { createJiraConnector } from "../../../connectors/jira/connector.js";
import { JiraError } from "../../../connectors/jira/errors.js";
import { RecordedJiraError } from "../../../connectors/jira/recorded-recording.js";
import { createRecordedJiraTransport } from "../../../connectors/jira/recorded-transport.js";
import type { RequestSpec } from "../../../connectors/jira/transport.js";
import { ActionRecordSchema, ValidationError } from "../../../src/model/index.js";
import type { PageItem } from "../../../src/sync/index.js";

const SITE = "https://acmepay.atlassian.net";
const FIXTURES = join(import.meta.dirname, "..", "..", "..", "fixtures", "jira");
const FULL = "(project = PAY) ORDER BY updated ASC, key ASC";
const KICKOFF_TOKEN = "CAEaAggDIhRbMTc2NzM0MjA0MTUwMCwxMDE0Ml0";

const Page = z.object({
  issues: z.array(z.object({ key: z.string() })),
  nextPageToken: z.string().optional(),
  isLast: z.boolean().optional(),
});

function search(query: Record<string, string>): RequestSpec {
  return { method: "GET", path: "/rest/api/3/search/jql", query, what: "searching issues", jql: query.jql };
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A recording folder of its own: recording.yaml plus the given response files. */
function recordingDir(yaml: string, files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "sightline-jira-recording-"));
  dirs.push(dir);
  writeFileSync(join(dir, "recording.yaml"), yaml);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const kickoff = () =>
  createRecordedJiraTransport(join(FIXTURES, "demo", "kickoff"), { instance: "jira-eng", baseUrl: SITE });

describe("the recorded Jira transport", () => {
  it("answers a recorded search with the recorded page, validated by the caller's schema", async () => {
    const t = kickoff();
    const page = await t.json(search({ jql: FULL, fields: "summary,status", maxResults: "2" }), Page);
    expect(page.issues.map((i) => i.key)).toEqual(["PAY-150", "PAY-142"]);
    expect(page.nextPageToken).toBe(KICKOFF_TOKEN);
    expect(t.requestCount).toBe(1);
    expect(t.requests).toEqual([`GET /rest/api/3/search/jql jql=${JSON.stringify(FULL)}`]);
  });

  it("answers a search sent as POST with a JSON body (one that reconciles issues) like the same GET", async () => {
    const t = kickoff();
    const post: RequestSpec = {
      method: "POST",
      path: "/rest/api/3/search/jql",
      body: { jql: FULL, nextPageToken: KICKOFF_TOKEN, fields: ["summary"], reconcileIssues: [10142] },
      what: "searching issues",
      jql: FULL,
    };
    expect(await t.json(post, Page)).toMatchObject({ issues: [{ key: "PAY-151" }], isLast: true });
    expect(t.requests).toEqual([
      `GET /rest/api/3/search/jql jql=${JSON.stringify(FULL)} nextPageToken=${JSON.stringify(KICKOFF_TOKEN)}`,
    ]);
  });

  it("tells pages apart by nextPageToken", async () => {
    const t = kickoff();
    const second = await t.json(search({ jql: FULL, nextPageToken: KICKOFF_TOKEN }), Page);
    expect(second).toMatchObject({ issues: [{ key: "PAY-151" }], isLast: true });
    const first = await t.json(search({ jql: FULL }), Page);
    expect(first.issues.map((i) => i.key)).toEqual(["PAY-150", "PAY-142"]);
  });

  it("fails, naming the request and what the recording holds, for a JQL nobody recorded", async () => {
    const t = kickoff();
    const jql = '(project = PAY) AND updated >= "2026/01/02 09:23" ORDER BY updated ASC, key ASC';
    const error = await t.json(search({ jql }), Page).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RecordedJiraError);
    expect(error).toMatchObject({
      code: "jira_unrecorded_request",
      request: `GET /rest/api/3/search/jql jql=${JSON.stringify(jql)}`,
    });
    expect(String(error)).toContain("kickoff/recording.yaml");
    expect(String(error)).toContain(`GET /rest/api/3/search/jql jql=${JSON.stringify(FULL)}`);
    expect(t.requestCount).toBe(1);
  });

  it("never answers an unknown page token with another page", async () => {
    const t = kickoff();
    await expect(t.json(search({ jql: FULL, nextPageToken: "not-a-token" }), Page)).rejects.toMatchObject({
      code: "jira_unrecorded_request",
    });
  });

  it("fails for a method or path nobody recorded, writes included", async () => {
    const t = kickoff();
    await expect(
      t.send({
        method: "PUT",
        path: "/rest/api/3/issue/PAY-142",
        body: {},
        what: "updating the dates of PAY-142",
      }),
    ).rejects.toMatchObject({ code: "jira_unrecorded_request", request: "PUT /rest/api/3/issue/PAY-142" });
    await expect(
      t.json({ method: "GET", path: "/rest/api/3/myself", what: "checking" }, Page),
    ).rejects.toThrow(/GET \/rest\/api\/3\/myself/);
  });

  it("checks the other parameters only when the recording names them", async () => {
    const dir = recordingDir(
      [
        "requests:",
        "  - request:",
        "      method: GET",
        "      path: /rest/api/3/search/jql",
        "      query: { jql: project = PAY, maxResults: '2' }",
        "    response: page.json",
      ].join("\n"),
      { "page.json": JSON.stringify({ issues: [{ key: "PAY-1" }], isLast: true }) },
    );
    const t = createRecordedJiraTransport(dir, { instance: "jira-eng", baseUrl: SITE });
    await expect(
      t.json(search({ jql: "project = PAY", maxResults: "2", fields: "summary" }), Page),
    ).resolves.toMatchObject({
      issues: [{ key: "PAY-1" }],
    });
    await expect(t.json(search({ jql: "project = PAY", maxResults: "100" }), Page)).rejects.toMatchObject({
      code: "jira_unrecorded_request",
    });
  });

  it("replays a recorded error status as the error Jira's answer raises", async () => {
    const dir = recordingDir(
      [
        "requests:",
        "  - request: { method: GET, path: /rest/api/3/search/jql, query: { jql: projct = PAY } }",
        "    status: 400",
        "    response: bad-jql.json",
      ].join("\n"),
      {
        "bad-jql.json": JSON.stringify({
          errorMessages: ["Field 'projct' does not exist or you do not have permission to view it."],
          errors: {},
        }),
      },
    );
    const t = createRecordedJiraTransport(dir, { instance: "jira-eng", baseUrl: SITE });
    const error = await t.json(search({ jql: "projct = PAY" }), Page).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(JiraError);
    expect(error).toMatchObject({ code: "jira_bad_jql", status: 400 });
    expect(String(error)).toContain("Field 'projct' does not exist");
  });

  it("reports a recorded body that does not fit the schema, naming the file", async () => {
    const dir = recordingDir(
      "requests:\n  - request: { method: GET, path: /rest/api/3/field }\n    response: field.json\n",
      {
        "field.json": JSON.stringify({ not: "a list" }),
      },
    );
    const t = createRecordedJiraTransport(dir, { instance: "jira-eng", baseUrl: SITE });
    await expect(
      t.json({ method: "GET", path: "/rest/api/3/field", what: "listing fields" }, z.array(z.unknown())),
    ).rejects.toMatchObject({
      code: "jira_bad_response",
      message: expect.stringContaining("field.json"),
    });
  });

  it("refuses a recording where two entries answer the same request", () => {
    const dir = recordingDir(
      [
        "requests:",
        "  - request: { method: GET, path: /rest/api/3/search/jql, query: { jql: project = PAY } }",
        "    response: a.json",
        "  - request: { method: GET, path: /rest/api/3/search/jql, query: { jql: project = PAY, fields: key } }",
        "    response: b.json",
      ].join("\n"),
      { "a.json": "{}", "b.json": "{}" },
    );
    expect(() => createRecordedJiraTransport(dir, { instance: "jira-eng", baseUrl: SITE })).toThrow(
      expect.objectContaining({
        code: "jira_recording_invalid",
        message: expect.stringMatching(/requests\[0\] and requests\[1\]/),
      }),
    );
  });

  it("refuses a recording naming a response file that is not there", () => {
    const dir = recordingDir(
      "requests:\n  - request: { method: GET, path: /rest/api/3/field }\n    response: fields.json\n",
    );
    expect(() => createRecordedJiraTransport(dir, { instance: "jira-eng", baseUrl: SITE })).toThrow(
      expect.objectContaining({
        code: "jira_recording_invalid",
        message: expect.stringMatching(/requests\[0\] \(GET \/rest\/api\/3\/field\) names a response file/),
      }),
    );
  });

  it("says where a malformed recording.yaml is wrong", () => {
    const dir = recordingDir("requests:\n  - request: { method: FETCH, path: /rest/api/3/field }\n");
    let error: unknown = null;
    try {
      createRecordedJiraTransport(dir, { instance: "jira-eng", baseUrl: SITE });
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: "jira_recording_invalid" });
    expect(String(error)).toMatch(/recording\.yaml/);
    expect(String(error)).toMatch(/requests\[0\]\.request\.method/);
  });

  it("keeps a recorded response byte for byte (the fixture, not a re-serialisation)", async () => {
    const t = kickoff();
    const fields = await t.json(
      { method: "GET", path: "/rest/api/3/field", what: "listing fields" },
      z.unknown(),
    );
    expect(fields).toEqual(JSON.parse(readFileSync(join(FIXTURES, "field.json"), "utf8")));
  });
});

describe("a Jira instance with `recorded`", () => {
  const options = {
    id: "jira-eng",
    kind: "jira",
    baseUrl: SITE,
    jql: "project = PAY",
    kpiFrom: { labelsPrefix: "kpi:" },
    teamFrom: { fixed: "Engineering" },
    pageSize: 2,
  };

  it("needs no auth and no credentials, and pulls the recorded pages through the connector", async () => {
    const config = parseJiraConfig({ ...options, recorded: join(FIXTURES, "demo", "kickoff") }, "test");
    const connector = createJiraConnector(config, { env: {}, now: () => new Date("2026-01-02T08:30:00Z") });
    const items: PageItem[] = [];
    for await (const page of connector.pull(null)) items.push(...page.items);
    const records = items.flatMap((i) => (i.kind === "record" ? [ActionRecordSchema.parse(i.record)] : []));
    expect(records.map((r) => [r.nativeKey, r.due])).toEqual([
      ["PAY-150", "2025-11-28"],
      ["PAY-142", "2026-02-20"],
      ["PAY-151", "2026-03-06"],
    ]);
    // The fields list, then two search pages: the requests a first sync makes.
    expect(connector.requestCount).toBe(3);
  });

  it("still requires auth when nothing is recorded", () => {
    expect(() => parseJiraConfig(options, "sightline.config.yaml connectors[0]")).toThrow(ValidationError);
    expect(() => parseJiraConfig(options, "sightline.config.yaml connectors[0]")).toThrow(
      /auth: auth is required/,
    );
  });
});
