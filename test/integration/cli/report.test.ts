import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { openContext } from "../../../src/jobs/app-context.js";
import { dueEscalations } from "../../../src/jobs/escalation-work.js";
import { loadAppConfig } from "../../../src/jobs/load-app-config.js";
import { workingCalendarOf } from "../../../src/jobs/working-calendar.js";
import { parseIsoWeek } from "../../../src/report/iso-week.js";
import { WeeklyReportSchema } from "../../../src/report/weekly-report.js";
import { weeklyReport } from "../../../src/web/queries/report-query.js";
import { freshDb, runCli } from "./cli-harness.js";

const CONFIG = join(import.meta.dirname, "../../../sightline.config.yaml");
let db: string;

async function report(args: string[] = []) {
  const run = await runCli(["--db", db, "report", "--format", "json", ...args]);
  expect(run.code, run.err).toBe(0);
  return WeeklyReportSchema.parse(JSON.parse(run.out));
}

beforeAll(async () => {
  db = freshDb();
  const demo = await runCli(["--db", db, "demo"]);
  expect(demo.code, demo.err).toBe(0);
}, 60_000);

describe("sightline report", () => {
  it("reports the demo's week: each KPI once, the slip behind seven conflicts, who has not answered", async () => {
    const r = await report();
    expect(r.week).toEqual({ name: "2026-W03", from: "2026-01-12", to: "2026-01-18" });
    expect(r.asOf).toBe("2026-01-12");
    // Nothing was recorded the week before: no change is made up.
    expect(r.total).toEqual({ now: 306_500, lastWeek: null, change: null });
    expect(r.kpis.map((k) => [k.key, k.days, k.now])).toEqual([
      ["arr-payouts", 42, 168_000],
      ["merchant-signups", 29, 72_500],
      ["merchant-activation", 44, 66_000],
    ]);
    expect(r.objectives.reduce((n, o) => n + o.now, 0)).toBe(r.total.now);
    expect(r.objectives[0]?.series.map((p) => p.valueAtRisk)).toEqual([...Array(11).fill(null), 240_500]);
    expect(r.slips).toEqual([
      {
        rootCause: { id: "jira-eng:PAY-142", title: "Backend API integration", ownerName: "Priya Raman" },
        conflicts: 7,
        valueAtRisk: 306_500,
      },
    ]);
    const campaign = r.unanswered.find((u) => u.title === "Go-to-market campaign");
    expect(campaign).toMatchObject({ ownerName: "Camille Durand", waitingOn: { id: "jira-eng:PAY-142" } });
    // First seen at the demo's 12 Jan 10:15 (Paris), open until the week's end: 157 hours and more.
    expect(campaign?.hours).toBeGreaterThanOrEqual(157);
    expect(r.unanswered).toHaveLength(7);
    expect(r.vacuums.map((v) => v.title)).toEqual(["Pricing page"]);
    expect(r.unlinked.map((u) => u.title)).toEqual(["Support team training on payouts"]);
    expect(r.timeToAcknowledge).toEqual([]);
  });

  it("counts unanswered time in the organisation's working hours, not on the wall clock", async () => {
    const ctx = await openContext(loadAppConfig(CONFIG, {}), { dbPath: db, env: {}, readOnly: true });
    try {
      const at = (now: string) =>
        weeklyReport(ctx.store, {
          week: parseIsoWeek("2026-W03"),
          organisation: "Acme Pay",
          currency: "EUR",
          now,
          unansweredAfterHours: 24,
          calendar: workingCalendarOf(ctx.config),
        });
      // First seen Monday 12 Jan at 10:15 in Paris. Tuesday 18:00 is 31 hours later but 16.75 working hours.
      expect((await at("2026-01-13T17:00:00.000Z")).unanswered).toEqual([]);
      // Wednesday 18:00: 25.75 working hours (9 to 18, Monday to Friday).
      expect((await at("2026-01-14T17:00:00.000Z")).unanswered).toHaveLength(7);
    } finally {
      await ctx.store.close();
    }
  });

  it("escalates what nobody answered within 24 working hours, counting only working time", async () => {
    const at = async (now: string) => {
      const ctx = await openContext(loadAppConfig(CONFIG, {}), {
        dbPath: db,
        env: {},
        readOnly: true,
        now: () => now,
      });
      try {
        return (await dueEscalations(ctx)).map((e) => [e.conflict.fingerprint, e.workingHours] as const);
      } finally {
        await ctx.store.close();
      }
    };
    // First seen Monday 10:15 in Paris: 7.75 + 9 + 7.25 working hours end Wednesday 16:15 (15:15Z).
    expect(await at("2026-01-14T15:14:00.000Z")).toEqual([]);
    const due = await at("2026-01-14T15:15:00.000Z");
    expect(due).toHaveLength(7);
    expect(due).toContainEqual(["schedule|mkt-plan:MKT-7", 24]);
    // Over the weekend the clock stops: on Monday morning it is still Friday evening's 43.75 hours.
    expect(await at("2026-01-19T07:59:00.000Z")).toContainEqual(["schedule|mkt-plan:MKT-7", 43]);
  });

  it("says how much changed since last week, and how fast a team answered", async () => {
    // A week later the plan is unchanged, but the root cause is a week closer to its slipped date.
    const later = await runCli(["--db", db, "reconcile"], { SIGHTLINE_TODAY: "2026-01-19" });
    expect(later.code, later.err).toBe(0);
    const ctx = await openContext(loadAppConfig(CONFIG, {}), { dbPath: db, env: {} });
    try {
      const c = await ctx.store.conflicts.get("schedule|mkt-plan:MKT-7");
      const fiveHoursLater = new Date(Date.parse(c!.firstSeen) + 5 * 3_600_000).toISOString();
      await ctx.store.conflicts.setStatus(c!.fingerprint, "acknowledged", {
        by: "slack:U1",
        now: fiveHoursLater,
      });
    } finally {
      await ctx.store.close();
    }
    const r = await report(["--week", "2026-W04"]);
    expect(r.asOf).toBe("2026-01-19");
    expect(r.total.lastWeek).toBe(306_500);
    expect(r.total.change).toBe(r.total.now - 306_500);
    expect(r.objectives[0]?.series.slice(-2).map((p) => p.valueAtRisk)).toEqual([
      240_500,
      r.objectives[0]?.now,
    ]);
    expect(r.timeToAcknowledge).toEqual([{ team: "Marketing", answered: 1, medianHours: 5 }]);
    expect(r.unanswered.map((u) => u.title)).not.toContain("Go-to-market campaign");
    // Acknowledged: an answer, so it is not escalated either.
    const nextDay = await openContext(loadAppConfig(CONFIG, {}), {
      dbPath: db,
      env: {},
      readOnly: true,
      now: () => "2026-01-20T12:00:00.000Z",
    });
    try {
      const due = (await dueEscalations(nextDay)).map((e) => e.conflict.fingerprint);
      expect(due).not.toContain("schedule|mkt-plan:MKT-7");
      expect(due).toContain("schedule|mkt-plan:MKT-9");
    } finally {
      await nextDay.store.close();
    }
  });

  it("prints Markdown for a terminal and self-contained HTML for e-mail", async () => {
    const md = await runCli(["--db", db, "report", "--week", "2026-W03"]);
    expect(md.out).toMatch(/^# Acme Pay: governance report, week 2026-W03\n/);
    expect(md.out).toContain("**€306,500 at risk** (no figure a week before)");
    expect(md.out).toContain("| Backend API integration | Priya Raman | 7 | €306,500 |");
    const html = (await runCli(["--db", db, "report", "--week", "2026-W03", "--format", "html"])).out;
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<script|<style|<link|<svg|<img/i);
    expect(html).toContain('style="');
    // A chart per objective.
    expect(html.match(/value at risk, last 12 weeks/g)).toHaveLength(2);
  });

  it("refuses a week that is not one, saying why", async () => {
    const run = await runCli(["--db", db, "report", "--week", "2027-W53"]);
    expect(run.code).toBe(2);
    expect(run.err).toContain('--week: "2027-W53": 2027 has no week 53');
  });
});
