import type { Command } from "commander";
import type { GlobalOptions, Io } from "../cli-context.js";

/** `sightline config env`: what a deployment's .env needs for this config (the source of .env.example). */
export function registerConfig(program: Command, io: Io): void {
  const config = program.command("config").description("what a config needs from its environment");
  config
    .command("env")
    .description(
      "print an .env template: the variables Sightline reads and every one this config names (reads only)",
    )
    .action(async () => {
      const [{ loadAppConfig }, { envExample }, { relative }] = await Promise.all([
        import("../../jobs/load-app-config.js"),
        import("../../config/env-catalog.js"),
        import("node:path"),
      ]);
      const global = program.opts<GlobalOptions>();
      // Names only: secrets need not be set to list them (the loader never reads a secret's value).
      const loaded = loadAppConfig(global.config, io.env);
      io.out(envExample(loaded, relative(process.cwd(), loaded.file) || loaded.file));
    });
  config
    .command("reference")
    .description("print the reference of every config key, from the schemas the loader validates with")
    .action(async () => {
      const [{ appConfigRegistry }, { configReference }] = await Promise.all([
        import("../../jobs/load-app-config.js"),
        import("../../config/config-reference.js"),
      ]);
      io.out(configReference(appConfigRegistry()));
    });
}
