import { describe, expect, it } from "vitest";
import { materialChangeKey } from "../../../src/alerts/change-key.js";
import { AlertIntentSchema, type ConflictState } from "../../../src/alerts/intent.js";
import { planAlerts } from "../../../src/alerts/plan.js";
import { ValidationError } from "../../../src/model/index.js";
import { campaignConflict, diff, MemoryLedger, planInput } from "./fixtures.js";

const who = (intents: { recipient: { personId: string | null } }[]) =>
  intents.map((i) => i.recipient.personId);

describe("planAlerts: opening, re-detection and material change", () => {
  it("alerts every owner of a newly opened conflict once, each in their role, by Slack DM", () => {
    const intents = planAlerts(planInput({ diff: diff({ opened: [campaignConflict()] }) }));
    expect(intents.map((i) => [i.recipient.personId, i.role, i.kind])).toEqual([
      ["maria", "dependent_owner", "opened"],
      ["dev", "dependency_owner", "opened"],
      ["anna", "root_cause_owner", "opened"],
      ["cfo", "kpi_owner", "opened"],
    ]);
    expect(intents.map((i) => i.recipient.target)).toEqual([
      { channel: "slack-dm", to: "U_MARIA" },
      { channel: "slack-dm", to: "U_DEV" },
      { channel: "slack-dm", to: "U_ANNA" },
      { channel: "slack-dm", to: "U_CFO" },
    ]);
    for (const i of intents) {
      expect(i.key).toMatch(/^al_[0-9a-f]{40}$/); // safe as a BullMQ job id: no ':' and not an integer
      expect(i.updateMessageRef).toBeNull();
      expect(i.changeKey).toBe("critical/42");
    }
    expect(new Set(intents.map((i) => i.key)).size).toBe(4);
  });

  it("plans intents that survive a queue: JSON and back, valid against the schema", () => {
    const intents = planAlerts(planInput({ diff: diff({ opened: [campaignConflict()] }) }));
    for (const i of intents) expect(AlertIntentSchema.parse(JSON.parse(JSON.stringify(i)))).toEqual(i);
  });

  it("gives the same keys when the same diff is planned twice before delivery (a retry sends once)", () => {
    const input = planInput({ diff: diff({ opened: [campaignConflict()] }) });
    expect(planAlerts(input).map((i) => i.key)).toEqual(planAlerts(input).map((i) => i.key));
  });

  it("sends nothing for an unchanged re-detection, nor for a change that is not material", () => {
    const ledger = new MemoryLedger();
    const first = planAlerts(planInput({ ledger, diff: diff({ opened: [campaignConflict()] }) }));
    ledger.record(first);
    expect(planAlerts(planInput({ ledger, diff: diff({ opened: [campaignConflict()] }) }))).toEqual([]);
    const reworded = campaignConflict({
      message: "reworded",
      valueAtRisk: 130000,
      earliestDate: "2026-04-14",
    });
    expect(
      planAlerts(
        planInput({ ledger, diff: diff({ changed: [{ before: campaignConflict(), after: reworded }] }) }),
      ),
    ).toEqual([]);
  });

  it("skips an intent whose key the ledger already holds, even before it is the latest entry", () => {
    const ledger = new MemoryLedger();
    const first = planAlerts(planInput({ ledger, diff: diff({ opened: [campaignConflict()] }) }));
    // A ledger that only knows keys (an in-flight job) still stops the duplicate.
    const keysOnly = { has: (k: string) => first.some((i) => i.key === k), lastFor: () => null };
    expect(planAlerts(planInput({ ledger: keysOnly, diff: diff({ opened: [campaignConflict()] }) }))).toEqual(
      [],
    );
  });

  it("stays silent while days short creeps by less than materialDays, then re-alerts pointing at the message it supersedes", () => {
    const ledger = new MemoryLedger();
    const first = planAlerts(planInput({ ledger, diff: diff({ opened: [campaignConflict()] }) }));
    ledger.record(first);
    // An overdue dependency adds a day a day: 43 and 44 are not news against the 42 people heard (default 3).
    let before = campaignConflict();
    for (const daysShort of [43, 44]) {
      const creep = campaignConflict({ daysShort });
      const planned = planAlerts(planInput({ ledger, diff: diff({ changed: [{ before, after: creep }] }) }));
      expect(planned, `${daysShort} days short`).toEqual([]);
      before = creep;
    }
    const worse = campaignConflict({ daysShort: 45, earliestDate: "2026-04-16", valueAtRisk: 135000 });
    const again = planAlerts(planInput({ ledger, diff: diff({ changed: [{ before, after: worse }] }) }));
    expect(who(again)).toEqual(["maria", "dev", "anna", "cfo"]);
    expect(again.every((i) => i.kind === "changed")).toBe(true);
    expect(again.map((i) => i.changeKey)).toEqual(Array(4).fill("critical/45"));
    const oldKeys = new Set(first.map((i) => i.key));
    expect(again.some((i) => oldKeys.has(i.key))).toBe(false);
    expect(again.map((i) => i.updateMessageRef)).toEqual(first.map((i) => `ref-${i.key}`));
    expect(again[0]?.view.previous).toEqual({ severity: "critical", daysShort: 42 });
    // A team that wants every day's news says so.
    const daily = planAlerts(
      planInput({
        ledger,
        settings: { adminChannel: "#sightline-admin", orgTimeZone: "Europe/Paris", materialDays: 1 },
        diff: diff({ changed: [{ before: campaignConflict(), after: campaignConflict({ daysShort: 43 }) }] }),
      }),
    );
    expect(daily.map((i) => i.changeKey)).toEqual(Array(4).fill("critical/43"));
  });

  it("stays silent when days short decreases but has not cleared", () => {
    const ledger = new MemoryLedger();
    ledger.record(planAlerts(planInput({ ledger, diff: diff({ opened: [campaignConflict()] }) })));
    const better = campaignConflict({ daysShort: 10, earliestDate: "2026-03-12" });
    expect(
      planAlerts(
        planInput({ ledger, diff: diff({ changed: [{ before: campaignConflict(), after: better }] }) }),
      ),
    ).toEqual([]);
    // ...and growing back to less than what people last heard (42) is still not news.
    const regrown = campaignConflict({ daysShort: 30 });
    expect(
      planAlerts(planInput({ ledger, diff: diff({ changed: [{ before: better, after: regrown }] }) })),
    ).toEqual([]);
  });

  it("re-alerts when severity rises, and only then brings the KPI owner in", () => {
    const ledger = new MemoryLedger();
    const warning = campaignConflict({ severity: "warning" });
    const first = planAlerts(planInput({ ledger, diff: diff({ opened: [warning] }) }));
    expect(who(first)).toEqual(["maria", "dev", "anna"]); // cfo is in notify but the conflict is not critical
    ledger.record(first);
    const critical = campaignConflict();
    const again = planAlerts(
      planInput({ ledger, diff: diff({ changed: [{ before: warning, after: critical }] }) }),
    );
    expect(again.map((i) => [i.recipient.personId, i.kind])).toEqual([
      ["maria", "changed"],
      ["dev", "changed"],
      ["anna", "changed"],
      ["cfo", "opened"],
    ]);
    expect(materialChangeKey(warning)).not.toBe(materialChangeKey(critical));
  });
});

describe("planAlerts: clearing", () => {
  it("updates each recipient's earlier message when the conflict clears, once", () => {
    const ledger = new MemoryLedger();
    const first = planAlerts(planInput({ ledger, diff: diff({ opened: [campaignConflict()] }) }));
    ledger.record(first);
    const cleared = planAlerts(planInput({ ledger, diff: diff({ resolved: [campaignConflict()] }) }));
    expect(cleared.map((i) => i.kind)).toEqual(Array(4).fill("resolved"));
    expect(cleared.map((i) => i.updateMessageRef)).toEqual(first.map((i) => `ref-${i.key}`));
    expect(cleared.every((i) => i.deliverAfter === null)).toBe(true);
    ledger.record(cleared);
    expect(planAlerts(planInput({ ledger, diff: diff({ resolved: [campaignConflict()] }) }))).toEqual([]);

    // It comes back with the very same facts: a fresh alert, under keys never used before.
    const reopened = planAlerts(planInput({ ledger, diff: diff({ opened: [campaignConflict()] }) }));
    expect(reopened.map((i) => i.kind)).toEqual(Array(4).fill("opened"));
    const used = new Set(ledger.entries.map((e) => e.key));
    expect(reopened.some((i) => used.has(i.key))).toBe(false);
  });

  it("tells nobody a conflict cleared when nobody was told it opened", () => {
    expect(planAlerts(planInput({ diff: diff({ resolved: [campaignConflict()] }) }))).toEqual([]);
  });
});

describe("planAlerts: snoozed and acknowledged conflicts", () => {
  const fp = campaignConflict().fingerprint;
  const cases: [string, ConflictState][] = [
    ["snoozed until tomorrow", { status: "snoozed", snoozedUntil: "2026-03-11T12:00:00.000Z" }],
    ["acknowledged", { status: "acknowledged", snoozedUntil: null }],
  ];
  for (const [label, state] of cases) {
    it(`${label}: quiet on a non-material change and on a comeback, loud when it gets worse`, () => {
      const ledger = new MemoryLedger();
      ledger.record(planAlerts(planInput({ ledger, diff: diff({ opened: [campaignConflict()] }) })));
      const states = new Map([[fp, state]]);
      const smaller = campaignConflict({ daysShort: 20 });
      expect(
        planAlerts(
          planInput({
            ledger,
            states,
            diff: diff({ changed: [{ before: campaignConflict(), after: smaller }] }),
          }),
        ),
      ).toEqual([]);

      // Cleared, then back at the size they already acknowledged: still quiet (an open one would re-alert).
      ledger.record(
        planAlerts(planInput({ ledger, states, diff: diff({ resolved: [campaignConflict()] }) })),
      );
      expect(planAlerts(planInput({ ledger, states, diff: diff({ opened: [campaignConflict()] }) }))).toEqual(
        [],
      );
      expect(planAlerts(planInput({ ledger, diff: diff({ opened: [campaignConflict()] }) }))).toHaveLength(4);

      const worse = campaignConflict({ daysShort: 50 });
      const loud = planAlerts(
        planInput({
          ledger,
          states,
          diff: diff({ changed: [{ before: campaignConflict(), after: worse }] }),
        }),
      );
      expect(who(loud)).toEqual(["maria", "dev", "anna", "cfo"]);
      expect(loud[0]?.view.status).toBe(state.status);
    });
  }

  it("a snooze that ended no longer keeps a newcomer quiet", () => {
    const ledger = new MemoryLedger();
    const expired = new Map<string, ConflictState>([
      [fp, { status: "snoozed", snoozedUntil: "2026-03-09T00:00:00.000Z" }],
    ]);
    const active = new Map<string, ConflictState>([
      [fp, { status: "snoozed", snoozedUntil: "2026-03-19T00:00:00.000Z" }],
    ]);
    expect(
      planAlerts(planInput({ ledger, states: active, diff: diff({ opened: [campaignConflict()] }) })),
    ).toEqual([]);
    expect(
      planAlerts(planInput({ ledger, states: expired, diff: diff({ opened: [campaignConflict()] }) })),
    ).toHaveLength(4);
  });
});

describe("planAlerts: validation and order", () => {
  it("orders intents the same way whatever order the diff lists conflicts in", () => {
    const a = campaignConflict();
    const b = campaignConflict({ fingerprint: "schedule:other", severity: "warning", daysShort: 3 });
    const c = campaignConflict({ fingerprint: "schedule:third", daysShort: 7 });
    const one = planAlerts(planInput({ diff: diff({ opened: [a, b, c] }) })).map((i) => i.key);
    const two = planAlerts(planInput({ diff: diff({ opened: [c, b, a] }) })).map((i) => i.key);
    expect(one).toEqual(two);
  });

  it("rejects bad settings and a person's unknown time zone with where and why", () => {
    expect(() =>
      planAlerts(
        planInput({
          diff: diff({ opened: [campaignConflict()] }),
          settings: {
            adminChannel: null,
            orgTimeZone: "Europe/Paris",
            quietHours: { start: "25:00", end: "08:00" },
          },
        }),
      ),
    ).toThrow(/alert settings: quietHours.start: expected a time of day/);
    const input = planInput({ diff: diff({ opened: [campaignConflict()] }) });
    const people = input.directory.people.map((p) =>
      p.id === "dev" ? { ...p, timeZone: "Mars/Olympus" } : p,
    );
    const err = (() => {
      try {
        planAlerts({ ...input, directory: { ...input.directory, people } });
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(ValidationError);
    expect(String(err)).toMatch(/person "dev" timeZone.*Mars\/Olympus/);
  });
});
