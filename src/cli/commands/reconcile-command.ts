import { type Command, InvalidArgumentError } from "commander";
import type { PlanData } from "../../jobs/alert-work.js";
import type { AppContext } from "../../jobs/app-context.js";
import { deliveringChannels } from "../../jobs/delivering-channels.js";
import { reconcileStore } from "../../jobs/reconcile-work.js";
import { CalendarDateSchema } from "../../model/index.js";
import { type GlobalOptions, type Io, withContext } from "../cli-context.js";

export function parseToday(value: string): string {
  const parsed = CalendarDateSchema.safeParse(value);
  if (!parsed.success) throw new InvalidArgumentError(`expected a calendar date YYYY-MM-DD, got "${value}"`);
  return parsed.data;
}

export function registerReconcile(program: Command, io: Io): void {
  program
    .command("reconcile")
    .description("reconcile everything stored and record which conflicts opened, changed or cleared")
    .option(
      "--today <YYYY-MM-DD>",
      "the date to reconcile on (default: today in the organisation's zone)",
      parseToday,
    )
    .action(async (opts: { today?: string }) => {
      await withContext(program.opts<GlobalOptions>(), io, async (ctx) => {
        const { result, diff, today, loaded } = await reconcileStore(ctx, opts.today ?? ctx.today());
        const s = result.stats;
        io.out(
          `reconciled ${s.actions} actions and ${s.edges} dependencies on ${today}: ${result.conflicts.length} conflicts ` +
            `(${diff.opened.length} opened, ${diff.changed.length} changed, ${diff.resolved.length} resolved, ${diff.unchanged} unchanged)\n`,
        );
        // The changes are in the outbox (same transaction): deliver them here when a sink is configured.
        const channels = deliveringChannels(ctx.config, ctx.env);
        if (channels.slack || channels.email) {
          const { delivered } = await deliverOwed(ctx, io, loaded);
          io.out(`alerts: ${delivered} messages sent or edited\n`);
          return;
        }
        const owed = (await ctx.store.conflicts.owedChanges()).length;
        if (owed > 0) {
          io.out(
            `alerts: ${owed} conflict changes owed and not sent: no alert sink is configured (set SLACK_BOT_TOKEN ` +
              "or SMTP_URL); `sightline alerts deliver` prints them\n",
          );
        }
      });
    });
}

/** What the outbox owes, through the configured sinks (the console prints what none can take). */
async function deliverOwed(ctx: AppContext, io: Io, loaded: Partial<PlanData> = {}) {
  // Loaded here: the Slack client costs every other command a second.
  const [{ createAlertSinks }, { alertOwed }] = await Promise.all([
    import("../../jobs/alert-sinks.js"),
    import("../../jobs/alert-work.js"),
  ]);
  const sinks = createAlertSinks(ctx.config, ctx.env, io.out);
  return alertOwed(ctx, sinks.sinks, loaded);
}

export function registerAlerts(program: Command, io: Io): void {
  const alerts = program.command("alerts").description("the alerts the recorded conflict changes owe");
  alerts
    .command("deliver")
    .description(
      "send what is owed through the configured sinks (Slack, e-mail), or print it when none is set",
    )
    .action(async () => {
      await withContext(program.opts<GlobalOptions>(), io, async (ctx) => {
        const report = await deliverOwed(ctx, io);
        io.out(`alerts: ${report.planned} planned, ${report.delivered} messages sent, edited or printed\n`);
      });
    });
}
