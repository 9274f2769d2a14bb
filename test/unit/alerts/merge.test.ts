import { describe, expect, it } from "vitest";
import { buildDigest, mergeForRecipient } from "../../../src/alerts/merge.js";
import { planAlerts } from "../../../src/alerts/plan.js";
import { renderBatchText } from "../../../src/alerts/render-text.js";
import { PersonSchema } from "../../../src/model/index.js";
import { campaignConflict, diff, directory, MemoryLedger, planInput } from "./fixtures.js";

const a = campaignConflict({ fingerprint: "schedule:a" });
const b = campaignConflict({ fingerprint: "schedule:b", severity: "warning", daysShort: 4 });

describe("mergeForRecipient", () => {
  it("merges what one owner hears from one run into one message, most severe first", () => {
    const intents = planAlerts(planInput({ diff: diff({ opened: [b, a] }) }));
    const { batches, digest } = mergeForRecipient(intents);
    expect(digest).toEqual([]);
    const maria = batches.filter((x) => x.recipient.personId === "maria");
    expect(maria).toHaveLength(1);
    expect(maria[0]?.mode).toBe("post");
    expect(maria[0]?.intents.map((i) => i.conflict.fingerprint)).toEqual(["schedule:a", "schedule:b"]);
    expect(maria[0]?.keys.sort()).toEqual(
      intents
        .filter((i) => i.recipient.personId === "maria")
        .map((i) => i.key)
        .sort(),
    );
    expect(maria[0]?.key).toMatch(/^ab_[0-9a-f]{40}$/);
    // One message per recipient: maria, dev, anna (both), cfo (only the critical one).
    expect(batches.map((x) => [x.recipient.personId, x.intents.length])).toEqual([
      ["anna", 2],
      ["cfo", 1],
      ["dev", 2],
      ["maria", 2],
    ]);
    const text = renderBatchText(maria[0]!);
    expect(text.startsWith("Maria Lopez, 2 conflicts need your attention.")).toBe(true);
  });

  it("keeps a single intent's key as the job id, splits big groups, and leaves edits alone", () => {
    const one = planAlerts(planInput({ diff: diff({ opened: [a] }) })).filter(
      (i) => i.recipient.personId === "maria",
    );
    expect(mergeForRecipient(one).batches[0]?.key).toBe(one[0]?.key);

    const many = Array.from({ length: 5 }, (_, n) => campaignConflict({ fingerprint: `schedule:${n}` }));
    const planned = planAlerts(planInput({ diff: diff({ opened: many }) })).filter(
      (i) => i.recipient.personId === "maria",
    );
    expect(mergeForRecipient(planned, { maxPerMessage: 2 }).batches.map((x) => x.intents.length)).toEqual([
      2, 2, 1,
    ]);

    const ledger = new MemoryLedger();
    const opened = planAlerts(planInput({ ledger, diff: diff({ opened: [a, b] }) }));
    ledger.record(opened);
    const cleared = planAlerts(planInput({ ledger, diff: diff({ resolved: [a, b] }) }));
    const { batches } = mergeForRecipient(cleared);
    expect(batches.every((x) => x.mode === "update" && x.intents.length === 1)).toBe(true);
    expect(batches).toHaveLength(cleared.length);
  });

  it("does not merge messages due at different times (one held by quiet hours)", () => {
    const intents = planAlerts(planInput({ diff: diff({ opened: [a] }) }));
    const held = intents.map((i, n) => (n === 0 ? { ...i, deliverAfter: "2026-03-11T07:00:00.000Z" } : i));
    const extra = {
      ...intents[0]!,
      key: "al_0000000000000000000000000000000000000000",
      conflict: b,
      deliverAfter: null,
    };
    const { batches } = mergeForRecipient([...held, extra]);
    const firstTarget = intents[0]?.recipientKey;
    expect(
      batches
        .filter((x) => x.recipientKey === firstTarget)
        .map((x) => x.deliverAfter)
        .sort(),
    ).toEqual(["2026-03-11T07:00:00.000Z", null]);
  });
});

describe("buildDigest", () => {
  const dir = directory();
  const people = dir.people.map((p) =>
    p.id === "maria" ? PersonSchema.parse({ ...p, alertPreference: "digest" }) : p,
  );
  const digestDir = { ...dir, people };

  it("collects a digest person's intents across runs, showing each conflict's latest state", () => {
    const ledger = new MemoryLedger();
    const run1 = planAlerts(planInput({ ledger, directory: digestDir, diff: diff({ opened: [a, b] }) }));
    const split = mergeForRecipient(run1);
    expect(split.digest.map((i) => i.recipient.personId)).toEqual(["maria", "maria"]);
    expect(split.batches.some((x) => x.recipient.personId === "maria")).toBe(false);
    ledger.record(run1);
    const run2 = planAlerts(planInput({ ledger, directory: digestDir, diff: diff({ resolved: [b] }) }));
    const pending = [...split.digest, ...mergeForRecipient(run2).digest];

    const digest = buildDigest(pending, { id: "maria" });
    expect(digest?.digest).toBe(true);
    expect(digest?.intents.map((i) => [i.conflict.fingerprint, i.kind])).toEqual([
      ["schedule:a", "opened"],
      ["schedule:b", "resolved"],
    ]);
    expect(digest?.keys).toHaveLength(3); // b's opening is absorbed, but the ledger must still record it
    expect(renderBatchText(digest!)).toContain(
      "Maria Lopez, your Sightline digest: 1 conflict needs your attention; 1 conflict cleared.",
    );
    expect(buildDigest(pending, { id: "dev" })).toBeNull();
  });
});
