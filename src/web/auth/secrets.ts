import { createHmac, randomBytes } from "node:crypto";
import { secretsEqual } from "../../http/admin-token.js";

export { secretsEqual };

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

export interface Session {
  /** Random per sign-in; the CSRF token is derived from it. */
  id: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

const FORMAT = /^v1\.(\d{1,15})\.([A-Za-z0-9_-]{16,64})\.([A-Za-z0-9_-]{43})$/;

/**
 * Signed session cookies and CSRF tokens. The HMAC key is derived from the admin token, so nothing needs
 * storing server-side and rotating the token signs everybody out.
 */
export function createSessionSigner(adminToken: string) {
  const key = createHmac("sha256", adminToken).update("sightline web session key v1").digest();
  const mac = (text: string) => createHmac("sha256", key).update(text, "utf8").digest("base64url");
  const csrfToken = (session: Session) => mac(`csrf.${session.id}`);
  return {
    sign(session: Session): string {
      const body = `v1.${session.expiresAt}.${session.id}`;
      return `${body}.${mac(body)}`;
    },
    /** The session a cookie value carries, or null when it is malformed, forged or expired. */
    verify(value: string | undefined, nowMs: number): Session | null {
      const m = value ? FORMAT.exec(value) : null;
      if (!m) return null;
      const [, exp, id, sig] = m;
      if (!secretsEqual(sig!, mac(`v1.${exp}.${id}`))) return null;
      const expiresAt = Number(exp);
      return expiresAt > nowMs ? { id: id!, expiresAt } : null;
    },
    csrfToken,
    csrfValid(session: Session, token: string | null | undefined): boolean {
      return typeof token === "string" && secretsEqual(token, csrfToken(session));
    },
  };
}

export type SessionSigner = ReturnType<typeof createSessionSigner>;
