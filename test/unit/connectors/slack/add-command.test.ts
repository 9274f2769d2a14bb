import { describe, expect, it } from "vitest";
import { parseAddCommand, tokenize } from "../../../../connectors/slack/add-command.js";

function ok(text: string) {
  const r = parseAddCommand(text);
  if (!r.ok) throw new Error(`expected ${text} to parse: ${JSON.stringify(r.errors)}`);
  return r.draft;
}

function errors(text: string) {
  const r = parseAddCommand(text);
  if (r.ok) throw new Error(`expected ${text} to fail`);
  return r.errors;
}

describe("parseAddCommand", () => {
  it("reads every field, with Slack's escaped mention as the owner", () => {
    const d = ok(
      "Payouts launch webinar owner:<@U05C1MKT007|camille> due:2026-03-14 start:2026-03-02 depends:PAY-142,QA-9 kpi:ARR team:Marketing status:in-progress",
    );
    expect(d).toEqual({
      title: "Payouts launch webinar",
      owner: { kind: "mention", userId: "U05C1MKT007", label: "camille" },
      start: "2026-03-02",
      due: "2026-03-14",
      dependsOn: ["PAY-142", "QA-9"],
      kpis: ["ARR"],
      team: "Marketing",
      status: "in_progress",
    });
  });

  it("takes title words around fields, a value after `key: `, plain @handles, links and quoted titles", () => {
    const d = ok(
      '"Note: ship it" owner: @camille due:2026-03-14 depends:<https://acme.atlassian.net/browse/PAY-142>',
    );
    expect(d.title).toBe("Note: ship it");
    expect(d.owner).toEqual({ kind: "text", text: "@camille" });
    expect(d.dependsOn).toEqual(["https://acme.atlassian.net/browse/PAY-142"]);

    const mixed = ok("Fix login due:2026-03-14 on mobile &amp; web, see https://x.test/a");
    expect(mixed.title).toBe("Fix login on mobile & web, see https://x.test/a");
    expect(mixed.owner).toBeNull();
    expect(mixed.status).toBeNull();
  });

  it("repeats of depends and kpi add up; other fields given twice are an error", () => {
    expect(ok("T depends:PAY-142 depends:QA-9,PAY-142").dependsOn).toEqual(["PAY-142", "QA-9"]);
    expect(errors("T due:2026-03-14 due:2026-03-15")).toEqual([
      { field: "due", message: "due: given twice; keep one" },
    ]);
  });

  it.each([
    ["an impossible date", "T due:2026-02-30", "due", "due: 2026-02-30 is not a calendar date (no such day)"],
    [
      "a date in another form",
      "T due:14/03",
      "due",
      'due: "14/03" is not a date; write it as YYYY-MM-DD, e.g. 2026-03-14',
    ],
    [
      "single-digit months",
      "T start:2026-3-1",
      "start",
      'start: "2026-3-1" needs two-digit months and days (YYYY-MM-DD)',
    ],
    [
      "an unknown status",
      "T status:doing",
      "status",
      'status: "doing" is not one of todo, in_progress, blocked, done, cancelled',
    ],
    [
      "a start after the due date",
      "T start:2026-04-01 due:2026-03-14",
      "start",
      "start: 2026-04-01 is after due 2026-03-14",
    ],
    ["an empty value", "T owner:", "owner", "owner: needs a value, e.g. owner:@anna"],
  ])("refuses %s, naming the field and the text", (_what, text, field, message) => {
    expect(errors(text)).toEqual([{ field, message }]);
  });

  it("refuses an unknown field and a missing title, all problems at once", () => {
    const e = errors("prio:high due:2026-13-01");
    expect(e.map((x) => x.field)).toEqual(["title", "prio", "due"]);
    expect(e[1]?.message).toContain(
      '"prio:" is not a field (known: owner, due, start, depends, kpi, team, status)',
    );
    expect(e[0]?.message).toContain("title: missing");
  });
});

describe("tokenize", () => {
  it("keeps <…> groups and quoted text whole", () => {
    expect(tokenize('a "b c" owner:<@U1|Ann Lee> d')).toEqual(["a", '"b c"', "owner:<@U1|Ann Lee>", "d"]);
  });
});
