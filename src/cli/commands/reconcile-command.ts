import { type Command, InvalidArgumentError } from "commander";
import { type GlobalOptions, type Io, withContext } from "../cli-context.js";
import { deliverOwed } from "./alerts-command.js";

/**
 * `--today`: a real calendar day. Checked with Date.UTC rather than the model's zod schema, which parsing
 * the command line would otherwise load on every start (`--help` included).
 */
export function parseToday(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const [year, month, day] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (!m || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw new InvalidArgumentError(`expected a calendar date YYYY-MM-DD, got "${value}"`);
  }
  return value;
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
      const [{ deliveringChannels }, { reconcileStore }] = await Promise.all([
        import("../../jobs/delivering-channels.js"),
        import("../../jobs/reconcile-work.js"),
      ]);
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
