import { describe, expect, it } from "vitest";
import { labelledLines } from "../../../../connectors/email/labelled-lines.js";
import { readFields } from "../../../../connectors/email/message-fields.js";
import { toDayNumber } from "../../../../src/model/index.js";

const read = (text: string) => readFields(labelledLines(text), toDayNumber("2026-01-02"));

describe("labelled lines", () => {
  it("reads every label, in the spellings people use, with bullets and bold markers", () => {
    const text = [
      "Some prose: not a label",
      "Key: QA-9",
      "- Owner: Tomasz Nowak <Tomasz.Nowak@AcmePay.example>",
      "*Start:* 23 Feb 2026",
      "**Due date:** 6 Mar 2026",
      "• Depends on: PAY-142, MKT-7 (SS +2); LEGAL-3 (FF -1d)",
      "KPIs: merchant-activation, arr-payouts",
      "team: QA",
      "Business unit: Payments",
      "Program: Instant Payouts launch",
      "Status: In progress",
    ].join("\n");
    expect(read(text)).toEqual({
      patch: {
        key: "QA-9",
        ownerRaw: "tomasz.nowak@acmepay.example",
        start: "2026-02-23",
        due: "2026-03-06",
        dependsOn: [
          { ref: "PAY-142", type: "FS", lagDays: 0 },
          { ref: "MKT-7", type: "SS", lagDays: 2 },
          { ref: "LEGAL-3", type: "FF", lagDays: -1 },
        ],
        kpis: ["merchant-activation", "arr-payouts"],
        team: "QA",
        businessUnit: "Payments",
        program: "Instant Payouts launch",
        status: "in_progress",
      },
      problems: [],
    });
  });

  it("keeps a name as the owner as written, and a bare address in lower case", () => {
    expect(read("Owner: Léa Petit").patch.ownerRaw).toBe("Léa Petit");
    expect(read("Owner: mailto:Lea.Petit@AcmePay.example").patch.ownerRaw).toBe("lea.petit@acmepay.example");
  });

  it("reads `none` and `TBD` as explicitly empty, and ignores a label with no value", () => {
    expect(read("Due: TBD\nDepends on: none\nKPI: n/a\nOwner: -\nStart:").patch).toEqual({
      due: null,
      dependsOn: [],
      kpis: [],
      ownerRaw: null,
    });
  });

  it.each([
    ["Status", "done", "done"],
    ["Status", "Won't do", "cancelled"],
    ["Status", "on hold", "blocked"],
    ["Status", "Not started", "todo"],
  ])("normalises %s: %s", (label, value, status) => {
    expect(read(`${label}: ${value}`).patch.status).toBe(status);
  });

  it("reports each unreadable line with its field and the line itself", () => {
    const { patch, problems } = read(
      "Due: end of Q1\nStatus: someday\nKey: QA 9\nDepends on: PAY-142 (maybe)\nTeam: QA",
    );
    expect(patch).toEqual({ team: "QA" });
    expect(problems.map((p) => [p.field, p.line])).toEqual([
      ["due", "Due: end of Q1"],
      ["status", "Status: someday"],
      ["key", "Key: QA 9"],
      ["dependsOn", "Depends on: PAY-142 (maybe)"],
    ]);
    expect(problems[0]!.reason).toContain("unreadable date");
  });

  it("refuses two lines of one message that disagree, and accepts a repeated identical one", () => {
    expect(read("Due: 6 Mar 2026\nDue: 10 Mar 2026").problems).toEqual([
      expect.objectContaining({
        field: "due",
        line: "Due: 10 Mar 2026",
        reason: expect.stringContaining("Due: 6 Mar 2026"),
      }),
    ]);
    expect(read("Due: 6 Mar 2026\ndue: 6 Mar 2026")).toEqual({ patch: { due: "2026-03-06" }, problems: [] });
  });
});
