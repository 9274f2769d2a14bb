import type { Command } from "commander";
import { type GlobalOptions, type Io, withContext } from "../cli-context.js";
import { parseToday } from "./reconcile-command.js";

export function registerConflicts(program: Command, io: Io): void {
  program
    .command("conflicts")
    .description("list the conflicts in what is stored now (reads only; `reconcile` records them)")
    .option("--json", "print a JSON array")
    .option(
      "--today <YYYY-MM-DD>",
      "the date to reconcile on (default: today in the organisation's zone)",
      parseToday,
    )
    .action(async (opts: { json?: boolean; today?: string }) => {
      const [{ reconcile }, { conflictJson }, { conflictsText }] = await Promise.all([
        import("../../reconcile/index.js"),
        import("../format/conflict-json.js"),
        import("../format/conflicts-text.js"),
      ]);
      await withContext(
        program.opts<GlobalOptions>(),
        io,
        async (ctx) => {
          const { store } = ctx;
          const actions = await store.actions.list();
          const result = reconcile({
            actions,
            directory: await store.directory.load(),
            kpis: await store.directory.loadKpis(),
            today: opts.today ?? ctx.today(),
            overrides: await store.conflicts.overrides(),
          });
          if (opts.json) {
            io.out(`${JSON.stringify(result.conflicts.map(conflictJson), null, 2)}\n`);
            return;
          }
          const titles = new Map(actions.map((a) => [a.id, a.title]));
          io.out(
            `${conflictsText(result.conflicts, (id) => titles.get(id) ?? id, ctx.config.organisation.currency)}\n`,
          );
        },
        { readOnly: true },
      );
    });
}
