import { describe, expect, it } from "vitest";
import { mergeForRecipient } from "../../../src/alerts/merge.js";
import { planAlerts } from "../../../src/alerts/plan.js";
import { renderAlert } from "../../../src/alerts/sink.js";
import { createConsoleSink } from "../../../src/alerts/sinks/console-sink.js";
import { campaignConflict, diff, MemoryLedger, planInput } from "./fixtures.js";

describe("console sink", () => {
  it("prints each message with its recipient and returns a ref that a later edit uses", async () => {
    const out: string[] = [];
    const sink = createConsoleSink((s) => out.push(s));
    const ledger = new MemoryLedger();
    const opened = planAlerts(planInput({ ledger, diff: diff({ opened: [campaignConflict()] }) }));
    const refs = new Map<string, string | null>();
    for (const batch of mergeForRecipient(opened).batches) {
      expect(sink.accepts(batch.recipient.target)).toBe(true);
      const { messageRef } = await sink.deliver(batch, renderAlert(batch));
      for (const k of batch.keys) refs.set(k, messageRef);
    }
    expect(out).toHaveLength(4);
    expect(out[0]).toMatch(/^── to Anna Berg — Slack DM U_ANNA ──\n\[critical\] Schedule conflict \(new\)/);
    expect(out.join("\n")).toContain("42 days short");
    ledger.record(opened, (i) => refs.get(i.key) ?? null);

    const cleared = planAlerts(planInput({ ledger, diff: diff({ resolved: [campaignConflict()] }) }));
    const [first] = mergeForRecipient(cleared).batches;
    const ref = first?.intents[0]?.updateMessageRef;
    expect(ref).toBe(refs.get(opened.find((i) => i.recipientKey === first?.recipientKey)?.key ?? ""));
    const edited = await sink.update(first!, ref!, renderAlert(first!));
    expect(edited.messageRef).toBe(ref);
    expect(out.at(-1)).toContain(`(edits the earlier message ${ref})`);
    expect(out.at(-1)).toContain("Cleared:");
  });

  it("prints an unrouted alert instead of dropping it", async () => {
    const out: string[] = [];
    const sink = createConsoleSink((s) => out.push(s));
    const orphan = campaignConflict({
      kpis: [],
      notify: [],
      dependencyId: null,
      rootCauseId: null,
      actionId: "gone:1",
      actionIds: ["gone:1"],
    });
    const intents = planAlerts(
      planInput({ settings: { adminChannel: null, orgTimeZone: "UTC" }, diff: diff({ opened: [orphan] }) }),
    );
    const [batch] = mergeForRecipient(intents).batches;
    await sink.deliver(batch!, renderAlert(batch!));
    expect(out[0]).toContain("nobody (no owner reachable, no admin channel configured)");
    expect(out[0]).toContain("Nobody reachable owns this");
  });
});
