import { type Command, InvalidArgumentError } from "commander";
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
        const { result, diff, today } = await reconcileStore(ctx, opts.today ?? ctx.today());
        const s = result.stats;
        io.out(
          `reconciled ${s.actions} actions and ${s.edges} dependencies on ${today}: ${result.conflicts.length} conflicts ` +
            `(${diff.opened.length} opened, ${diff.changed.length} changed, ${diff.resolved.length} resolved, ${diff.unchanged} unchanged)\n`,
        );
      });
    });
}
