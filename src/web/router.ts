import type { IncomingMessage, ServerResponse } from "node:http";
import type { Session } from "./auth/secrets.js";
import type { Caller } from "./auth/web-auth.js";

export type Access = "public" | "page" | "api";

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** Decoded capture groups of the route's pattern. */
  params: string[];
  caller: Caller | null;
  /** The signed-in session (pages, and API calls made by the pages). */
  session: Session | null;
  /** The session's CSRF token, for forms rendered on this page. */
  csrf: string;
  /** The body of a POSTed page form, already checked for its CSRF token. */
  form: URLSearchParams | null;
}

export interface Route {
  method: "GET" | "POST";
  path: RegExp;
  access: Access;
  handle(rc: RouteContext): Promise<void> | void;
}

/** The path prefixes this app answers for; anything else is left to the server it is mounted in. */
const OWNED =
  /^\/(?:$|login$|logout$|conflicts(?:\/|$)|kpis$|report$|actions(?:\/|$)|sources(?:\/|$)|mapping$|assets\/|api(?:\/|$))/;

export function ownsPath(path: string): boolean {
  return OWNED.test(path);
}

export function matchRoute(
  routes: readonly Route[],
  method: string,
  path: string,
): { route: Route; match: RegExpExecArray } | { allowed: string[] } {
  const allowed: string[] = [];
  for (const route of routes) {
    const match = route.path.exec(path);
    if (!match) continue;
    if (route.method === method || (method === "HEAD" && route.method === "GET")) return { route, match };
    allowed.push(route.method);
  }
  return { allowed };
}
