import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  formatHuman,
  fromDayNumber,
  humanDatesIn,
  parseHumanDate,
  RECENT_PAST_DAYS,
  toDayNumber,
} from "../../../src/model/index.js";

const on = (date: string) => toDayNumber(date);
const parseWrittenDate = (text: string, reference: number | null, locale?: string) =>
  parseHumanDate(text, { reference, locale: locale ?? null });

describe("dates as people write them", () => {
  it.each([
    ["2026-03-14", "2026-03-14"],
    ["2026-3-4", "2026-03-04"],
    ["14 Mar 2026", "2026-03-14"],
    ["14 March 2026", "2026-03-14"],
    ["14th March 2026", "2026-03-14"],
    ["14 Mar, 2026", "2026-03-14"],
    ["March 14, 2026", "2026-03-14"],
    ["Mar 14 2026", "2026-03-14"],
    ["Sept 1st 2026", "2026-09-01"],
    ["14-Mar-2026", "2026-03-14"],
    ["Fri 6 Mar 2026", "2026-03-06"],
    ["Friday, 6 March 2026", "2026-03-06"],
    ["10 Mar 2026 (API slipped)", "2026-03-10"],
    ["1 Jan 2027.", "2027-01-01"],
    ["14 mars 2026", "2026-03-14"],
    ["1er févr. 2026", "2026-02-01"],
    ["mar. 10 mars 2026", "2026-03-10"],
    ["14. März 2026", "2026-03-14"],
    ["Freitag, 6. März 2026", "2026-03-06"],
    ["14 de marzo de 2026", "2026-03-14"],
    ["14 marzo 2026", "2026-03-14"],
    ["14 maart 2026", "2026-03-14"],
    ["14 mrt 2026", "2026-03-14"],
    ["14 de março de 2026", "2026-03-14"],
    ["6 juil. 2026", "2026-07-06"],
    ["31/03/2026", "2026-03-31"],
    ["03/31/2026", "2026-03-31"],
    ["31.03.26", "2026-03-31"],
    ["2026/03/14", "2026-03-14"],
  ])("reads %j as %s", (text, expected) => {
    expect(parseWrittenDate(text, on("2026-01-02"))).toEqual({ ok: true, date: expected });
  });

  it("infers the year of `March 14` from the message date: the next occurrence", () => {
    expect(parseWrittenDate("March 14", on("2026-01-02"))).toEqual({ ok: true, date: "2026-03-14" });
    expect(parseWrittenDate("14 Mar", on("2026-01-02"))).toEqual({ ok: true, date: "2026-03-14" });
    expect(parseWrittenDate("Jan 10", on("2026-12-20"))).toEqual({ ok: true, date: "2027-01-10" });
    expect(parseWrittenDate("Feb 29", on("2026-01-01"))).toEqual({ ok: true, date: "2028-02-29" });
  });

  it("reads a recent past day without a year as this one, a long-gone one as next year's", () => {
    expect(parseWrittenDate("Jan 5", on("2026-01-20"))).toEqual({ ok: true, date: "2026-01-05" });
    expect(parseWrittenDate("Dec 20", on("2026-01-05"))).toEqual({ ok: true, date: "2025-12-20" });
    expect(parseWrittenDate("Jan 5", on("2026-03-01"))).toEqual({ ok: true, date: "2027-01-05" });
  });

  it.each([
    ["31 Feb 2026", "no such day"],
    ["2026-02-30", "no such day"],
    ["03/04/2026", "could be 2026-04-03 (day first) or 2026-03-04 (month first)"],
    ["31/31/2026", "no such day"],
    ["6 jui 2026", "not a date"],
    ["end of Q1", "not a date"],
    ["next Tuesday", "not a date"],
    ["Ma 14 2026", "not a date"],
    ["Monday 6 Mar 2026", "is a friday, not a monday"],
    ["", "empty"],
  ])("refuses %j (%s)", (text, why) => {
    const parsed = parseWrittenDate(text, on("2026-01-02"));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason.toLowerCase()).toContain(why);
  });

  it("reads a numeric date in the locale's order when there is one, the same day for D/M and M/D when equal", () => {
    expect(parseWrittenDate("03/04/2026", null, "en_US")).toEqual({ ok: true, date: "2026-03-04" });
    expect(parseWrittenDate("03/04/2026", null, "fr_FR")).toEqual({ ok: true, date: "2026-04-03" });
    expect(parseWrittenDate("03-04-2026", null, "de_DE")).toEqual({ ok: true, date: "2026-04-03" });
    expect(parseWrittenDate("04/04/2026", null)).toEqual({ ok: true, date: "2026-04-04" });
    expect(parseWrittenDate("31/03/2026", null, "en_US")).toMatchObject({ ok: false });
  });

  it("finds the dates in free text, in order, each once, skipping words that only look like months", () => {
    const ref = on("2026-01-12");
    expect(
      humanDatesIn("kick-off 2026-03-02, review 14 Mar 2026, launch March 20th and again 2026-03-02", {
        reference: ref,
      }),
    ).toEqual(["2026-03-02", "2026-03-14", "2026-03-20"]);
    expect(humanDatesIn("Sept. 3, 2026 and 29 Feb, not 30 Feb", { reference: ref })).toEqual([
      "2026-09-03",
      "2028-02-29",
    ]);
    expect(
      humanDatesIn("set 3 reminders, roll dice 5 times, 2 days ago 5 people, 03/04/2026", { reference: ref }),
    ).toEqual([]);
    expect(humanDatesIn("livraison le 14 mars, puis 31/03/2026", { reference: ref })).toEqual([
      "2026-03-14",
      "2026-03-31",
    ]);
  });

  it("refuses a date without a year when the message has no date to infer it from", () => {
    const parsed = parseWrittenDate("March 14", null);
    expect(parsed).toEqual({ ok: false, reason: expect.stringContaining("no year") });
  });

  it("reads back every day it writes as `6 Mar 2026` (formatHuman) and as ISO", () => {
    fc.assert(
      fc.property(fc.integer({ min: on("1990-01-01"), max: on("2100-12-31") }), (day) => {
        const iso = fromDayNumber(day);
        expect(parseWrittenDate(formatHuman(iso), null)).toEqual({ ok: true, date: iso });
        expect(parseWrittenDate(iso, null)).toEqual({ ok: true, date: iso });
      }),
    );
  });

  it("places a year-less date no more than RECENT_PAST_DAYS before the message, and within a year after", () => {
    const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    fc.assert(
      fc.property(
        fc.integer({ min: on("2000-01-01"), max: on("2090-12-31") }),
        fc.integer({ min: 0, max: 11 }),
        fc.integer({ min: 1, max: 28 }),
        (reference, month, dayOfMonth) => {
          const parsed = parseWrittenDate(`${dayOfMonth} ${months[month]}`, reference);
          expect(parsed.ok).toBe(true);
          if (!parsed.ok) return;
          const day = toDayNumber(parsed.date);
          expect(day).toBeGreaterThanOrEqual(reference - RECENT_PAST_DAYS);
          expect(day).toBeLessThan(reference - RECENT_PAST_DAYS + 367);
        },
      ),
    );
  });
});
