import type { types } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import type { AlertIntent } from "../../../src/alerts/intent.js";
import { mergeForRecipient } from "../../../src/alerts/merge.js";
import { planAlerts } from "../../../src/alerts/plan.js";
import {
  clipMrkdwn,
  conflictBlocks,
  escapeMrkdwn,
  renderBatchBlocks,
  renderBlocks,
  replaceConflictBlocks,
} from "../../../src/alerts/render-blocks.js";
import { renderText } from "../../../src/alerts/render-text.js";
import {
  conflictBlockId,
  decodeActionValue,
  parseConflictBlockId,
  parseSnoozeOption,
} from "../../../src/alerts/slack-action-value.js";
import { ValidationError } from "../../../src/model/index.js";
import { scheduleFacts } from "../../support/conflict-facts.js";
import { actionsById, campaignConflict, diff, MemoryLedger, planInput } from "./fixtures.js";

type Block = types.KnownBlock;

function byRole(intents: AlertIntent[], role: AlertIntent["role"]): AlertIntent {
  const found = intents.find((i) => i.role === role);
  if (!found) throw new Error(`no intent for ${role}`);
  return found;
}

function actionsOf(blocks: Block[]): types.ActionsBlockElement[] {
  return blocks.flatMap((b) => (b.type === "actions" ? b.elements : []));
}

function buttons(blocks: Block[]): types.Button[] {
  return actionsOf(blocks).filter((e): e is types.Button => e.type === "button");
}

/** Every mrkdwn string in the message: where Slack parses &, < and >. */
function mrkdwnTexts(blocks: Block[]): string[] {
  const out: string[] = [];
  for (const b of blocks) {
    if (b.type === "section") {
      if (b.text?.type === "mrkdwn") out.push(b.text.text);
      for (const f of b.fields ?? []) if (f.type === "mrkdwn") out.push(f.text);
    }
    if (b.type === "context") for (const e of b.elements) if (e.type === "mrkdwn") out.push(e.text);
  }
  return out;
}

const intents = planAlerts(planInput({ diff: diff({ opened: [campaignConflict()] }) }));

describe("Block Kit alert", () => {
  it("gives the dependent's owner Acknowledge, Replan to the earliest date, Snooze 1/3/7 days and Not a dependency", () => {
    const msg = renderBlocks(byRole(intents, "dependent_owner"));
    const els = actionsOf(msg.blocks);
    expect(els.map((e) => ("action_id" in e ? e.action_id : null))).toEqual([
      "ack",
      "replan",
      "snooze",
      "not_dependency",
      "open_action",
      "open_dependency",
    ]);
    const [ack, replan, notDep] = buttons(msg.blocks); // the snooze select is not a button
    expect(ack?.style).toBe("primary");
    expect(replan?.text.text).toBe("Replan to 13 Apr 2026");
    expect(decodeActionValue(replan?.value ?? "")).toEqual({
      v: 1,
      a: "replan",
      f: campaignConflict().fingerprint,
      d: "2026-04-13",
      id: "mkt-plan:MKT-7",
    });
    expect(notDep?.style).toBe("danger");
    expect(notDep?.confirm?.confirm?.text).toBe("Remove the link");
    expect(notDep?.confirm?.deny?.text).toBe("Keep it");
    expect(decodeActionValue(notDep?.value ?? "")).toMatchObject({
      dep: "jira-eng:QA-7",
      id: "mkt-plan:MKT-7",
    });

    const snooze = actionsOf(msg.blocks).find((e) => e.type === "static_select");
    expect(snooze?.type === "static_select" && snooze.options?.map((o) => [o.text.text, o.value])).toEqual([
      ["1 day", "1"],
      ["3 days", "3"],
      ["7 days", "7"],
    ]);
    expect(parseSnoozeOption("3")).toBe(3);
    expect(() => parseSnoozeOption("30")).toThrow(ValidationError);
    // The select's block_id says which conflict a snooze is for (its option values only carry the days).
    const actionsBlock = msg.blocks.find((b) => b.type === "actions");
    expect(parseConflictBlockId(actionsBlock?.block_id ?? "")).toEqual({
      part: "actions",
      fingerprint: campaignConflict().fingerprint,
    });
    expect(msg.text).toContain("42 days short");
  });

  it("asks the dependency's owner to commit to the needed-by date or propose one, and nothing else", () => {
    const msg = renderBlocks(byRole(intents, "dependency_owner"));
    const ids = buttons(msg.blocks).map((b) => b.action_id);
    expect(ids).toEqual(["commit", "propose", "open_action", "open_dependency"]);
    const commit = buttons(msg.blocks)[0];
    expect(commit?.text.text).toBe("Commit to 1 Mar 2026");
    expect(decodeActionValue(commit?.value ?? "")).toMatchObject({
      a: "commit",
      d: "2026-03-01",
      id: "jira-eng:QA-7",
    });
  });

  it("asks only for a proposal when the dependency can no longer make the needed-by date", () => {
    const late = campaignConflict({
      facts: scheduleFacts({ neededBy: "2026-03-01", neededByReachable: false }),
    });
    const planned = planAlerts(planInput({ diff: diff({ opened: [late] }) }));
    const ids = buttons(renderBlocks(byRole(planned, "dependency_owner")).blocks).map((b) => b.action_id);
    expect(ids).toEqual(["propose", "open_action", "open_dependency"]);
    expect(renderText(byRole(planned, "dependency_owner"))).toContain(
      `needs "QA sign-off" by 1 Mar 2026; "QA sign-off" can no longer make that date (what it waits on finishes later). Propose the date you can commit to.`,
    );
    expect(renderText(byRole(planned, "dependent_owner"))).toContain(
      `or ask Dev Patel for a date ("QA sign-off" cannot make 1 Mar 2026 any more)`,
    );
  });

  it("offers the KPI and root-cause owners only links to the tools", () => {
    for (const role of ["kpi_owner", "root_cause_owner"] as const) {
      const ids = buttons(renderBlocks(byRole(intents, role)).blocks).map((b) => b.action_id);
      expect(ids).toEqual(["open_action", "open_dependency"]);
    }
  });

  it("drops the link of a URL longer than Slack's 3000-character button limit, and keeps the other buttons", () => {
    const longUrl = `https://acmepay.example/sheets/d/1?filter=${"status%3Dopen%26".repeat(250)}`;
    expect(longUrl.length).toBeGreaterThan(3000);
    const views = actionsById({
      "mkt-plan:MKT-7": {
        id: "mkt-plan:MKT-7",
        title: "Launch campaign",
        owner: "maria",
        team: "Marketing",
        url: longUrl,
        source: { kind: "sheets", instance: "mkt-plan" },
      },
    });
    const planned = planAlerts(
      planInput({ actionsById: views, diff: diff({ opened: [campaignConflict()] }) }),
    );
    const msg = renderBlocks(byRole(planned, "kpi_owner"));
    const all = buttons(msg.blocks);
    expect(all.map((b) => b.action_id)).toEqual(["open_dependency"]);
    for (const b of all) expect((b.url ?? "").length).toBeLessThanOrEqual(3000);
    expect(mrkdwnTexts(msg.blocks).join("\n")).not.toContain("status%3Dopen");
    expect(mrkdwnTexts(msg.blocks).join("\n")).toContain("_Launch campaign_");
  });

  it("escapes &, < and > from tool data in every mrkdwn text and links only web URLs", () => {
    const hostile = actionsById({
      "mkt-plan:MKT-7": {
        id: "mkt-plan:MKT-7",
        title: "<script>alert(1)</script> R&D <!channel>",
        owner: "maria",
        team: "Marketing",
        url: "javascript:alert(1)",
        source: { kind: "sheets", instance: "mkt-plan" },
      },
    });
    const planned = planAlerts(
      planInput({ actionsById: hostile, diff: diff({ opened: [campaignConflict()] }) }),
    );
    const msg = renderBlocks(byRole(planned, "dependent_owner"));
    const texts = mrkdwnTexts(msg.blocks);
    expect(texts.join("\n")).toContain("&lt;script&gt;alert(1)&lt;/script&gt; R&amp;D &lt;!channel&gt;");
    for (const t of [...texts, msg.text]) {
      expect(t).not.toContain("<script>");
      expect(t).not.toContain("<!channel>");
      expect(t).not.toContain("javascript:");
    }
    const confirm = buttons(msg.blocks).find((b) => b.action_id === "not_dependency")?.confirm?.text;
    expect(confirm?.type === "mrkdwn" && confirm.text).toContain("&lt;script&gt;");
  });

  it("renders a cleared conflict without buttons, keeping its block ids for chat.update", () => {
    const ledger = new MemoryLedger();
    ledger.record(intents);
    const cleared = planAlerts(planInput({ ledger, diff: diff({ resolved: [campaignConflict()] }) }));
    const msg = renderBlocks(byRole(cleared, "dependent_owner"));
    expect(actionsOf(msg.blocks)).toEqual([]);
    expect(mrkdwnTexts(msg.blocks).join("\n")).toContain("Cleared:");
    expect(msg.text).toContain("(cleared)");
    expect(msg.blocks.every((b) => parseConflictBlockId(b.block_id ?? "") !== null)).toBe(true);
  });

  it("stays within Slack's limits: 3000-character sections, 2000-character values, 50 blocks", () => {
    const long = "Very long title ".repeat(400);
    const wordy = actionsById({
      "mkt-plan:MKT-7": {
        id: "mkt-plan:MKT-7",
        title: long,
        owner: "maria",
        team: "Marketing",
        url: null,
        source: { kind: "sheets", instance: "mkt-plan" },
      },
    });
    const many = Array.from({ length: 20 }, (_, n) =>
      campaignConflict({ fingerprint: `schedule:${n}`, message: long }),
    );
    const planned = planAlerts(planInput({ actionsById: wordy, diff: diff({ opened: many }) }));
    const mariaOnly = planned.filter((i) => i.recipient.personId === "maria");
    const { batches } = mergeForRecipient(mariaOnly, { maxPerMessage: 20 });
    expect(batches).toHaveLength(1);
    const msg = renderBatchBlocks(batches[0]!);
    expect(msg.blocks.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(msg.blocks.at(-1))).toContain("/sightline mine");
    for (const t of mrkdwnTexts(msg.blocks)) expect(t.length).toBeLessThanOrEqual(3000);
    for (const b of buttons(msg.blocks)) expect((b.value ?? "").length).toBeLessThanOrEqual(2000);
    for (const b of msg.blocks) expect((b.block_id ?? "").length).toBeLessThanOrEqual(255);
    for (const b of msg.blocks) {
      if (b.type === "actions") expect(b.elements.length).toBeLessThanOrEqual(25);
      if (b.type === "section") {
        expect((b.fields ?? []).length).toBeLessThanOrEqual(10);
        for (const f of b.fields ?? []) expect(f.text.length).toBeLessThanOrEqual(2000);
      }
    }
  });

  it("hashes a fingerprint too long for a block_id, and can still find that conflict's blocks", () => {
    const fp = `cycle:${"a".repeat(300)}`;
    const id = conflictBlockId("actions", fp);
    expect(id.length).toBeLessThanOrEqual(255);
    expect(parseConflictBlockId(id)).toMatchObject({
      part: "actions",
      digest: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const planned = planAlerts(
      planInput({ diff: diff({ opened: [campaignConflict({ fingerprint: fp })] }) }),
    );
    const blocks = conflictBlocks(byRole(planned, "dependent_owner"));
    const replaced = replaceConflictBlocks(blocks, fp, [{ type: "divider" }]);
    expect(replaced).toEqual([{ type: "divider" }]);
  });

  it("replaces one conflict's blocks inside a merged message and leaves the others", () => {
    const a = campaignConflict({ fingerprint: "schedule:a" });
    const b = campaignConflict({ fingerprint: "schedule:b", daysShort: 5 });
    const planned = planAlerts(planInput({ diff: diff({ opened: [a, b] }) })).filter(
      (i) => i.recipient.personId === "maria",
    );
    const { batches } = mergeForRecipient(planned);
    const merged = renderBatchBlocks(batches[0]!).blocks;
    const cleared: Block[] = [
      {
        type: "section",
        block_id: conflictBlockId("head", "schedule:a"),
        text: { type: "mrkdwn", text: "Cleared" },
      },
    ];
    const updated = replaceConflictBlocks(merged, "schedule:a", cleared);
    expect(updated).not.toBeNull();
    const ids = (updated ?? []).map((blk) => blk.block_id ?? blk.type);
    expect(ids.filter((x) => x.endsWith("|schedule:a"))).toEqual(["sl_head|schedule:a"]);
    expect(ids.filter((x) => x.endsWith("|schedule:b")).length).toBeGreaterThan(3);
    expect(replaceConflictBlocks(merged, "schedule:zzz", cleared)).toBeNull();
  });
});

describe("mrkdwn helpers", () => {
  it("escapes only the three control characters", () => {
    expect(escapeMrkdwn(`a & b < c > d "e" 'f' *g*`)).toBe(`a &amp; b &lt; c &gt; d "e" 'f' *g*`);
  });

  it("clips without cutting a link or an entity in half", () => {
    expect(clipMrkdwn("abc <https://x.test|link>", 12)).toBe("abc …");
    expect(clipMrkdwn("R&amp;D and more", 5)).toBe("R…");
    expect(clipMrkdwn("short", 10)).toBe("short");
  });

  it("rejects a button value that is not ours", () => {
    expect(() => decodeActionValue("not json")).toThrow(ValidationError);
    expect(() => decodeActionValue(JSON.stringify({ v: 1, a: "delete_everything", f: "x" }))).toThrow(/a:/);
  });
});
