import type { Command } from "commander";
import type { GlobalOptions, Io } from "../cli-context.js";

/**
 * The whole pipeline on the embedded default (SQLite, in-process jobs, console alerts) over the fintech launch
 * story: Engineering's Jira and Marketing's sheet replayed from recorded API responses through their real
 * connectors, the rest from a plan file. A second run over the same database finds the same conflicts and
 * announces nothing new.
 */
export function registerDemo(program: Command, io: Io): void {
  program
    .command("demo")
    .description("run the fintech launch demo end to end on the embedded default (no server, no credentials)")
    .option("--scenario <file>", "demo scenario (default: fixtures/demo/scenario.yaml next to the config)")
    .option("--messages", "print every alert message in full, as Slack and e-mail would receive it")
    .action(async (opts: { scenario?: string; messages?: boolean }) => {
      const { runDemo } = await import("./demo-run.js");
      await runDemo(program.opts<GlobalOptions>(), io, opts);
    });
}
