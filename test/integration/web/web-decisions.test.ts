import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  call,
  csrfOf,
  type DemoWeb,
  type DemoWorkspace,
  demoWorkspace,
  REPO,
  signIn,
  startDemoWeb,
} from "./web-harness.js";

const SITE = "https://acmepay.atlassian.net";
const ENV = { JIRA_EMAIL: "sync-bot@acmepay.example", JIRA_API_TOKEN: "ATATT3xFfGF0-web-decisions" };
/** The demo's today, 12 Jan 2026 at noon in Paris: the reconcile after a write-back runs on it. */
const NOW = "2026-01-12T11:00:00.000Z";
const START_FIELD = "customfield_10015";
const PAY_151 = "schedule|jira-eng:PAY-151";
const CAMPAIGN = "schedule|mkt-plan:MKT-7";

let ws: DemoWorkspace;
let web: DemoWeb;
let session: string;

/** An issue as the demo's recorded search answered it, with the dates Jira holds after the write. */
function issueAfter(key: string, dates: { duedate?: string; start?: string }): Record<string, unknown> {
  const pages = ["search-jql-page-1.json", "search-jql-page-2.json"].map(
    (f) =>
      JSON.parse(readFileSync(join(REPO, "fixtures/jira/demo/slip", f), "utf8")) as {
        issues: { key: string; fields: Record<string, unknown> }[];
      },
  );
  const issue = pages.flatMap((p) => p.issues).find((i) => i.key === key);
  if (!issue) throw new Error(`${key} is not in the demo recording`);
  const fields: Record<string, unknown> = { ...issue.fields, updated: "2026-01-12T12:01:00.000+0100" };
  if (dates.duedate) fields.duedate = dates.duedate;
  if (dates.start) fields[START_FIELD] = dates.start;
  return { ...issue, fields };
}

/** Jira's side of one write-back: the field list, the edit (its body kept), the re-read. */
function jiraTakes(key: string, after: Record<string, unknown>): unknown[] {
  const bodies: unknown[] = [];
  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-fields/#api-rest-api-3-field-get
  nock(SITE)
    .get("/rest/api/3/field")
    .reply(200, readFileSync(join(REPO, "fixtures/jira/field.json"), "utf8"), {
      "Content-Type": "application/json",
    });
  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-put
  nock(SITE)
    .put(`/rest/api/3/issue/${key}`, (b) => {
      bodies.push(b);
      return true;
    })
    .reply(204);
  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-get
  nock(SITE).get(`/rest/api/3/issue/${key}`).query(true).reply(200, after);
  return bodies;
}

async function conflictPage(fingerprint: string, cookie = session): Promise<string> {
  const res = await call(`${web.url}/conflicts/${encodeURIComponent(fingerprint)}`, {
    headers: { Cookie: cookie },
  });
  expect(res.status).toBe(200);
  return res.text();
}

function post(fingerprint: string, verb: string, fields: Record<string, string>, cookie = session) {
  return call(`${web.url}/conflicts/${encodeURIComponent(fingerprint)}/${verb}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
    body: new URLSearchParams(fields).toString(),
  });
}

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect("127.0.0.1");
  ws = await demoWorkspace();
  // The demo synced Jira from its recording; from here on jira-eng is the live site, so write-backs go to Jira.
  const config = readFileSync(ws.configFile, "utf8").replace(
    /recorded: .*fixtures\/jira\/demo\/slip.*/,
    "auth: { type: basic, emailEnv: JIRA_EMAIL, tokenEnv: JIRA_API_TOKEN }",
  );
  writeFileSync(ws.configFile, config);
  web = await startDemoWeb(ws, {}, { env: ENV, now: () => NOW });
  // A name typed with a terminal colour code and a bell: recorded as one clean line.
  session = await signIn(web.url, " Ana\u001b[31m Admin\u0007 ");
}, 60_000);

afterEach(() => {
  expect(nock.pendingMocks()).toEqual([]);
  nock.cleanAll();
});

afterAll(async () => {
  await web?.close();
  ws?.remove();
  nock.enableNetConnect();
});

describe("deciding from the conflict page", () => {
  it("refuses a form without this session's CSRF token, and changes nothing", async () => {
    const other = await signIn(web.url, "Mallory");
    const foreign = csrfOf(await conflictPage(CAMPAIGN, other));
    const attempts: Record<string, string>[] = [{}, { csrf: "forged" }, { csrf: foreign }];
    for (const fields of attempts) {
      const res = await post(CAMPAIGN, "acknowledge", fields);
      expect(res.status).toBe(403);
      expect(await res.text()).toContain("this form expired or was not sent by Sightline");
    }
    expect((await web.ctx.store.conflicts.get(CAMPAIGN))?.status).toBe("open");
  });

  it("sends a signed-out visitor to sign in instead of deciding", async () => {
    const res = await post(CAMPAIGN, "acknowledge", { csrf: "x" }, "");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toMatch(/^\/login\?next=/);
    expect((await web.ctx.store.conflicts.get(CAMPAIGN))?.status).toBe("open");
  });

  it("acknowledges with who and when, and says so on the page", async () => {
    const page = await conflictPage(CAMPAIGN);
    expect(page).toContain(`action="/conflicts/${encodeURIComponent(CAMPAIGN)}/acknowledge"`);
    const res = await post(CAMPAIGN, "acknowledge", { csrf: csrfOf(page) });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(
      `/conflicts/${encodeURIComponent(CAMPAIGN)}?decided=acknowledged#decide`,
    );
    const stored = await web.ctx.store.conflicts.get(CAMPAIGN);
    expect(stored).toMatchObject({ status: "acknowledged", statusBy: "web:Ana Admin", statusAt: NOW });
    const after = await conflictPage(`${CAMPAIGN}`);
    expect(after).toContain("acknowledged by web:Ana Admin at 2026-01-12 11:00 UTC");
    const shown = await (
      await call(`${web.url}/conflicts/${encodeURIComponent(CAMPAIGN)}?decided=acknowledged`, {
        headers: { Cookie: session },
      })
    ).text();
    expect(shown).toContain('<p class="notice" role="status">Acknowledged');
  });

  it("snoozes for one of the offered lengths, and refuses any other", async () => {
    const fp = "schedule|mkt-plan:MKT-9";
    const csrf = csrfOf(await conflictPage(fp));
    const bad = await post(fp, "snooze", { csrf, days: "5" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain(
      "form field &quot;days&quot;: expected one of 1, 3, 7, got &quot;5&quot;",
    );
    expect((await web.ctx.store.conflicts.get(fp))?.status).toBe("open");
    expect((await post(fp, "snooze", { csrf, days: "3" })).status).toBe(303);
    expect(await web.ctx.store.conflicts.get(fp)).toMatchObject({
      status: "snoozed",
      statusBy: "web:Ana Admin",
      snoozedUntil: "2026-01-15T11:00:00.000Z",
    });
  });

  it("refuses a replan to a date the conflict no longer has, before anything reaches Jira", async () => {
    const csrf = csrfOf(await conflictPage(PAY_151));
    const res = await post(PAY_151, "replan", { csrf, date: "2026-04-01" });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain(
      "The conflict changed since it was shown: the earliest date is now 4 Apr",
    );
    expect((await web.ctx.store.actions.get("jira-eng:PAY-151"))?.start).toBe("2026-02-23");
  });

  it("replans in Jira as the Slack button does: start to the earliest date, the due date kept as far after it", async () => {
    const page = await conflictPage(PAY_151);
    expect(page).toContain("Moves it to start 4 Apr 2026, due 15 Apr 2026 in jira-eng");
    const bodies = jiraTakes(
      "PAY-151",
      issueAfter("PAY-151", { start: "2026-04-04", duedate: "2026-04-15" }),
    );
    const res = await post(PAY_151, "replan", { csrf: csrfOf(page), date: "2026-04-04" });
    expect(res.status, web.logs.join("\n")).toBe(303);
    expect(res.headers.get("location")).toContain("decided=written");
    expect(bodies).toEqual([{ fields: { duedate: "2026-04-15", [START_FIELD]: "2026-04-04" } }]);
    const action = await web.ctx.store.actions.get("jira-eng:PAY-151");
    expect(action).toMatchObject({ start: "2026-04-04", due: "2026-04-15" });
    const history = await web.ctx.store.actions.history("jira-eng:PAY-151");
    expect(history.filter((e) => e.field === "due").map((e) => e.source)).toContain(
      "writeback:web:Ana Admin",
    );
    // Reconciled at once: PAY-151 now waits for the API, so its conflict cleared.
    expect((await web.ctx.store.conflicts.get(PAY_151))?.status).toBe("resolved");
    const after = await conflictPage(PAY_151);
    expect(after).toContain("This conflict has cleared: nothing to decide.");
    expect(after).toMatch(/writeback:web:Ana Admin changed due of jira-eng:PAY-151/);
  });

  it("commits the dependency in Jira to the needed-by date, and refuses a conflict that has cleared", async () => {
    const fp = "schedule|mail-actions:QA-9";
    const page = await conflictPage(fp);
    expect(page).toContain("Sets its due date to 22 Feb 2026 in jira-eng");
    const csrf = csrfOf(page);
    const bodies = jiraTakes("PAY-142", issueAfter("PAY-142", { duedate: "2026-02-22" }));
    const res = await post(fp, "commit", { csrf, dependency: "jira-eng:PAY-142", date: "2026-02-22" });
    expect(res.status, web.logs.join("\n")).toBe(303);
    expect(bodies).toEqual([{ fields: { duedate: "2026-02-22" } }]);
    expect((await web.ctx.store.actions.get("jira-eng:PAY-142"))?.due).toBe("2026-02-22");
    expect((await web.ctx.store.conflicts.get(fp))?.status).toBe("resolved");
    const again = await post(fp, "commit", { csrf, dependency: "jira-eng:PAY-142", date: "2026-02-22" });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("This conflict has already cleared");
  });
});
