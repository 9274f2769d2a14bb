import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";

function digest(text: string): Buffer {
  return createHash("sha256").update(text, "utf8").digest();
}

/**
 * True when the request carries the admin token, as `Authorization: Bearer <token>` (scripts) or as the
 * password of HTTP Basic auth (a browser's own prompt). Compared as SHA-256 digests with timingSafeEqual, so
 * neither the token's content nor its length leaks through timing.
 */
export function hasAdminToken(req: IncomingMessage, token: string): boolean {
  const header = req.headers.authorization ?? "";
  let given: string | null = null;
  if (header.startsWith("Bearer ")) given = header.slice("Bearer ".length).trim();
  else if (header.startsWith("Basic ")) {
    const decoded = Buffer.from(header.slice("Basic ".length).trim(), "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    given = colon >= 0 ? decoded.slice(colon + 1) : null;
  }
  if (given === null || given.length === 0) return false;
  return timingSafeEqual(digest(given), digest(token));
}
