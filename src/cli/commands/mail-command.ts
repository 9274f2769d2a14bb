import type { Command } from "commander";
import type { Io } from "../cli-context.js";
import type { PreviewOptions } from "./mail-run.js";

export function registerMail(program: Command, io: Io): void {
  const mail = program.command("mail").description("admin: e-mail connector tools");
  mail
    .command("preview")
    .description(
      "what each message would do (the action it starts or updates, and its fields, or why nothing), writing nothing",
    )
    .argument("<files...>", ".eml files, or folders of them, read together as one mailbox")
    .option("--json", "print the preview as JSON")
    .option(
      "--connector <id>",
      "read with this e-mail connector's tag and time zone (default: the config's first)",
    )
    .option("--tag <tag>", "subject tag that starts an action (default: the connector's, else [action])")
    .option(
      "--time-zone <zone>",
      "zone dates are read in (default: the connector's, else the organisation's)",
    )
    .action(async (files: string[], opts: PreviewOptions) => {
      const { runPreview } = await import("./mail-run.js");
      await runPreview(program, files, opts, io);
    });
}
