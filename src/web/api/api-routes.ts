import { sendJson } from "../../http/respond.js";
import { notFound } from "../errors.js";
import { parseOr400, queryObject, readJson } from "../http/request.js";
import { saveMapping } from "../mapping/save-mapping.js";
import { actionDetail, searchActions } from "../queries/actions-query.js";
import { conflictDetail, listConflicts } from "../queries/conflicts-query.js";
import { kpiReport } from "../queries/kpis-query.js";
import { listSources } from "../queries/sources-query.js";
import type { Route } from "../router.js";
import type { WebServices } from "../services.js";
import { openApiDocument } from "./openapi.js";
import {
  ActionSearchSchema,
  ConflictFilterSchema,
  EditorSheetQuerySchema,
  MappingRequestSchema,
} from "./schemas.js";

/** The JSON API: the pages' data, for scripts and other tools. Documented at /api/openapi.json. */
export function apiRoutes(s: WebServices): Route[] {
  const { ctx } = s.deps;
  const currency = () => ctx.config.organisation.currency;
  let openapi: unknown = null;
  return [
    {
      method: "GET",
      path: /^\/api\/openapi\.json$/,
      access: "api",
      handle(rc) {
        openapi ??= openApiDocument();
        sendJson(rc.res, 200, openapi);
      },
    },
    {
      method: "GET",
      path: /^\/api\/conflicts$/,
      access: "api",
      async handle(rc) {
        const f = parseOr400(ConflictFilterSchema, queryObject(rc.url.searchParams), "query");
        sendJson(rc.res, 200, await listConflicts(ctx.store, f));
      },
    },
    {
      method: "GET",
      path: /^\/api\/conflicts\/([^/]+)$/,
      access: "api",
      async handle(rc) {
        const d = await conflictDetail(ctx.store, rc.params[0]!, ctx.today());
        if (!d) throw notFound(`conflict ${rc.params[0]}`);
        sendJson(rc.res, 200, d);
      },
    },
    {
      method: "GET",
      path: /^\/api\/kpis$/,
      access: "api",
      handle: async (rc) =>
        sendJson(rc.res, 200, await kpiReport(ctx.store, currency(), s.deps.now().toISOString())),
    },
    {
      method: "GET",
      path: /^\/api\/actions$/,
      access: "api",
      async handle(rc) {
        const q = parseOr400(ActionSearchSchema, queryObject(rc.url.searchParams), "query");
        sendJson(rc.res, 200, await searchActions(ctx.store, q));
      },
    },
    {
      method: "GET",
      path: /^\/api\/actions\/([^/]+)$/,
      access: "api",
      async handle(rc) {
        const d = await actionDetail(ctx.store, rc.params[0]!);
        if (!d) throw notFound(`action ${rc.params[0]}`);
        sendJson(rc.res, 200, d);
      },
    },
    {
      method: "GET",
      path: /^\/api\/sources$/,
      access: "api",
      handle: async (rc) => sendJson(rc.res, 200, await listSources(ctx)),
    },
    {
      method: "POST",
      path: /^\/api\/sources\/([^/]+)\/sync$/,
      access: "api",
      async handle(rc) {
        rc.req.resume();
        sendJson(rc.res, 200, await s.syncNow(rc.params[0]!));
      },
    },
    {
      method: "GET",
      path: /^\/api\/mappings\/sheet$/,
      access: "api",
      async handle(rc) {
        const query = parseOr400(EditorSheetQuerySchema, queryObject(rc.url.searchParams), "query");
        sendJson(rc.res, 200, await s.editor.loadSheet(query));
      },
    },
    {
      method: "POST",
      path: /^\/api\/mappings\/preview$/,
      access: "api",
      async handle(rc) {
        const body = await readJson(rc.req, MappingRequestSchema);
        sendJson(rc.res, 200, await s.editor.preview(body.source, body.mapping));
      },
    },
    {
      method: "POST",
      path: /^\/api\/mappings\/save$/,
      access: "api",
      async handle(rc) {
        const body = await readJson(rc.req, MappingRequestSchema);
        sendJson(rc.res, 200, await saveMapping(s.deps, body.source, body.mapping, body.fileName));
      },
    },
  ];
}
