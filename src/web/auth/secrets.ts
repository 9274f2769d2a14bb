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
  /** The name given at sign-in (one shared admin token, several people): recorded with each decision. */
  name: string | null;
}

/** A name's UTF-8 in base64url: at most 60 characters of up to 4 bytes. */
const FORMAT = /^v2\.(\d{1,15})\.([A-Za-z0-9_-]{16,64})\.([A-Za-z0-9_-]{0,320})\.([A-Za-z0-9_-]{43})$/;

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
      const name = Buffer.from(session.name ?? "", "utf8").toString("base64url");
      const body = `v2.${session.expiresAt}.${session.id}.${name}`;
      return `${body}.${mac(body)}`;
    },
    /** The session a cookie value carries, or null when it is malformed, forged or expired. */
    verify(value: string | undefined, nowMs: number): Session | null {
      const m = value ? FORMAT.exec(value) : null;
      if (!m) return null;
      const [, exp, id, name, sig] = m;
      if (!secretsEqual(sig!, mac(`v2.${exp}.${id}.${name}`))) return null;
      const expiresAt = Number(exp);
      const who = Buffer.from(name!, "base64url").toString("utf8");
      return expiresAt > nowMs ? { id: id!, expiresAt, name: who === "" ? null : who } : null;
    },
    csrfToken,
    csrfValid(session: Session, token: string | null | undefined): boolean {
      return typeof token === "string" && secretsEqual(token, csrfToken(session));
    },
  };
}

export type SessionSigner = ReturnType<typeof createSessionSigner>;
