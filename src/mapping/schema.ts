import { z } from "zod";
import { ACTION_STATUSES } from "../model/index.js";

/**
 * An admin mapping file: which sheet (or CSV export) holds a team's plan and which of its columns feed which
 * action field. Columns are named by their header text, never by letter or position, so reordering the sheet
 * changes nothing. This schema is the single source: `mappings/mapping.schema.json` is generated from it
 * (`npx tsx src/mapping/generate-json-schema.ts`) so editors complete and check mapping files.
 *
 * Kept free of transforms and refinements on purpose: everything here must be expressible in JSON Schema,
 * otherwise the editor would accept files the loader rejects.
 */

const HeaderName = z
  .string()
  .trim()
  .min(1)
  .describe("Header text of the column (matched ignoring case and spaces)");

const Aliases = z
  .array(HeaderName)
  .describe("Other header texts this column may carry (an older name, another team's wording)")
  .optional();

const Required = z
  .boolean()
  .optional()
  .describe(
    "Whether the column must be in the header row (default true): a missing required column pauses the sync " +
      "instead of blanking the field on every action. Set false for a column that may legitimately be absent.",
  );

const Trim = z.literal("trim").describe("Trim the text and collapse inner runs of spaces");
const Lower = z.literal("lower").describe("Trim and lower-case the text");
const Person = z.literal("person").describe("A person's name, e-mail or @handle, as written in the sheet");

const DateFormat = z
  .string()
  .regex(/^(?=.*(YYYY|YY))(?=.*(MMM|MM|M))(?=.*(DD|D))[YMD./\- ,]+$/, "use YYYY/YY, MMM/MM/M and DD/D tokens")
  .describe(
    "Format of text dates, e.g. DD/MM/YYYY, M/D/YYYY, D MMM YYYY. Sheets date cells (serial numbers) need none.",
  );

export const DateTransformSchema = z
  .strictObject({
    type: z.literal("date"),
    format: DateFormat.optional(),
    locale: z
      .string()
      .regex(/^[a-z]{2,3}([_-][A-Za-z0-9]{2,8})*$/, "a locale such as en_GB or fr_FR")
      .optional()
      .describe("Locale for text dates without a format (defaults to the sheet's locale): en_US reads M/D/Y"),
  })
  .describe(
    "Calendar date: a Sheets date cell (serial number) or text in `format`; an impossible date is a row error",
  );

export const ListTransformSchema = z
  .strictObject({
    type: z.literal("list"),
    separator: z
      .string()
      .min(1)
      .optional()
      .describe("Item separator (default: comma, semicolon or line break)"),
  })
  .describe('Split one cell into several values, e.g. "PAY-142, QA-9"');

const EnumDescription =
  "Translate cell values through a table (matched ignoring case and spaces); an unknown value is a row error";

export const StatusEnumTransformSchema = z
  .strictObject({
    type: z.literal("enum"),
    values: z
      .record(z.string().min(1), z.enum(ACTION_STATUSES))
      .describe('Cell value -> status, e.g. { "WIP": in_progress, "Not started": todo }'),
    default: z.enum(ACTION_STATUSES).optional().describe("Status of a row whose cell is empty"),
  })
  .describe(EnumDescription);

export const TextEnumTransformSchema = z
  .strictObject({
    type: z.literal("enum"),
    values: z.record(z.string().min(1), z.string().min(1)).describe("Cell value -> stored value"),
    default: z.string().min(1).optional().describe("Value of a row whose cell is empty"),
  })
  .describe(EnumDescription);

function column<T extends z.ZodType>(transform: T, description: string) {
  return z
    .strictObject({
      column: HeaderName,
      aliases: Aliases,
      transform: transform.optional(),
      required: Required,
    })
    .describe(description);
}

const TextTransform = z.union([Trim, Lower, TextEnumTransformSchema]);
const DateTransform = z.union([
  z.literal("date").describe("A date with default settings"),
  DateTransformSchema,
]);
const ListTransform = z.union([
  z.literal("list").describe("A list split on , ; or line breaks"),
  ListTransformSchema,
]);

export const FieldsSchema = z
  .strictObject({
    title: column(TextTransform, "The action's title (required)"),
    status: column(
      z.union([Trim, Lower, StatusEnumTransformSchema]),
      "Status; without an enum table the cell must read todo, in progress, blocked, done or cancelled. " +
        "When no status column is mapped every action is todo.",
    ).optional(),
    owner: column(z.union([Trim, Person]), "Who owns the action (name, e-mail or @handle)").optional(),
    team: column(TextTransform, "Team or department").optional(),
    businessUnit: column(TextTransform, "Business unit").optional(),
    program: column(TextTransform, "Program the action belongs to").optional(),
    start: column(DateTransform, "Planned start date").optional(),
    due: column(DateTransform, "Due date").optional(),
    kpis: column(ListTransform, "KPI keys from the KPI catalog").optional(),
    dependsOn: column(ListTransform, "Keys of the actions this one depends on (finish-to-start)").optional(),
    mirrors: column(ListTransform, "Keys of the same work tracked in another tool").optional(),
    url: column(Trim, "Link to the item (default: the sheet itself)").optional(),
  })
  .describe("Action fields and the columns that feed them");

export const ConstantsSchema = z
  .strictObject({
    team: z.string().trim().min(1).optional(),
    businessUnit: z.string().trim().min(1).optional(),
    program: z.string().trim().min(1).optional(),
    kpis: z.array(z.string().trim().min(1)).optional(),
  })
  .describe("Values for fields no column holds; where a column is mapped they fill its empty cells");

/** A function, not a shared object: each kind gets its own instances so the JSON Schema stays flat. */
const common = {
  $schema: z.string().optional().describe("Path or URL of mapping.schema.json, for editors"),
  headerRow: z.int().min(1).max(1000).default(1).describe("1-based row number of the header row"),
  key: z
    .strictObject({ column: HeaderName, aliases: Aliases })
    .describe("The key column: actions are identified by it, never by row number"),
  keyPrefix: z
    .string()
    .trim()
    .min(1)
    .optional()
    .describe('Prefix added to keys that do not already start with it, e.g. "MKT-" turns 7 into MKT-7'),
  locale: z
    .string()
    .regex(/^[a-z]{2,3}([_-][A-Za-z0-9]{2,8})*$/, "a locale such as en_GB or fr_FR")
    .optional()
    .describe("Locale for text dates; for sheets the spreadsheet's own locale is the default"),
  fields: FieldsSchema,
  constants: ConstantsSchema.optional(),
};

/**
 * The id inside a pasted sheet address (https://docs.google.com/spreadsheets/d/<id>/edit#gid=0, with or without
 * /u/0/, query or fragment); any other text is returned trimmed, for the id's own check to judge.
 */
export function spreadsheetIdFrom(text: string): string {
  const trimmed = text.trim();
  const match = /^https?:\/\/docs\.google\.com\/spreadsheets(?:\/u\/\d+)?\/d\/([A-Za-z0-9_-]+)/.exec(trimmed);
  return match?.[1] ?? trimmed;
}

export const SheetsMappingSchema = z.strictObject({
  kind: z.literal("sheets"),
  spreadsheetId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{10,}$/, "the id between /d/ and /edit in the sheet's URL")
    .describe("Spreadsheet id, from https://docs.google.com/spreadsheets/d/<id>/edit"),
  sheet: z
    .strictObject({
      id: z.int().min(0).optional().describe("Stable sheetId (the gid= in the URL): survives renames"),
      title: z.string().min(1).optional().describe("Tab title, used when no id is given or the id is gone"),
    })
    .default({})
    .describe("Which tab; the first tab when neither id nor title is given"),
  ...common,
});

/** An encoding label the WHATWG decoder knows (`latin1` and `cp1252` are windows-1252, as browsers read them). */
function knownEncoding(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}

export const CsvMappingSchema = z.strictObject({
  kind: z.literal("csv"),
  path: z.string().min(1).describe("CSV file, relative to this mapping file"),
  delimiter: z.string().length(1).default(",").describe("Field delimiter"),
  encoding: z
    .string()
    .trim()
    .refine(knownEncoding, "not an encoding Sightline can read (utf-8, windows-1252, iso-8859-15, utf-16le…)")
    .optional()
    .describe(
      "The file's character encoding (utf-8, windows-1252, iso-8859-15…); without it a byte order mark decides, else UTF-8 when valid, else windows-1252 with a warning",
    ),
  ...common,
});

export const MappingSchema = z.discriminatedUnion("kind", [SheetsMappingSchema, CsvMappingSchema]);

export type Mapping = z.output<typeof MappingSchema>;
export type MappingInput = z.input<typeof MappingSchema>;
export type SheetsMapping = z.output<typeof SheetsMappingSchema>;
export type CsvMapping = z.output<typeof CsvMappingSchema>;
export type MappingFields = z.output<typeof FieldsSchema>;
export type MappedField = keyof MappingFields;
export type DateTransformSpec = z.output<typeof DateTransformSchema>;
export type ListTransformSpec = z.output<typeof ListTransformSchema>;

export const MAPPED_FIELDS = [
  "title",
  "status",
  "owner",
  "team",
  "businessUnit",
  "program",
  "start",
  "due",
  "kpis",
  "dependsOn",
  "mirrors",
  "url",
] as const satisfies readonly MappedField[];

/** The date fields write-back may change. */
export const DATE_FIELDS = ["start", "due"] as const satisfies readonly MappedField[];
export type DateField = (typeof DATE_FIELDS)[number];

/** A spreadsheet as people give it: its id, or its address pasted from the browser. */
export const SpreadsheetRefSchema = z.preprocess(
  (v) => (typeof v === "string" ? spreadsheetIdFrom(v) : v),
  SheetsMappingSchema.shape.spreadsheetId,
);
