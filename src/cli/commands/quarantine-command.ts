import type { Command } from "commander";
import { CliUsageError, type GlobalOptions, type Io, withContext } from "../cli-context.js";
import { table } from "../format/table.js";

/** `sightline quarantine`: the rows, messages and issues a sync could not read, with where and why. */
export function registerQuarantine(program: Command, io: Io): void {
  program
    .command("quarantine")
    .description("what the syncs could not read, with where it is and why (reads only)")
    .option("--connector <id>", "only this connector instance")
    .option("--json", "print a JSON array of quarantine entries")
    .action(async (opts: { connector?: string; json?: boolean }) => {
      await withContext(
        program.opts<GlobalOptions>(),
        io,
        async (ctx) => {
          const known = ctx.config.connectors.map((c) => c.id);
          if (opts.connector !== undefined && !known.includes(opts.connector)) {
            throw new CliUsageError(
              `--connector ${opts.connector}: no connector by that id in ${ctx.config.file} (connectors: ${known.join(", ") || "none"})`,
            );
          }
          const entries = await ctx.store.sync.quarantine(opts.connector);
          if (opts.json) {
            io.out(`${JSON.stringify(entries, null, 2)}\n`);
            return;
          }
          if (entries.length === 0) {
            const scope = opts.connector ? `connector ${opts.connector}` : "any connector";
            io.out(`Nothing in quarantine for ${scope}: every item the last syncs read was stored.\n`);
            return;
          }
          const rows = entries.map((e) => [
            e.instance,
            e.location,
            e.nativeKey ?? "",
            e.field ?? e.column ?? "",
            e.reason,
            e.lastSeen,
          ]);
          io.out(`${table(["connector", "where", "key", "field", "why", "last seen"], rows)}\n`);
          io.out(`\n${entries.length} ${entries.length === 1 ? "entry" : "entries"}.\n`);
        },
        { readOnly: true },
      );
    });
}
