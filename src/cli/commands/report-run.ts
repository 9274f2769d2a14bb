import type { AppContext } from "../../jobs/app-context.js";
import { workingCalendarOf } from "../../jobs/working-calendar.js";
import { ValidationError } from "../../model/index.js";
import { parseIsoWeek, weekOf } from "../../report/iso-week.js";
import { renderReportHtml } from "../../report/render-html.js";
import { renderReportMarkdown } from "../../report/render-md.js";
import { weeklyReport } from "../../web/queries/report-query.js";
import { CliUsageError, type Io } from "../cli-context.js";

export async function runReport(
  ctx: AppContext,
  io: Io,
  opts: { week: string | undefined; format: "md" | "html" | "json" },
): Promise<void> {
  let week: ReturnType<typeof weekOf>;
  try {
    week = opts.week
      ? parseIsoWeek(opts.week)
      : weekOf((await ctx.store.conflicts.lastRun())?.asOf ?? ctx.today());
  } catch (error) {
    if (error instanceof ValidationError) throw new CliUsageError(error.message);
    throw error;
  }
  const report = await weeklyReport(ctx.store, {
    week,
    organisation: ctx.config.organisation.name,
    currency: ctx.config.organisation.currency,
    now: ctx.now(),
    unansweredAfterHours: ctx.config.alerts.escalateAfterHours,
    calendar: workingCalendarOf(ctx.config),
  });
  if (opts.format === "json") io.out(`${JSON.stringify(report, null, 2)}\n`);
  else if (opts.format === "html") io.out(renderReportHtml(report));
  else io.out(renderReportMarkdown(report));
}
