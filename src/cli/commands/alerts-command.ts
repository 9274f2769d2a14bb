import type { Command } from "commander";
import type { PlanData } from "../../jobs/alert-work.js";
import type { AppContext } from "../../jobs/app-context.js";
import { type GlobalOptions, type Io, withContext } from "../cli-context.js";

/** What the outbox owes, through the configured sinks (the console prints what none can take). */
export async function deliverOwed(ctx: AppContext, io: Io, loaded: Partial<PlanData> = {}) {
  // Loaded here: the Slack client costs every other command a second.
  const [{ createAlertSinks }, { alertOwed }] = await Promise.all([
    import("../../jobs/alert-sinks.js"),
    import("../../jobs/alert-work.js"),
  ]);
  const sinks = createAlertSinks(ctx.config, ctx.env, io.out);
  return alertOwed(ctx, sinks.sinks, loaded);
}

export function registerAlerts(program: Command, io: Io): void {
  const alerts = program.command("alerts").description("the alerts the recorded conflict changes owe");
  alerts
    .command("deliver")
    .description(
      "send what is owed through the configured sinks (Slack, e-mail), or print it when none is set",
    )
    .action(async () => {
      await withContext(program.opts<GlobalOptions>(), io, async (ctx) => {
        const report = await deliverOwed(ctx, io);
        io.out(`alerts: ${report.planned} planned, ${report.delivered} messages sent, edited or printed\n`);
      });
    });
}
