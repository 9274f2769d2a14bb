import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Command, CommanderError } from "commander";
import { SightlineError } from "../model/errors.js";
import { type Io, processIo } from "./cli-context.js";
import { registerActions } from "./commands/actions-command.js";
import { registerAlerts } from "./commands/alerts-command.js";
import { registerConfig } from "./commands/config-command.js";
import { registerConflicts } from "./commands/conflicts-command.js";
import { registerDb } from "./commands/db-command.js";
import { registerDemo } from "./commands/demo-command.js";
import { registerMail } from "./commands/mail-command.js";
import { registerMapping } from "./commands/mapping-command.js";
import { registerQuarantine } from "./commands/quarantine-command.js";
import { registerReconcile } from "./commands/reconcile-command.js";
import { registerReport } from "./commands/report-command.js";
import { registerServe } from "./commands/serve-command.js";
import { registerSources } from "./commands/sources-command.js";
import { registerSync } from "./commands/sync-command.js";
import { registerWorker } from "./commands/worker-command.js";

/** The version in package.json, read next to the sources (or the compiled dist/), never from the cwd. */
function packageVersion(): string {
  for (const up of ["../../package.json", "../../../package.json"]) {
    const file = fileURLToPath(new URL(up, import.meta.url));
    if (!existsSync(file)) continue;
    const pkg: unknown = JSON.parse(readFileSync(file, "utf8"));
    if (isPackage(pkg) && pkg.name === "sightline") return pkg.version;
  }
  return "unknown";
}

/** Checked by hand: zod would cost every start its load time, for two strings. */
function isPackage(value: unknown): value is { name: string; version: string } {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof Reflect.get(value, "name") === "string" &&
    typeof Reflect.get(value, "version") === "string"
  );
}

export function buildProgram(io: Io): Command {
  // Every command reads the same config file, which may hold the server's slack/server/email sections.
  const program = new Command("sightline")
    .description("One source of truth for work spread across Jira, Sheets, e-mail and Slack.")
    .option(
      "--config <file>",
      "config file (env SIGHTLINE_CONFIG)",
      io.env.SIGHTLINE_CONFIG || "sightline.config.yaml",
    )
    .option(
      "--db <file-or-url>",
      "SQLite database file or postgres:// URL, overrides the config (env SIGHTLINE_DB)",
    )
    .version(packageVersion(), "-V, --version", "print the version")
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride()
    .showHelpAfterError();
  registerSync(program, io);
  registerReconcile(program, io);
  registerAlerts(program, io);
  registerConflicts(program, io);
  registerActions(program, io);
  registerSources(program, io);
  registerQuarantine(program, io);
  registerReport(program, io);
  registerDb(program, io);
  registerDemo(program, io);
  registerMapping(program, io);
  registerMail(program, io);
  registerWorker(program, io);
  registerServe(program, io);
  registerConfig(program, io);
  return program;
}

/** Runs the CLI; errors of ours print their message (which says where and why) and exit non-zero, no stack. */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  try {
    await buildProgram(io).parseAsync([...argv], { from: "user" });
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (error) {
    // Commander has already printed its message (bad option, --help); only its exit code is left to return.
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof SightlineError) {
      io.err(`sightline: ${error.message}\n`);
      const code = Reflect.get(error, "exitCode");
      return typeof code === "number" ? code : 2;
    }
    throw error;
  }
}
