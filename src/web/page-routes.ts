import { redirect, sendAsset, sendHtml } from "../http/respond.js";
import { workingCalendarOf } from "../jobs/working-calendar.js";
import { ValidationError } from "../model/index.js";
import { parseIsoWeek, weekOf } from "../report/iso-week.js";
import { ActionSearchSchema, ConflictFilterSchema, EditorSheetQuerySchema } from "./api/schemas.js";
import { APP_CSS } from "./assets/app-css.js";
import { MAPPING_EDITOR_JS } from "./assets/mapping-editor-js.js";
import { DECIDED, decisionRoutes } from "./decision-routes.js";
import { badRequest, notFound } from "./errors.js";
import { parseOr400, queryObject } from "./http/request.js";
import { actionPage } from "./pages/action-page.js";
import { actionsPage } from "./pages/actions-page.js";
import { conflictPage } from "./pages/conflict-page.js";
import { conflictsPage } from "./pages/conflicts-page.js";
import { kpisPage } from "./pages/kpis-page.js";
import { mappingChooserPage, mappingEditorPage } from "./pages/mapping-page.js";
import { reportPage } from "./pages/report-page.js";
import { sourcesPage } from "./pages/sources-page.js";
import { actionDetail, searchActions } from "./queries/actions-query.js";
import { conflictDetail, conflictsMatching } from "./queries/conflicts-query.js";
import { kpiReport } from "./queries/kpis-query.js";
import { personNames } from "./queries/people.js";
import { portfolio } from "./queries/portfolio-query.js";
import { weeklyReport } from "./queries/report-query.js";
import { listSources, mappingFileOf } from "./queries/sources-query.js";
import type { Route } from "./router.js";
import type { WebServices } from "./services.js";
import { sessionRoutes } from "./session-routes.js";

function parseIsoWeekOr400(name: string) {
  try {
    return parseIsoWeek(name);
  } catch (error) {
    if (error instanceof ValidationError) throw badRequest(error.message);
    throw error;
  }
}

export function pageRoutes(s: WebServices): Route[] {
  const { ctx } = s.deps;
  const currency = () => ctx.config.organisation.currency;
  return [
    ...sessionRoutes(s),
    ...decisionRoutes(s),
    {
      method: "GET",
      path: /^\/assets\/app\.css$/,
      access: "public",
      handle: (rc) => sendAsset(rc.res, "text/css; charset=utf-8", APP_CSS),
    },
    {
      method: "GET",
      path: /^\/assets\/mapping-editor\.js$/,
      access: "public",
      handle: (rc) => sendAsset(rc.res, "text/javascript; charset=utf-8", MAPPING_EDITOR_JS),
    },
    { method: "GET", path: /^\/$/, access: "public", handle: (rc) => redirect(rc.res, "/conflicts") },
    {
      method: "GET",
      path: /^\/conflicts$/,
      access: "page",
      async handle(rc) {
        const f = parseOr400(ConflictFilterSchema, queryObject(rc.url.searchParams), "query");
        const { page, matching } = await conflictsMatching(ctx.store, f);
        const chart = await portfolio(ctx.store, matching);
        sendHtml(rc.res, 200, conflictsPage(page, chart, ctx.today(), f, currency(), rc.csrf));
      },
    },
    {
      method: "GET",
      path: /^\/conflicts\/([^/]+)$/,
      access: "page",
      async handle(rc) {
        const d = await conflictDetail(ctx.store, rc.params[0]!, ctx.today());
        if (!d) throw notFound(`conflict ${rc.params[0]}`);
        const decided = DECIDED.find((w) => w === rc.url.searchParams.get("decided")) ?? null;
        sendHtml(rc.res, 200, conflictPage(d, currency(), rc.csrf, decided));
      },
    },
    {
      method: "GET",
      path: /^\/kpis$/,
      access: "page",
      handle: async (rc) =>
        sendHtml(
          rc.res,
          200,
          kpisPage(await kpiReport(ctx.store, currency(), s.deps.now().toISOString()), rc.csrf),
        ),
    },
    {
      method: "GET",
      path: /^\/report$/,
      access: "page",
      async handle(rc) {
        const asked = rc.url.searchParams.get("week");
        const week = asked
          ? parseIsoWeekOr400(asked)
          : weekOf((await ctx.store.conflicts.lastRun())?.asOf ?? ctx.today());
        const report = await weeklyReport(ctx.store, {
          week,
          organisation: ctx.config.organisation.name,
          currency: currency(),
          now: s.deps.now().toISOString(),
          unansweredAfterHours: ctx.config.alerts.escalateAfterHours,
          calendar: workingCalendarOf(ctx.config),
        });
        sendHtml(rc.res, 200, reportPage(report, rc.csrf));
      },
    },
    {
      method: "GET",
      path: /^\/actions$/,
      access: "page",
      async handle(rc) {
        const q = parseOr400(ActionSearchSchema, queryObject(rc.url.searchParams), "query");
        const facets = {
          sources: ctx.config.connectors.map((c) => c.id),
          kpis: (await ctx.store.directory.loadKpis()).map((k) => ({ key: k.key, name: k.name })),
          people: await personNames(ctx.store),
        };
        sendHtml(rc.res, 200, actionsPage(await searchActions(ctx.store, q), q, facets, rc.csrf));
      },
    },
    {
      method: "GET",
      path: /^\/actions\/([^/]+)$/,
      access: "page",
      async handle(rc) {
        const d = await actionDetail(ctx.store, rc.params[0]!);
        if (!d) throw notFound(`action ${rc.params[0]}`);
        sendHtml(rc.res, 200, actionPage(d, currency(), rc.csrf));
      },
    },
    {
      method: "GET",
      path: /^\/sources$/,
      access: "page",
      async handle(rc) {
        const ids = new Set(ctx.config.connectors.map((c) => c.id));
        const synced = rc.url.searchParams.get("synced");
        const queued = rc.url.searchParams.get("queued");
        // Only configured ids are echoed back: the notice can never show text an attacker put in a link.
        const notice =
          synced && ids.has(synced)
            ? { kind: "synced" as const, instance: synced }
            : queued && ids.has(queued)
              ? { kind: "queued" as const, instance: queued }
              : null;
        sendHtml(rc.res, 200, sourcesPage(await listSources(ctx), notice, rc.csrf));
      },
    },
    {
      method: "POST",
      path: /^\/sources\/([^/]+)\/sync$/,
      access: "page",
      async handle(rc) {
        const id = rc.params[0]!;
        const result = await s.syncNow(id);
        const param = result.kind === "done" ? "synced" : "queued";
        redirect(rc.res, `/sources?${param}=${encodeURIComponent(id)}#source-${encodeURIComponent(id)}`);
      },
    },
    {
      method: "GET",
      path: /^\/mapping$/,
      access: "page",
      async handle(rc) {
        const query = parseOr400(EditorSheetQuerySchema, queryObject(rc.url.searchParams), "query");
        if (!query.instance && !query.spreadsheetId) {
          const instances = ctx.config.connectors
            .filter((c) => c.kind === "sheets")
            .map((c) => ({ id: c.id, mappingFile: mappingFileOf(ctx, c) }));
          sendHtml(rc.res, 200, mappingChooserPage(instances, rc.csrf, null));
          return;
        }
        sendHtml(rc.res, 200, mappingEditorPage(await s.editor.loadSheet(query), rc.csrf));
      },
    },
  ];
}
