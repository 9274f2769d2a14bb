import { type Command, InvalidArgumentError } from "commander";
import { deliveringChannels } from "../../jobs/delivering-channels.js";
import { reconcileStore } from "../../jobs/reconcile-work.js";
import { CalendarDateSchema } from "../../model/index.js";
import { type GlobalOptions, type Io, withContext } from "../cli-context.js";
import { deliverOwed } from "./alerts-command.js";

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
