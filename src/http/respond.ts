import type { ServerResponse } from "node:http";

/**
 * Pages load their CSS and script from /assets only: no inline script or style is allowed, so an escaping
 * mistake could still not run code. frame-ancestors stops click-jacking of the Sync now and Save buttons.
 */
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join("; ");

const COMMON: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
};

/**
 * The one HTTP reply layer of everything `serve` answers (Slack, webhooks, the web admin): the same security
 * headers everywhere, JSON never cached. `body` is escaped HTML (src/web/http/html.ts builds it).
 */
export function sendHtml(
  res: ServerResponse,
  status: number,
  body: { readonly value: string },
  headers: Record<string, string | string[]> = {},
): void {
  res.writeHead(status, {
    ...COMMON,
    "Content-Type": "text/html; charset=utf-8",
    "Content-Security-Policy": CSP,
    // Pages show live data and CSRF tokens: never cache them.
    "Cache-Control": "no-store",
    ...headers,
  });
  res.end(body.value);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string | string[]> = {},
): void {
  res.writeHead(status, {
    ...COMMON,
    "Content-Type": "application/json; charset=utf-8",
    "Cache-Control": "no-store",
    ...headers,
  });
  res.end(JSON.stringify(body));
}

/** 303 after a POST (the browser follows with a GET, so a reload does not post again). */
export function redirect(
  res: ServerResponse,
  location: string,
  headers: Record<string, string | string[]> = {},
): void {
  res.writeHead(303, { ...COMMON, Location: location, "Cache-Control": "no-store", ...headers });
  res.end();
}

export function sendAsset(res: ServerResponse, contentType: string, body: string): void {
  res.writeHead(200, {
    ...COMMON,
    "Content-Type": contentType,
    "Cache-Control": "public, max-age=300",
  });
  res.end(body);
}
