import type { IncomingMessage, ServerResponse } from "node:http";
import { redirect, sendJson } from "../http/respond.js";
import { apiRoutes } from "./api/api-routes.js";
import { CSRF_HEADER, createWebAuth } from "./auth/web-auth.js";
import { resolveDeps, type WebAppDeps } from "./deps.js";
import { WebError } from "./errors.js";
import { sendError } from "./errors-response.js";
import { readForm } from "./http/request.js";
import { createMappingEditor } from "./mapping/editor-service.js";
import { pageRoutes } from "./page-routes.js";
import { matchRoute, ownsPath, type Route, type RouteContext } from "./router.js";
import { syncNowGuarded, type WebServices } from "./services.js";

/** Resolves true when the request was one of the web app's routes (answered), false to let the server go on. */
export type WebHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

function decodeParams(match: RegExpExecArray): string[] {
  try {
    return match.slice(1).map((p) => decodeURIComponent(p ?? ""));
  } catch (cause) {
    throw new WebError("bad_request", 400, "malformed percent-encoding in the path", { cause });
  }
}

/**
 * The web admin and dashboard as a node:http handler, to mount in `sightline serve` next to the Slack and
 * Jira routes (or to run alone with startWebServer). Pages are rendered on the server with one small script
 * for the mapping editor: no build step, a few kB per page, and everything works from a terminal browser
 * except the live preview.
 *
 * Access: /api/* takes `Authorization: Bearer <admin token>` (or the pages' session cookie plus their CSRF
 * header); pages take the signed session cookie set by /login and redirect there without one; every POSTed
 * form carries a CSRF token derived from the session. /login and /assets are public.
 */
export function createWebApp(input: WebAppDeps): WebHandler {
  const deps = resolveDeps(input);
  const auth = createWebAuth({
    adminToken: deps.adminToken,
    secureCookies: deps.secureCookies,
    sessionHours: deps.sessionHours,
    nowMs: () => deps.now().getTime(),
  });
  const services: WebServices = {
    deps,
    auth,
    editor: createMappingEditor(deps),
    syncNow: syncNowGuarded(deps),
  };
  const routes: Route[] = [...pageRoutes(services), ...apiRoutes(services)];

  async function guard(route: Route, rc: RouteContext): Promise<boolean> {
    if (route.access === "public") return true;
    const unsafe = route.method !== "GET";
    if (route.access === "api") {
      if (!rc.caller) {
        rc.req.resume();
        sendJson(
          rc.res,
          401,
          { error: "unauthorized", message: "send Authorization: Bearer <admin token>" },
          {
            "WWW-Authenticate": 'Bearer realm="sightline"',
          },
        );
        return false;
      }
      // Bearer tokens are never sent by a browser on its own; a cookie is, so cookie calls must prove origin.
      if (unsafe && rc.caller.kind === "session") {
        const header = rc.req.headers[CSRF_HEADER];
        if (!auth.csrfValid(rc.caller.session, typeof header === "string" ? header : null)) {
          throw new WebError("csrf_failed", 403, `missing or wrong ${CSRF_HEADER} header`);
        }
      }
      return true;
    }
    if (!rc.session) {
      rc.req.resume();
      redirect(rc.res, `/login?next=${encodeURIComponent(rc.url.pathname + rc.url.search)}`);
      return false;
    }
    if (unsafe) {
      rc.form = await readForm(rc.req);
      if (!auth.csrfValid(rc.session, rc.form.get("csrf"))) {
        throw new WebError(
          "csrf_failed",
          403,
          "this form expired or was not sent by Sightline: reload the page and try again",
        );
      }
    }
    return true;
  }

  return async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (!ownsPath(url.pathname)) return false;
    const isApi = url.pathname.startsWith("/api");
    const caller = auth.caller(req);
    const session = caller?.kind === "session" ? caller.session : null;
    const csrf = session ? auth.csrfToken(session) : null;
    try {
      const found = matchRoute(routes, req.method ?? "GET", url.pathname);
      if (!("route" in found)) {
        req.resume();
        if (found.allowed.length > 0) {
          throw new WebError("method_not_allowed", 405, `use ${found.allowed.join(" or ")}`);
        }
        throw new WebError("not_found", 404, `${url.pathname} not found`);
      }
      const rc: RouteContext = {
        req,
        res,
        url,
        params: decodeParams(found.match),
        caller,
        session,
        csrf: csrf ?? "",
        form: null,
      };
      if (await guard(found.route, rc)) await found.route.handle(rc);
    } catch (error) {
      sendError(res, error, isApi, csrf, deps.log);
    }
    return true;
  };
}
