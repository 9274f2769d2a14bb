import type { Command } from "commander";
import { type GlobalOptions, type Io, withContext } from "../cli-context.js";

export function registerSources(program: Command, io: Io): void {
  program
    .command("sources")
    .description("each connector instance's last sync: status, counts, and why it failed (reads only)")
    .option("--json", "print the sources page's JSON (GET /api/sources)")
    .option("--fail-on-error", "exit 2 when an enabled source's last run failed (for monitoring)")
    .action(async (opts: { json?: boolean; failOnError?: boolean }) => {
      const [{ listSources }, { sourcesText }] = await Promise.all([
        import("../../web/queries/sources-query.js"),
        import("../format/sources-text.js"),
      ]);
      await withContext(
        program.opts<GlobalOptions>(),
        io,
        async (ctx) => {
          const sources = await listSources(ctx);
          io.out(opts.json ? `${JSON.stringify(sources, null, 2)}\n` : `${sourcesText(sources)}\n`);
          if (opts.failOnError && sources.some((s) => s.enabled && s.lastRun?.status === "failed")) {
            process.exitCode = 2;
          }
        },
        { readOnly: true },
      );
    });
}
