import { resolve } from "node:path";
import type { Command } from "commander";
import { previewCsvMapping, suggestCsvMapping } from "../../../connectors/csv/admin.js";
import { previewSheetMapping, suggestMappingFromSheet } from "../../../connectors/sheets/admin.js";
import { createAuthClient, credentialsFromEnv } from "../../../connectors/sheets/auth.js";
import { createGoogleSheetsTransport } from "../../../connectors/sheets/client.js";
import { createRecordedTransport, loadRecordedSheet } from "../../../connectors/sheets/recorded-transport.js";
import type { SheetsTransport } from "../../../connectors/sheets/transport.js";
import {
  formatMappingIssue,
  loadMappingFile,
  type MappingPreview,
  SheetsMappingSchema,
  toYaml,
  validateMappingFile,
} from "../../mapping/index.js";
import { CliUsageError, type Io } from "../cli-context.js";
import { actionTable } from "../format/action-table.js";

const SpreadsheetIdSchema = SheetsMappingSchema.shape.spreadsheetId;

interface SourceOptions {
  recorded?: string;
  rootUrl?: string;
}

/** Live Google (credentials from the environment) or a recorded folder of responses (offline, demo, tests). */
async function sheetsTransport(opts: SourceOptions, io: Io): Promise<SheetsTransport> {
  if (opts.recorded) return createRecordedTransport(await loadRecordedSheet(resolve(opts.recorded)));
  const auth = await createAuthClient(credentialsFromEnv({ ...io.env }), { readOnly: true });
  return createGoogleSheetsTransport({ auth, ...(opts.rootUrl ? { rootUrl: opts.rootUrl } : {}) });
}

function previewText(preview: MappingPreview): string {
  const errors = preview.rowErrors.map(
    (e) => `  ${e.location}${e.column ? `, column "${e.column}"` : ""}: ${e.reason}`,
  );
  return [
    `${preview.validRows} of ${preview.dataRows} rows map to actions (nothing was written).`,
    "",
    actionTable(preview.actions),
    "",
    errors.length === 0 ? "No row errors." : `${errors.length} row errors:\n${errors.join("\n")}`,
  ].join("\n");
}

export function registerMapping(program: Command, io: Io): void {
  const mapping = program.command("mapping").description("admin: map sheet or CSV columns to action fields");

  mapping
    .command("suggest")
    .description("read a sheet's (or CSV's) header and sample rows and print a proposed mapping as YAML")
    .option("--spreadsheet <id>", "Google spreadsheet id")
    .option("--sheet <title>", "tab title (default: the first tab)")
    .option("--csv <file>", "a CSV export instead of a live sheet")
    .option("--recorded <dir>", "replay recorded Sheets responses from this folder instead of calling Google")
    .option("--root-url <url>", "Google API root (a proxy)")
    .action(async (opts: SourceOptions & { spreadsheet?: string; sheet?: string; csv?: string }) => {
      if (!opts.csv && !opts.spreadsheet) {
        throw new CliUsageError("mapping suggest needs --spreadsheet ID or --csv FILE");
      }
      const id = SpreadsheetIdSchema.safeParse(opts.spreadsheet);
      if (!opts.csv && !id.success) {
        throw new CliUsageError(`--spreadsheet: ${id.error.issues[0]?.message ?? "not a spreadsheet id"}`);
      }
      const suggestion = opts.csv
        ? await suggestCsvMapping(resolve(opts.csv))
        : await suggestMappingFromSheet(await sheetsTransport(opts, io), {
            spreadsheetId: opts.spreadsheet ?? "",
            ...(opts.sheet ? { sheetTitle: opts.sheet } : {}),
          });
      io.out(toYaml(suggestion.mapping, suggestion.notes));
    });

  mapping
    .command("validate <file>")
    .description("check a mapping file against the schema; every problem with its line")
    .action(async (file: string) => {
      const result = await validateMappingFile(resolve(file));
      if (result.ok) {
        io.out(`${file}: valid ${result.mapping.kind} mapping\n`);
        return;
      }
      io.err(`${result.errors.map(formatMappingIssue).join("\n")}\n`);
      process.exitCode = 1;
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
      const loaded = await loadMappingFile(resolve(file));
      const preview =
        loaded.mapping.kind === "csv"
          ? await previewCsvMapping(loaded.mapping, resolve(loaded.dir, loaded.mapping.path), {
              limit: opts.limit,
            })
          : await previewSheetMapping(await sheetsTransport(opts, io), loaded.mapping, { limit: opts.limit });
      io.out(`${previewText(preview)}\n`);
    });
}
