import { describe, expect, it } from "vitest";
import { prefillFromMessage } from "../../../../connectors/slack/message-prefill.js";

describe("prefillFromMessage", () => {
  const names: Record<string, string> = { U05B7K2QA09: "Tomasz Nowak" };
  it("title from the first line, mentions as owner candidates, earliest/latest date as start/due, keys as refs", () => {
    const p = prefillFromMessage(
      "\n<@U05B7K2QA09> will run the payout regression suite &amp; sign off\nStarts 2026-03-02, needs PAY-142 and <https://acme.atlassian.net/browse/QA-9|QA-9>, done by March 20 cc <@U05C1MKT007|camille>",
      "2026-01-12",
      (id) => names[id] ?? null,
    );
    expect(p).toEqual({
      title: "@Tomasz Nowak will run the payout regression suite & sign off",
      mentions: ["U05B7K2QA09", "U05C1MKT007"],
      start: "2026-03-02",
      due: "2026-03-20",
      refs: ["PAY-142", "QA-9"],
    });
  });

  it("one date is the due date; no text gives an empty title", () => {
    expect(prefillFromMessage("ship by 2026-04-01", "2026-01-12")).toMatchObject({
      start: null,
      due: "2026-04-01",
    });
    expect(prefillFromMessage("", "2026-01-12")).toEqual({
      title: "",
      mentions: [],
      start: null,
      due: null,
      refs: [],
    });
  });
});
