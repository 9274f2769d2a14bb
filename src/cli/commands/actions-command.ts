import type { Command } from "commander";
import { type GlobalOptions, type Io, withContext } from "../cli-context.js";
import { table } from "../format/table.js";

export function registerActions(program: Command, io: Io): void {
  program
    .command("actions")
    .description("list the stored actions from every tool")
    .option("--json", "print a JSON array of canonical actions")
    .option("--include-removed", "also list actions that vanished from their tool")
    .action(async (opts: { json?: boolean; includeRemoved?: boolean }) => {
      await withContext(
        program.opts<GlobalOptions>(),
        io,
        async (ctx) => {
          const actions = await ctx.store.actions.list({ includeRemoved: opts.includeRemoved ?? false });
          if (opts.json) {
            io.out(`${JSON.stringify(actions, null, 2)}\n`);
            return;
          }
          const rows = actions.map((a) => [
            a.id,
            a.title,
            a.status,
            a.owner ?? `(${a.ownerRaw ?? "nobody"})`,
            a.start ?? "",
            a.due ?? "",
            a.removedAt ? "removed" : "",
          ]);
          io.out(`${table(["id", "title", "status", "owner", "start", "due", ""], rows)}\n`);
        },
        { readOnly: true },
      );
    });
}
