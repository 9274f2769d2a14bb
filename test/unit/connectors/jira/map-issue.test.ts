import { describe, expect, it } from "vitest";
import { z } from "zod";
import { mapJiraIssue } from "../../../../connectors/jira/map.js";
import { context, fixture, fixtureIssues, JONAS, PRIYA, recordOf, SITE, TOMASZ } from "./support.js";

const page1 = fixtureIssues("search-jql-page-1.json");
const page2 = fixtureIssues("search-jql-page-2.json");
const all = [...page1, ...page2];
const Keyed = z.object({ key: z.string() });
const WithFields = z.looseObject({ fields: z.record(z.string(), z.unknown()) });
const byKey = (key: string) => {
  const found = all.find((i) => Keyed.parse(i).key === key);
  if (!found) throw new Error(`no ${key} in fixtures`);
  return found;
};
/** A deep copy of a recorded issue with a change applied to its fields. */
function variant(key: string, change: (fields: Record<string, unknown>) => void): unknown {
  const copy = WithFields.parse(structuredClone(byKey(key)));
  change(copy.fields);
  return copy;
}

describe("mapJiraIssue on recorded search/jql pages", () => {
  it("maps PAY-142 to the canonical record", () => {
    const { item, person } = mapJiraIssue(byKey("PAY-142"), context(), "jira-eng search page 1");
    const r = recordOf(item);
    expect(r).toMatchObject({
      nativeKey: "PAY-142",
      url: `${SITE}/browse/PAY-142`,
      title: "Backend API integration",
      status: "in_progress",
      ownerRaw: PRIYA,
      team: "Engineering",
      businessUnit: "Payments",
      program: "Instant Payouts launch",
      start: "2025-12-01",
      due: "2026-02-20",
      kpis: ["arr-payouts", "merchant-activation"],
      sourceUpdatedAt: "2026-01-02T09:20:41.500+01:00",
    });
    expect(item.origin).toEqual({ location: "jira-eng search page 1 issue PAY-142", nativeKey: "PAY-142" });
    expect(person).toEqual(
      expect.objectContaining({
        jiraAccountId: PRIYA,
        name: "Priya Raman",
        emails: ["priya.raman@acmepay.example"],
      }),
    );
  });

  it("keys a person by accountId when Jira hides the e-mail", () => {
    const { item, person } = mapJiraIssue(byKey("PAY-151"), context(), "p");
    expect(recordOf(item).ownerRaw).toBe(TOMASZ);
    expect(person).toMatchObject({
      id: `jira:${TOMASZ}`,
      jiraAccountId: TOMASZ,
      name: "Tomasz Nowak",
      emails: [],
    });
    const jonas = mapJiraIssue(byKey("PAY-150"), context(), "p");
    expect(recordOf(jonas.item)).toMatchObject({ ownerRaw: JONAS, status: "done" });
    expect(jonas.person).toMatchObject({ jiraAccountId: JONAS, name: "Jonas Weber", emails: [] });
  });

  it("reads link direction both ways: the edge belongs to the dependent, once per link", () => {
    const deps = Object.fromEntries(
      all.map((raw) => {
        const r = recordOf(mapJiraIssue(raw, context(), "p").item);
        return [r.nativeKey, r.dependsOn.map((d) => d.ref)];
      }),
    );
    // PAY-150 blocks PAY-142 (link 10231), PAY-142 blocks PAY-151 (link 10232); both links sit on both issues.
    expect(deps).toEqual({ "PAY-150": [], "PAY-142": ["PAY-150"], "PAY-151": ["PAY-142"] });
  });

  it("ignores links of other types (Relates)", () => {
    const r = recordOf(mapJiraIssue(byKey("PAY-142"), context(), "p").item);
    expect(r.dependsOn.map((d) => d.ref)).not.toContain("PAY-90");
  });

  it("makes one edge of a link listed twice and of two links to the same issue", () => {
    const raw = variant("PAY-142", (f) => {
      const links = z.array(z.record(z.string(), z.unknown())).parse(f.issuelinks);
      const inward = links[0]!;
      f.issuelinks = [...links, structuredClone(inward), { ...structuredClone(inward), id: "99999" }];
    });
    const r = recordOf(mapJiraIssue(raw, context(), "p").item);
    expect(r.dependsOn).toEqual([{ ref: "PAY-150", type: "FS", lagDays: 0 }]);
  });

  it("follows the outward end when the link type reads 'depends on'", () => {
    const r = recordOf(mapJiraIssue(byKey("PAY-142"), context({ linkDependsOn: "outward" }), "p").item);
    expect(r.dependsOn.map((d) => d.ref)).toEqual(["PAY-151"]);
  });

  it("leaves start empty when the site has no start-date field", () => {
    const r = recordOf(mapJiraIssue(byKey("PAY-142"), context({}, null), "p").item);
    expect(r.start).toBeNull();
    expect(r.due).toBe("2026-02-20");
  });

  it("maps status categories, blocked names and cancelling resolutions", () => {
    const status = (change: (f: Record<string, unknown>) => void) =>
      mapJiraIssue(variant("PAY-151", change), context(), "p").item;
    const setStatus = (name: string, key: string) => (f: Record<string, unknown>) => {
      f.status = { name, id: "1", statusCategory: { id: 1, key, name: key } };
    };
    expect(recordOf(status(setStatus("To Do", "new"))).status).toBe("todo");
    expect(recordOf(status(setStatus("Doing", "indeterminate"))).status).toBe("in_progress");
    expect(recordOf(status(setStatus("Blocked", "indeterminate"))).status).toBe("blocked");
    expect(recordOf(status(setStatus("Closed", "done"))).status).toBe("done");
    const wontDo = status((f) => {
      setStatus("Closed", "done")(f);
      f.resolution = { name: "Won't Do" };
    });
    expect(recordOf(wontDo).status).toBe("cancelled");
    const odd = status(setStatus("Weird", "purple"));
    expect(odd).toMatchObject({ kind: "rejected", origin: { nativeKey: "PAY-151", field: "status" } });
  });

  it("rejects an impossible due date with where and why", () => {
    const item = mapJiraIssue(
      variant("PAY-151", (f) => {
        f.duedate = "2026-02-31";
      }),
      context(),
      "jira-eng search page 2",
    ).item;
    expect(item).toMatchObject({
      kind: "rejected",
      origin: { location: "jira-eng search page 2 issue PAY-151", nativeKey: "PAY-151", field: "duedate" },
    });
    expect(item.kind === "rejected" && item.reason).toContain("2026-02-31");
  });

  it("rejects something that is not an issue without failing", () => {
    const item = mapJiraIssue({ key: "PAY-7", fields: { summary: "no status" } }, context(), "p").item;
    expect(item.kind).toBe("rejected");
    expect(item.origin.nativeKey).toBe("PAY-7");
  });

  it("takes KPIs and team from a custom field and components when configured", () => {
    const ctx = context({ kpiFrom: { components: true }, teamFrom: { customFieldName: "Team" } });
    ctx.fieldIds = { start: null, kpi: null, team: "customfield_10001" };
    const raw = variant("PAY-151", (f) => {
      f.customfield_10001 = { id: "a1b2", name: "Payments Platform Team", title: "Payments Platform Team" };
    });
    const r = recordOf(mapJiraIssue(raw, ctx, "p").item);
    expect(r.kpis).toEqual(["Reliability"]);
    expect(r.team).toBe("Payments Platform Team");
  });

  it("maps the webhook's issue like a search result", () => {
    const hook = z.object({ issue: z.unknown() }).parse(fixture("webhook-pay-142-due-changed.json"));
    const r = recordOf(mapJiraIssue(hook.issue, context(), "hook").item);
    expect(r.due).toBe("2026-04-03");
    expect(r.sourceUpdatedAt).toBe("2026-01-12T10:14:58.312+01:00");
  });

  it("keys Data Center users by username", () => {
    const dc = fixtureIssues("datacenter-search-page-1.json");
    const { item, person } = mapJiraIssue(dc[1], context(), "p");
    expect(recordOf(item).ownerRaw).toBe("priya.raman@acmepay.example");
    expect(person).toMatchObject({ id: "jira:JIRAUSER10101", aliases: ["priya.raman"] });
    expect(person?.jiraAccountId).toBeUndefined();
  });
});
