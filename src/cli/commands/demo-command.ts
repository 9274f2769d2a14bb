import { join } from "node:path";
import type { Command } from "commander";
import { createConsoleSink } from "../../alerts/index.js";
import { loadDemoScenario } from "../../config/index.js";
import { alertOnDiff } from "../../jobs/alert-work.js";
import { reconcileStore } from "../../jobs/reconcile-work.js";
import { syncConnector } from "../../jobs/sync-work.js";
import { formatHuman } from "../../model/index.js";
import { type GlobalOptions, type Io, withContext } from "../cli-context.js";
import { conflictsSection, heading, ingestText, rollupSection, slipsText } from "../demo/demo-narrative.js";
import { replayScenario } from "../demo/replay-scenario.js";
import { describeSync } from "../format/sync-report.js";

/**
 * The whole pipeline on the embedded default (SQLite, in-process jobs, console alerts) over the fintech launch
 * story. A second run over the same database finds the same conflicts and announces nothing new.
 */
export function registerDemo(program: Command, io: Io): void {
  program
    .command("demo")
    .description("run the fintech launch demo end to end on the embedded default (no server, no credentials)")
    .option("--scenario <file>", "demo scenario (default: fixtures/demo/scenario.yaml next to the config)")
    .action(async (opts: { scenario?: string }) => {
      const global = program.opts<GlobalOptions>();
      await withContext(global, io, async (ctx) => {
        const scenario = loadDemoScenario(
          opts.scenario ?? join(ctx.config.dir, "fixtures", "demo", "scenario.yaml"),
        );
        const { store, config } = ctx;
        const currency = config.organisation.currency;
        io.out(
          `Sightline demo — ${config.organisation.name}, reconciled on ${formatHuman(scenario.today)}\n`,
        );
        io.out(`database: ${global.db ?? io.env.SIGHTLINE_DB ?? config.database.path}\n`);

        io.out(heading(1, "What the tools say"));
        const steps = await replayScenario(ctx, scenario);
        const current = steps === null ? describeSync(await syncConnector(ctx, scenario.connector)) : null;
        io.out(ingestText(steps, current));
        const actions = store.loadActions();
        io.out(
          `\n${actions.length} actions, ${store.loadDirectory().people.length} people, ${store.loadKpis().length} KPIs in the store.\n`,
        );
        io.out(slipsText(actions, (id) => store.history(id)));

        io.out(heading(2, "Conflicts"));
        const { result, diff } = reconcileStore(ctx, scenario.today);
        const titles = new Map(actions.map((a) => [a.id, a.title]));
        io.out(conflictsSection(result.conflicts, diff, (id) => titles.get(id) ?? id, currency));

        io.out(heading(3, "Value at risk"));
        const kpiNames = new Map(store.loadKpis().map((k) => [k.key, k.name]));
        io.out(rollupSection(result.rollups, currency, (k) => kpiNames.get(k) ?? k));

        io.out(heading(4, "Alerts (console sink: what Slack and e-mail would receive)"));
        const alerts = await alertOnDiff(ctx, diff, [createConsoleSink(io.out)]);
        io.out(
          alerts.delivered === 0
            ? `Nothing new to tell anyone: ${result.conflicts.length} conflicts, all already announced.\n`
            : `\n${alerts.delivered} messages for ${alerts.planned} alerts.\n`,
        );
      });
    });
}
