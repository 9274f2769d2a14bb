import type { IncomingMessage } from "node:http";

export function readCookie(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export interface CookieOptions {
  maxAgeSeconds: number;
  path?: string;
  /** Only over HTTPS; off on plain-HTTP loopback, where browsers would drop the cookie. */
  secure: boolean;
}

/** Always HttpOnly and SameSite=Strict: scripts cannot read it and no other site can make the browser send it. */
export function cookieHeader(name: string, value: string, opts: CookieOptions): string {
  const parts = [
    `${name}=${value}`,
    `Path=${opts.path ?? "/"}`,
    `Max-Age=${Math.max(0, Math.floor(opts.maxAgeSeconds))}`,
    "HttpOnly",
    "SameSite=Strict",
  ];
  if (opts.secure) parts.push("Secure");
  return parts.join("; ");
}
