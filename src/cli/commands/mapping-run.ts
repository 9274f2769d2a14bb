import { basename, dirname, extname, join, relative, resolve } from "node:path";
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
  SpreadsheetRefSchema,
  toYaml,
  validateMappingFile,
} from "../../mapping/index.js";
import { CliUsageError, type Io } from "../cli-context.js";
import { actionTable } from "../format/action-table.js";

const SpreadsheetIdSchema = SpreadsheetRefSchema;

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

export type SuggestOptions = SourceOptions & {
  spreadsheet?: string;
  sheet?: string;
  csv?: string;
  delimiter?: string;
};

/** A connector id from a file or tab name: lower-case words joined by dashes ("Q3 Plan.csv" → q3-plan). */
function instanceId(name: string): string {
  const id = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return /^[a-z]/.test(id) ? id : `plan-${id || "sheet"}`;
}

/**
 * What to do with the suggestion, as YAML comments so the output stays one valid mapping file: where to save
 * it and the exact lines that add the connector to sightline.config.yaml.
 */
function nextSteps(opts: SuggestOptions): string {
  const csv = opts.csv ? resolve(opts.csv) : null;
  const id = instanceId(csv ? basename(csv, extname(csv)) : (opts.sheet ?? "team-plan"));
  // A csv mapping names its file relative to itself: saved beside the CSV, `path:` is right as printed.
  const file = csv
    ? join(relative(process.cwd(), dirname(csv)) || ".", `${id}.mapping.yaml`)
    : `mappings/${id}.yaml`;
  const lines = [
    "",
    `# Next: save this as ${file}, check it with \`sightline mapping preview ${file}\`, then add under`,
    "# connectors: in sightline.config.yaml:",
    `#   - id: ${id}`,
    `#     kind: ${csv ? "csv" : "sheets"}`,
    `#     mapping: ${file}`,
  ];
  if (!csv) {
    lines.push(
      "# and share the spreadsheet (Viewer; Editor for replans written back) with the service account whose",
      "# key file GOOGLE_APPLICATION_CREDENTIALS names.",
    );
  }
  return `${lines.join("\n")}\n`;
}

export async function suggest(opts: SuggestOptions, io: Io): Promise<void> {
  if (!opts.csv && !opts.spreadsheet) {
    throw new CliUsageError("mapping suggest needs --spreadsheet ID or --csv FILE");
  }
  const id = SpreadsheetIdSchema.safeParse(opts.spreadsheet);
  if (!opts.csv && !id.success) {
    throw new CliUsageError(`--spreadsheet: ${id.error.issues[0]?.message ?? "not a spreadsheet id"}`);
  }
  const suggestion = opts.csv
    ? await suggestCsvMapping(resolve(opts.csv), opts.delimiter ? { delimiter: opts.delimiter } : {})
    : await suggestMappingFromSheet(await sheetsTransport(opts, io), {
        spreadsheetId: opts.spreadsheet ?? "",
        ...(opts.sheet ? { sheetTitle: opts.sheet } : {}),
      });
  io.out(toYaml(suggestion.mapping, suggestion.notes));
  io.out(nextSteps(opts));
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
