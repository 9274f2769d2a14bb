import type { IncomingMessage } from "node:http";
import { presentedToken } from "../../http/admin-token.js";
import { capLength, cleanLine } from "../../model/index.js";
import { WebError } from "../errors.js";
import { cookieHeader, readCookie } from "./cookies.js";
import { createSessionSigner, randomToken, type Session, secretsEqual } from "./secrets.js";

export const SESSION_COOKIE = "sightline_session";
/** Double-submit cookie of the sign-in form, which has no session to derive a CSRF token from yet. */
export const LOGIN_COOKIE = "sightline_login";
/** Header the page script sends its CSRF token in when it calls the API with the session cookie. */
export const CSRF_HEADER = "x-csrf-token";

/** Characters of the name given at sign-in that are kept. */
export const SIGN_IN_NAME_MAX = 60;

/** Long enough that guessing is hopeless even without rate limiting. */
export const MIN_ADMIN_TOKEN_LENGTH = 16;

export interface WebAuthOptions {
  adminToken: string;
  secureCookies: boolean;
  sessionHours: number;
  nowMs: () => number;
}

export type Caller = { kind: "bearer" } | { kind: "session"; session: Session };

export function createWebAuth(opts: WebAuthOptions) {
  if (opts.adminToken.length < MIN_ADMIN_TOKEN_LENGTH) {
    throw new WebError(
      "admin_token_weak",
      500,
      `the admin token must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters (set SIGHTLINE_ADMIN_TOKEN to a long random value)`,
    );
  }
  const signer = createSessionSigner(opts.adminToken);
  const cookie = (name: string, value: string, maxAgeSeconds: number, path = "/") =>
    cookieHeader(name, value, { maxAgeSeconds, path, secure: opts.secureCookies });

  return {
    tokenMatches: (given: string) => secretsEqual(given, opts.adminToken),

    session: (req: IncomingMessage): Session | null =>
      signer.verify(readCookie(req, SESSION_COOKIE), opts.nowMs()),

    /** Who is calling: a valid bearer token, a valid session cookie, or nobody (null). */
    caller(req: IncomingMessage): Caller | null {
      const token = presentedToken(req, { basic: false });
      if (token !== null) return secretsEqual(token, opts.adminToken) ? { kind: "bearer" } : null;
      const session = signer.verify(readCookie(req, SESSION_COOKIE), opts.nowMs());
      return session ? { kind: "session", session } : null;
    },

    /** A fresh session's Set-Cookie value; `name` (as typed at sign-in) is cleaned to one short line. */
    signIn(name: string | null): string {
      const maxAge = opts.sessionHours * 3600;
      const who = capLength(cleanLine(name ?? ""), SIGN_IN_NAME_MAX);
      const session = { id: randomToken(24), expiresAt: opts.nowMs() + maxAge * 1000, name: who || null };
      return cookie(SESSION_COOKIE, signer.sign(session), maxAge);
    },
    signOut: (): string => cookie(SESSION_COOKIE, "", 0),

    csrfToken: (session: Session) => signer.csrfToken(session),
    /** Who a page decision is recorded as: `web:<name given at sign-in>`, or `web:admin`. */
    decidedBy: (session: Session) => `web:${session.name ?? "admin"}`,
    csrfValid: (session: Session, token: string | null | undefined) => signer.csrfValid(session, token),

    /** The sign-in form's double-submit value: the cookie's when there is one, else a new one to set. */
    loginNonce(req: IncomingMessage): { value: string; setCookie: string | null } {
      const existing = readCookie(req, LOGIN_COOKIE);
      if (existing && /^[A-Za-z0-9_-]{32,64}$/.test(existing)) return { value: existing, setCookie: null };
      const value = randomToken(32);
      return { value, setCookie: cookie(LOGIN_COOKIE, value, 3600, "/login") };
    },
    loginNonceValid(req: IncomingMessage, field: string | null): boolean {
      const existing = readCookie(req, LOGIN_COOKIE);
      return typeof existing === "string" && typeof field === "string" && secretsEqual(field, existing);
    },
  };
}

export type WebAuth = ReturnType<typeof createWebAuth>;
