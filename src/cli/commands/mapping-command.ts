import { type Command, InvalidArgumentError } from "commander";
import type { Io } from "../cli-context.js";
import type { SourceOptions, SuggestOptions } from "./mapping-run.js";

/** One character; `\t` (as typed in a shell) and "tab" both mean a tab. */
function parseDelimiter(value: string): string {
  const d = value === "\\t" || value.toLowerCase() === "tab" ? "\t" : value;
  if (d.length !== 1) throw new InvalidArgumentError(`expected one character (or "tab"), got "${value}"`);
  return d;
}

export function registerMapping(program: Command, io: Io): void {
  const mapping = program.command("mapping").description("admin: map sheet or CSV columns to action fields");

  mapping
    .command("suggest")
    .description("read a sheet's (or CSV's) header and sample rows and print a proposed mapping as YAML")
    .option("--spreadsheet <id>", "Google spreadsheet id")
    .option("--sheet <title>", "tab title (default: the first tab)")
    .option("--csv <file>", "a CSV export instead of a live sheet")
    .option(
      "--delimiter <char>",
      "the CSV's field delimiter (default: detected: , ; tab or |)",
      parseDelimiter,
    )
    .option("--recorded <dir>", "replay recorded Sheets responses from this folder instead of calling Google")
    .option("--root-url <url>", "Google API root (a proxy)")
    .action(async (opts: SuggestOptions) => {
      const { suggest } = await import("./mapping-run.js");
      await suggest(opts, io);
    });

  mapping
    .command("validate <file>")
    .description("check a mapping file against the schema; every problem with its line")
    .action(async (file: string) => {
      const { validate } = await import("./mapping-run.js");
      await validate(file, io);
    });

  mapping
    .command("preview <file>")
    .description(
      "show the first actions as they would be stored, and every row error, without writing anything",
    )
    .option("--limit <n>", "actions to show", (v) => Number.parseInt(v, 10), 20)
    .option("--recorded <dir>", "replay recorded Sheets responses from this folder instead of calling Google")
    .option("--root-url <url>", "Google API root (a proxy)")
    .action(async (file: string, opts: SourceOptions & { limit: number }) => {
      const { preview } = await import("./mapping-run.js");
      await preview(file, opts, io);
    });
}
