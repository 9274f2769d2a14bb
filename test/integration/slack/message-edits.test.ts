import { describe, expect, it } from "vitest";
import { conflictBlocks, planAlerts } from "../../../src/alerts/index.js";
import { type AnyBlock, markConflictDecided } from "../../../src/alerts/sinks/slack-blocks-edit.js";
import { replanChange } from "../../../src/jobs/replan-change.js";
import { scheduleFacts } from "../../support/conflict-facts.js";
import { campaignConflict, diff, planInput } from "../../unit/alerts/fixtures.js";

function mariaBlocks(fingerprint: string) {
  const conflict = campaignConflict({ fingerprint });
  const intent = planAlerts(planInput({ diff: diff({ opened: [conflict] }) })).find(
    (i) => i.recipient.target.to === "U_MARIA",
  );
  if (!intent) throw new Error("fixture: maria hears it");
  return conflictBlocks(intent);
}

describe("recording a decision in a merged message", () => {
  it("removes only the decided conflict's buttons and rewrites only its note", () => {
    const a = mariaBlocks("schedule:A");
    const b = mariaBlocks("schedule:B");
    const message: AnyBlock[] = [
      { type: "section", text: { type: "mrkdwn", text: "*2 conflicts*" } },
      ...a,
      { type: "divider" },
      ...b,
    ];

    const edited = markConflictDecided(message, "schedule:A", "Acknowledged by <@U_MARIA>.");

    const idsOf = (blocks: readonly { block_id?: string }[]) => blocks.map((x) => x.block_id ?? "-");
    expect(idsOf(edited ?? [])).toEqual(idsOf(message).filter((id) => id !== "sl_actions|schedule:A"));
    expect(edited).toContainEqual({
      type: "context",
      block_id: "sl_note|schedule:A",
      elements: [{ type: "mrkdwn", text: "Acknowledged by <@U_MARIA>." }],
    });
    // Conflict B is untouched, buttons included.
    for (const block of b) expect(edited).toContainEqual(block);
    expect(markConflictDecided(message, "schedule:C", "x")).toBeNull();
  });
});

describe("the date change of a replan", () => {
  const bound = (side: "start" | "finish") => campaignConflict({ facts: scheduleFacts({ bound: side }) });
  const action = { start: "2026-03-02", due: "2026-03-30" };
  it("bound by the start: moves the start to the earliest date and the due date along", () => {
    expect(replanChange(action, bound("start"), "2026-04-04")).toEqual({
      start: "2026-04-04",
      due: "2026-05-02",
    });
  });
  it("bound by the finish, or without a start: moves only the due date", () => {
    expect(replanChange(action, bound("finish"), "2026-04-10")).toEqual({ due: "2026-04-10" });
    expect(replanChange({ start: null, due: "2026-03-30" }, bound("start"), "2026-04-10")).toEqual({
      due: "2026-04-10",
    });
  });
  it("crosses a leap day and a year end on day numbers", () => {
    expect(replanChange({ start: "2027-12-20", due: "2028-02-27" }, bound("start"), "2027-12-31")).toEqual({
      start: "2027-12-31",
      due: "2028-03-09",
    });
  });
});
