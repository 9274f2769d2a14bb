import type { Command } from "commander";
import { type GlobalOptions, type Io, withContext } from "../cli-context.js";
import { parseToday } from "./reconcile-command.js";

/** `--today` alone recomputes on today (SIGHTLINE_TODAY or the organisation's zone); with a date, on that date. */
function todayOption(value: string): string {
  return parseToday(value);
}

export function registerConflicts(program: Command, io: Io): void {
  program
    .command("conflicts")
    .description(
      "list the conflicts the last `reconcile` recorded (what the web and API show), as of the day it ran on; " +
        "--today recomputes without recording",
    )
    .option("--json", "print a JSON array; each conflict carries `asOf` and `status`")
    .option(
      "--today [YYYY-MM-DD]",
      "recompute on this date (alone: today in the organisation's zone) instead of reading the recorded state",
      todayOption,
    )
    .action(async (opts: { json?: boolean; today?: string | true }) => {
      const { conflictsNow } = await import("./conflicts-run.js");
      await withContext(
        program.opts<GlobalOptions>(),
        io,
        async (ctx) => conflictsNow(ctx, io, { json: opts.json === true, today: opts.today }),
        { readOnly: true },
      );
    });
}
