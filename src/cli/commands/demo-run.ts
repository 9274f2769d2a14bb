import { join } from "node:path";
import { createConsoleSink } from "../../alerts/index.js";
import { loadDemoScenario } from "../../config/index.js";
import { alertOwed } from "../../jobs/alert-work.js";
import type { AppContext } from "../../jobs/app-context.js";
import { reconcileStore } from "../../jobs/reconcile-work.js";
import { workingCalendarOf } from "../../jobs/working-calendar.js";
import { formatHuman, type HistoryEvent } from "../../model/index.js";
import { weekOf } from "../../report/iso-week.js";
import { reportMoney } from "../../report/money-text.js";
import { weeklyReport } from "../../web/queries/report-query.js";
import { type GlobalOptions, type Io, withContext } from "../cli-context.js";
import { createCollectingSink, exampleMessage, messagesSummary, messagesText } from "../demo/demo-alerts.js";
import {
  conflictsSection,
  heading,
  ingestText,
  rollupSection,
  slipsText,
  storeSummary,
} from "../demo/demo-narrative.js";
import { ingestScenario } from "../demo/replay-scenario.js";

export interface DemoOptions {
  scenario?: string;
  messages?: boolean;
}

/** The weekly report's headline for the story's week: what `sightline report` says in full. */
async function reportExcerpt(ctx: AppContext, today: string, now: string): Promise<string> {
  const week = weekOf(today);
  const r = await weeklyReport(ctx.store, {
    week,
    organisation: ctx.config.organisation.name,
    currency: ctx.config.organisation.currency,
    now,
    unansweredAfterHours: ctx.config.alerts.escalateAfterHours,
    calendar: workingCalendarOf(ctx.config),
  });
  const slips = r.slips.map(
    (s) =>
      `${s.rootCause.title ?? s.rootCause.id}${s.rootCause.ownerName ? ` (${s.rootCause.ownerName})` : ""} behind ${s.conflicts} conflicts`,
  );
  return (
    `\nWeekly report, ${week.name}: ${reportMoney(r.total.now, r.currency)} at risk` +
    `${slips.length > 0 ? `; this week's slips: ${slips.join(", ")}` : ""}; ` +
    `${r.vacuums.length} without an owner, ${r.unlinked.length} not linked to a KPI.\n` +
    "(sightline report prints it all; --format html for e-mail.)\n"
  );
}

/** The demo itself (demo-command.ts registers it and loads this module only when it runs). */
export async function runDemo(global: GlobalOptions, io: Io, opts: DemoOptions): Promise<void> {
  await withContext(global, io, async (ctx) => {
    const scenario = loadDemoScenario(
      opts.scenario ?? join(ctx.config.dir, "fixtures", "demo", "scenario.yaml"),
    );
    const { store, config } = ctx;
    const currency = config.organisation.currency;
    io.out(`Sightline demo — ${config.organisation.name}, reconciled on ${formatHuman(scenario.today)}\n`);
    io.out(`database: ${global.db ?? (io.env.SIGHTLINE_DB || config.database.path)}\n`);

    io.out(heading(1, "What the tools say"));
    io.out(ingestText(await ingestScenario(ctx, scenario)));
    const actions = await store.actions.list();
    const kpis = await store.directory.loadKpis();
    io.out(`\n${storeSummary(actions, (await store.directory.load()).people.length, kpis.length)}`);
    const histories = new Map<string, HistoryEvent[]>();
    for (const a of actions) histories.set(a.id, await store.actions.history(a.id));
    io.out(slipsText(actions, (id) => histories.get(id) ?? []));

    io.out(heading(2, "Conflicts"));
    // The story's reconcile happens at its last step: conflicts are first seen then, not at the wall clock, so
    // the weekly report's "this week" and "unanswered for" read the story's time line.
    const last = scenario.steps.at(-1)?.at;
    const at = last ? new Date(last).toISOString() : ctx.now();
    const { result, diff } = await reconcileStore({ ...ctx, now: () => at }, scenario.today);
    const titles = new Map(actions.map((a) => [a.id, a.title]));
    io.out(conflictsSection(result.conflicts, diff, (id) => titles.get(id) ?? id, currency));

    io.out(heading(3, "Value at risk"));
    const kpiNames = new Map(kpis.map((k) => [k.key, k.name]));
    io.out(rollupSection(result.rollups, currency, (k) => kpiNames.get(k) ?? k));
    io.out(await reportExcerpt(ctx, scenario.today, at));

    io.out(heading(4, "Alerts (what Slack and e-mail would receive)"));
    const collected = createCollectingSink();
    // Told at the story's instant too: nothing is unanswered yet, so nothing escalates.
    const alerts = await alertOwed({ ...ctx, now: () => at }, [
      opts.messages ? createConsoleSink(io.out) : collected,
    ]);
    if (alerts.delivered === 0) {
      io.out(`Nothing new to tell anyone: ${result.conflicts.length} conflicts, all already announced.\n`);
      return;
    }
    if (!opts.messages) {
      io.out(messagesText(collected.messages));
      const example = exampleMessage(collected.messages);
      if (example) io.out(`\n${example.text}`);
    }
    io.out(`\n${messagesSummary(alerts.delivered, alerts.planned, collected.messages)}`);
    if (!opts.messages) io.out("(sightline demo --messages prints every message in full.)\n");
  });
}
