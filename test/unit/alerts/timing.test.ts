import { describe, expect, it } from "vitest";
import { planAlerts } from "../../../src/alerts/plan.js";
import { localTime, nextLocalTime, quietHoursEnd, zonedInstant } from "../../../src/alerts/zoned-time.js";
import { PersonSchema } from "../../../src/model/index.js";
import { campaignConflict, diff, directory, MemoryLedger, planInput } from "./fixtures.js";

const quiet = { start: "22:00", end: "08:00" };
const settings = { adminChannel: "#sightline-admin", orgTimeZone: "Europe/Paris", quietHours: quiet };

function deliverAfterBy(now: string) {
  const intents = planAlerts(planInput({ now, settings, diff: diff({ opened: [campaignConflict()] }) }));
  return Object.fromEntries(intents.map((i) => [i.recipient.personId, i.deliverAfter]));
}

describe("wall-clock time in a zone", () => {
  it("turns a local time into the instant it happens, on either side of a DST change", () => {
    expect(zonedInstant("2026-03-07", 8 * 60, "America/Los_Angeles")).toBe("2026-03-07T16:00:00.000Z"); // PST
    expect(zonedInstant("2026-03-08", 8 * 60, "America/Los_Angeles")).toBe("2026-03-08T15:00:00.000Z"); // PDT
    expect(zonedInstant("2026-03-29", 8 * 60, "Europe/Berlin")).toBe("2026-03-29T06:00:00.000Z"); // CEST
    expect(zonedInstant("2026-01-01", 0, "Pacific/Kiritimati")).toBe("2025-12-31T10:00:00.000Z"); // UTC+14
    // 02:30 does not exist on the morning clocks jump: it lands after the jump, never an hour early.
    expect(Date.parse(zonedInstant("2026-03-08", 150, "America/Los_Angeles"))).toBeGreaterThanOrEqual(
      Date.parse("2026-03-08T10:00:00.000Z"),
    );
    // 01:30 happens twice the night clocks fall back: the first one counts.
    expect(zonedInstant("2026-11-01", 90, "America/Los_Angeles")).toBe("2026-11-01T08:30:00.000Z");
    expect(localTime("2026-03-08T07:00:00.000Z", "America/Los_Angeles")).toEqual({
      date: "2026-03-07",
      minutes: 23 * 60,
    });
  });

  it("knows when a wrapping quiet window ends, and that outside it there is nothing to wait for", () => {
    expect(quietHoursEnd("2026-03-10T02:30:00.000Z", "UTC", quiet)).toBe("2026-03-10T08:00:00.000Z");
    expect(quietHoursEnd("2026-03-10T22:00:00.000Z", "UTC", quiet)).toBe("2026-03-11T08:00:00.000Z");
    expect(quietHoursEnd("2026-03-10T08:00:00.000Z", "UTC", quiet)).toBeNull();
    expect(quietHoursEnd("2026-03-10T21:59:00.000Z", "UTC", quiet)).toBeNull();
    expect(quietHoursEnd("2026-03-10T12:30:00.000Z", "UTC", { start: "12:00", end: "13:00" })).toBe(
      "2026-03-10T13:00:00.000Z",
    );
    expect(nextLocalTime("2026-03-10T08:59:00.000Z", "UTC", "09:00")).toBe("2026-03-10T09:00:00.000Z");
    expect(nextLocalTime("2026-03-10T09:00:00.000Z", "UTC", "09:00")).toBe("2026-03-11T09:00:00.000Z");
  });
});

describe("quiet hours and digests in planning", () => {
  it("holds a DM to someone in Los Angeles at 23:00 local until 08:00 local, while Berlin gets it now", () => {
    // 2026-03-10T06:00Z is 23:00 on 9 Mar in Los Angeles (PDT) and 07:00 in Berlin (quiet too).
    expect(deliverAfterBy("2026-03-10T06:00:00.000Z")).toMatchObject({
      dev: "2026-03-10T15:00:00.000Z",
      maria: "2026-03-10T07:00:00.000Z",
    });
    // The night the clocks change: 23:00 PST on 7 Mar; 08:00 next morning is already PDT (15:00Z, not 16:00Z).
    const onDstNight = deliverAfterBy("2026-03-08T07:00:00.000Z");
    expect(onDstNight.dev).toBe("2026-03-08T15:00:00.000Z");
    expect(onDstNight.maria).toBeNull(); // 08:00 in Berlin: the window is over
    // People without a zone of their own follow the organisation's (Paris: 08:00 too).
    expect(onDstNight.anna).toBeNull();
  });

  it("never holds a team channel, and never holds the edit that says a Slack message cleared", () => {
    const dir = directory();
    // Dev has neither a Slack id nor an e-mail: the team channel is the one route to him.
    const people = dir.people.map((p) =>
      p.id === "dev" ? PersonSchema.parse({ ...p, slackUserId: null, emails: [] }) : p,
    );
    const night = "2026-03-10T06:00:00.000Z";
    const opened = planAlerts(
      planInput({
        now: night,
        settings,
        directory: { ...dir, people },
        diff: diff({ opened: [campaignConflict()] }),
      }),
    );
    const devIntent = opened.find((i) => i.recipient.personId === "dev");
    expect(devIntent?.recipient.target).toEqual({ channel: "slack-channel", to: "#eng" });
    expect(devIntent?.deliverAfter).toBeNull();

    const ledger = new MemoryLedger();
    ledger.record(planAlerts(planInput({ ledger, diff: diff({ opened: [campaignConflict()] }) })));
    const cleared = planAlerts(
      planInput({ ledger, now: night, settings, diff: diff({ resolved: [campaignConflict()] }) }),
    );
    expect(cleared.map((i) => i.deliverAfter)).toEqual([null, null, null, null]);
  });

  it("holds everything for a digest person until their next digest time, quiet hours or not", () => {
    const dir = directory();
    const people = dir.people.map((p) =>
      p.id === "maria" ? PersonSchema.parse({ ...p, alertPreference: "digest" }) : p,
    );
    const intents = planAlerts(
      planInput({
        now: "2026-03-10T12:00:00.000Z",
        settings: { ...settings, digestTime: "09:30" },
        directory: { ...dir, people },
        diff: diff({ opened: [campaignConflict()] }),
      }),
    );
    const maria = intents.find((i) => i.recipient.personId === "maria");
    expect(maria?.digest).toBe(true);
    expect(maria?.deliverAfter).toBe("2026-03-11T08:30:00.000Z"); // 09:30 CET next day
    expect(intents.filter((i) => i.digest).map((i) => i.recipient.personId)).toEqual(["maria"]);
  });
});
