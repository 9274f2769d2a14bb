import { z } from "zod";
import { SheetsMappingSchema } from "../../mapping/schema.js";
import {
  ActionDetailSchema,
  ActionPageSchema,
  ConflictDetailSchema,
  ConflictPageSchema,
  EditorSheetSchema,
  ErrorBodySchema,
  KpiReportSchema,
  MappingInvalidSchema,
  MappingPreviewResponseSchema,
  MappingRequestSchema,
  MappingSaveResponseSchema,
  SourceStatusSchema,
  SyncNowResponseSchema,
} from "./schemas.js";

/** The components, generated from the zod schemas the handlers are typed with. */
const COMPONENTS = {
  Error: ErrorBodySchema,
  MappingInvalid: MappingInvalidSchema,
  ActionPage: ActionPageSchema,
  ActionDetail: ActionDetailSchema,
  ConflictPage: ConflictPageSchema,
  ConflictDetail: ConflictDetailSchema,
  KpiReport: KpiReportSchema,
  SourceList: z.array(SourceStatusSchema),
  SyncNowResult: SyncNowResponseSchema,
  EditorSheet: EditorSheetSchema,
  MappingPreview: MappingPreviewResponseSchema,
  MappingSaved: MappingSaveResponseSchema,
} as const;

type ComponentName = keyof typeof COMPONENTS;

function schemas(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(COMPONENTS)) {
    // https://zod.dev/json-schema: responses are what the handlers output; transforms have no JSON Schema
    // equivalent and become "any value".
    const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { io: "output", unrepresentable: "any" });
    out[name] = json;
  }
  // Request bodies are what a client sends: defaults may be left out, so the input side of the schema.
  const { $schema: _dialect, ...request } = z.toJSONSchema(
    MappingRequestSchema.extend({ mapping: SheetsMappingSchema }),
    {
      io: "input",
      unrepresentable: "any",
    },
  );
  out.MappingRequest = request;
  return out;
}

const ref = (name: ComponentName | "MappingRequest") => ({ $ref: `#/components/schemas/${name}` });
const json = (name: ComponentName, description: string) => ({
  description,
  content: { "application/json": { schema: ref(name) } },
});
const errors = {
  "400": json("Error", "Invalid parameters (each named with why)"),
  "401": json("Error", "Missing or wrong bearer token"),
};
const query = (name: string, description: string, schema: Record<string, unknown> = { type: "string" }) => ({
  name,
  in: "query",
  required: false,
  description,
  schema,
});
const pathParam = (name: string, description: string) => ({
  name,
  in: "path",
  required: true,
  description,
  schema: { type: "string" },
});
const paging = [
  query("limit", "Page size (1-200, default 50)", { type: "integer", minimum: 1, maximum: 200 }),
  query("offset", "Items to skip", { type: "integer", minimum: 0 }),
];

/** The OpenAPI 3.1 description of /api, served at /api/openapi.json. */
export function openApiDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "Sightline admin API",
      version: "1",
      description:
        "Conflicts, KPI roll-ups, actions, sources and the mapping editor of a Sightline hub. Every route needs " +
        "`Authorization: Bearer <SIGHTLINE_ADMIN_TOKEN>`.",
    },
    security: [{ adminToken: [] }],
    paths: {
      "/api/conflicts": {
        get: {
          summary: "Conflicts of one status, filtered, largest value at risk first",
          parameters: [
            query("status", "open (default), acknowledged, snoozed or resolved"),
            query("team", "Team of an involved action"),
            query("businessUnit", "Business unit of an involved action"),
            query("kpi", "KPI key"),
            query("type", "Conflict type"),
            query("severity", "info, warning or critical"),
            ...paging,
          ],
          responses: { "200": json("ConflictPage", "One page of conflicts"), ...errors },
        },
      },
      "/api/conflicts/{fingerprint}": {
        get: {
          summary: "One conflict: its path, the alerts sent and the answers",
          parameters: [pathParam("fingerprint", "The conflict's fingerprint, URL-encoded")],
          responses: {
            "200": json("ConflictDetail", "The conflict"),
            "404": json("Error", "No such conflict"),
            ...errors,
          },
        },
      },
      "/api/kpis": {
        get: {
          summary: "Value at risk per objective, KPI, team and business unit, and over time",
          responses: { "200": json("KpiReport", "The roll-ups"), ...errors },
        },
      },
      "/api/actions": {
        get: {
          summary: "Search actions across every tool",
          parameters: [
            query("q", "Text in the id, title or owner"),
            query("source", "Connector instance"),
            query("status", "todo, in_progress, blocked, done or cancelled"),
            query("team", "Team, exactly"),
            query("kpi", "KPI key"),
            ...paging,
          ],
          responses: { "200": json("ActionPage", "One page of actions, ordered by id"), ...errors },
        },
      },
      "/api/actions/{id}": {
        get: {
          summary: "One action with its history, dependencies and dependents",
          parameters: [pathParam("id", "Hub id such as jira-eng:PAY-142, URL-encoded")],
          responses: {
            "200": json("ActionDetail", "The action"),
            "404": json("Error", "No such action"),
            ...errors,
          },
        },
      },
      "/api/sources": {
        get: {
          summary: "Every connector instance: last sync, cursor, counts, quarantined records",
          responses: { "200": json("SourceList", "The sources"), ...errors },
        },
      },
      "/api/sources/{instance}/sync": {
        post: {
          summary: "Sync one instance now (and reconcile), or queue it",
          parameters: [pathParam("instance", "Connector instance id")],
          responses: {
            "200": json("SyncNowResult", "What the sync did, or that it was queued"),
            "404": json("Error", "No such instance"),
            "409": json("Error", "Disabled, or already syncing"),
            "502": json("Error", "The tool failed"),
            ...errors,
          },
        },
      },
      "/api/mappings/sheet": {
        get: {
          summary: "A tab's header and sample rows with a proposed mapping",
          parameters: [
            query("instance", "A configured sheets instance"),
            query("spreadsheetId", "Or any spreadsheet by id"),
            query("sheet", "Tab title (default: the mapping's tab, else the first)"),
            query("headerRow", "1-based header row", { type: "integer", minimum: 1 }),
            query("start", "suggestion (default) or current: what to preselect"),
          ],
          responses: { "200": json("EditorSheet", "The tab and the proposal"), ...errors },
        },
      },
      "/api/mappings/preview": {
        post: {
          summary: "Map the whole tab without writing anything: the first actions and every row error",
          requestBody: { required: true, content: { "application/json": { schema: ref("MappingRequest") } } },
          responses: {
            "200": json("MappingPreview", "The preview"),
            "422": json(
              "MappingInvalid",
              "The mapping fails the mapping schema, or the sheet lacks a mapped header",
            ),
            ...errors,
          },
        },
      },
      "/api/mappings/save": {
        post: {
          summary: "Validate and save a mapping file under mappings/ (the instance's next sync reads it)",
          requestBody: { required: true, content: { "application/json": { schema: ref("MappingRequest") } } },
          responses: {
            "200": json("MappingSaved", "Where it was written, and the YAML"),
            "409": json("Error", "The file exists already, or lies outside mappings/"),
            "422": json("MappingInvalid", "The mapping fails the mapping schema"),
            ...errors,
          },
        },
      },
    },
    components: {
      securitySchemes: {
        adminToken: { type: "http", scheme: "bearer", description: "SIGHTLINE_ADMIN_TOKEN" },
      },
      schemas: schemas(),
    },
  };
}
