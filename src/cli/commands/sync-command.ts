import type { Command } from "commander";
import { SightlineError } from "../../model/errors.js";
import type { SyncReport } from "../../sync/index.js";
import { type GlobalOptions, type Io, withContext } from "../cli-context.js";

export function registerSync(program: Command, io: Io): void {
  program
    .command("sync")
    .description("pull every enabled connector instance (or one) into the store")
    .option("--connector <id>", "only this connector instance")
    .option(
      "--full",
      "re-read everything instead of what changed since the last run (Jira: notices deleted issues)",
    )
    .option(
      "--allow-mass-deletion",
      "soft-delete even when the run would remove most of the instance's actions",
    )
    .action(async (opts: { connector?: string; allowMassDeletion?: boolean; full?: boolean }) => {
      const global = program.opts<GlobalOptions>();
      const [{ syncConnector }, { endProgress, syncProgressReporter }, { describeSync }] = await Promise.all([
        import("../../jobs/sync-work.js"),
        import("../format/progress.js"),
        import("../format/sync-report.js"),
      ]);
      await withContext(global, io, async (ctx) => {
        const ids = opts.connector
          ? [opts.connector]
          : ctx.config.connectors.filter((c) => c.enabled).map((c) => c.id);
        const reports: SyncReport[] = [];
        const failed: string[] = [];
        // One broken connector must not keep the others stale: each runs, each result is printed.
        for (const id of ids) {
          try {
            const report = await syncConnector(ctx, id, {
              allowMassDeletion: opts.allowMassDeletion ?? false,
              full: opts.full ?? false,
              onProgress: syncProgressReporter(io.err, io.isTty),
            });
            io.out(`${describeSync(report)}\n`);
            reports.push(report);
          } catch (error) {
            if (!(error instanceof SightlineError) || opts.connector) throw error;
            io.err(`sightline: ${id} failed: ${error.message}\n`);
            failed.push(id);
          } finally {
            endProgress(io.err, io.isTty);
          }
        }
        if (failed.length > 0) {
          io.err(
            `sightline: ${failed.length} of ${ids.length} connectors failed (${failed.join(", ")}); the others synced\n`,
          );
          process.exitCode = 2;
        } else if (reports.some((r) => r.paused)) process.exitCode = 3;
      });
    });
}
