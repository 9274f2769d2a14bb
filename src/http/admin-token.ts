import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";

const digest = (text: string) => createHash("sha256").update(text, "utf8").digest();

/**
 * Constant-time comparison of a presented secret with the expected one. Both are hashed first so the buffers
 * always have the same length: timingSafeEqual then never throws, and neither the position of the first
 * difference nor the length of the token leaks through timing.
 */
export function secretsEqual(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * The token a request presents: `Authorization: Bearer <token>` (scripts), or with `basic` the password of
 * HTTP Basic auth (a browser's own prompt, for the job dashboard). Null when there is none.
 */
export function presentedToken(req: IncomingMessage, opts: { basic: boolean }): string | null {
  const header = req.headers.authorization ?? "";
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (bearer?.[1]) return bearer[1];
  if (!opts.basic) return null;
  const basic = /^Basic\s+(\S+)\s*$/i.exec(header);
  if (!basic?.[1]) return null;
  const decoded = Buffer.from(basic[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  const password = colon >= 0 ? decoded.slice(colon + 1) : "";
  return password === "" ? null : password;
}

/** True when the request presents the admin token (Bearer or Basic). */
export function hasAdminToken(req: IncomingMessage, token: string): boolean {
  const given = presentedToken(req, { basic: true });
  return given !== null && secretsEqual(given, token);
}
