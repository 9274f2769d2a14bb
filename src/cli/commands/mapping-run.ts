import { resolve } from "node:path";
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

export interface SourceOptions {
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

export type SuggestOptions = SourceOptions & { spreadsheet?: string; sheet?: string; csv?: string };

export async function suggest(opts: SuggestOptions, io: Io): Promise<void> {
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
}

export async function validate(file: string, io: Io): Promise<void> {
  const result = await validateMappingFile(resolve(file));
  if (result.ok) {
    io.out(`${file}: valid ${result.mapping.kind} mapping\n`);
    return;
  }
  io.err(`${result.errors.map(formatMappingIssue).join("\n")}\n`);
  process.exitCode = 1;
}

export async function preview(file: string, opts: SourceOptions & { limit: number }, io: Io): Promise<void> {
  const loaded = await loadMappingFile(resolve(file));
  const preview =
    loaded.mapping.kind === "csv"
      ? await previewCsvMapping(loaded.mapping, resolve(loaded.dir, loaded.mapping.path), {
          limit: opts.limit,
        })
      : await previewSheetMapping(await sheetsTransport(opts, io), loaded.mapping, { limit: opts.limit });
  io.out(`${previewText(preview)}\n`);
}
