import type { Command } from "commander";
import { CliUsageError, type GlobalOptions, type Io, withContext } from "../cli-context.js";

const FORMATS = ["md", "html", "json"] as const;

/** `sightline report`: the weekly governance report from what the store recorded (reads only). */
export function registerReport(program: Command, io: Io): void {
  program
    .command("report")
    .description(
      "the weekly governance report: value at risk and its change, slips, who has not answered (reads only)",
    )
    .option("--week <YYYY-Www>", "ISO week (default: the week of the last recorded reconcile)")
    .option(
      "--format <md|html|json>",
      "md for a terminal or Slack, html for e-mail (inline CSS, no script), json",
      "md",
    )
    .action(async (opts: { week?: string; format: string }) => {
      const format = FORMATS.find((f) => f === opts.format);
      if (!format) throw new CliUsageError(`--format ${opts.format}: expected one of ${FORMATS.join(", ")}`);
      const { runReport } = await import("./report-run.js");
      await withContext(
        program.opts<GlobalOptions>(),
        io,
        (ctx) => runReport(ctx, io, { week: opts.week, format }),
        {
          readOnly: true,
        },
      );
    });
}
