import { z } from "zod";
import { EmailError } from "./errors.js";

/** The properties ImapFlow attaches to its errors (imapflow's errors.d.ts, `ImapFlowError`). */
const ImapFlowErrorShape = z.looseObject({
  message: z.string().optional(),
  code: z.string().optional(),
  authenticationFailed: z.boolean().optional(),
  mailboxMissing: z.boolean().optional(),
  serverResponseCode: z.string().optional(),
  responseText: z.string().optional(),
  tlsFailed: z.boolean().optional(),
});

const NETWORK = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ETIMEDOUT",
  "CONNECT_TIMEOUT",
  "GREETING_TIMEOUT",
  "ETIMEOUT",
  "NoConnection",
  "EConnectionClosed",
]);

/** Turns what ImapFlow threw into an EmailError saying what to fix; `what` names the step (`sign in`…). */
export function imapError(error: unknown, what: string, where: string): EmailError {
  if (error instanceof EmailError) return error;
  const shape = ImapFlowErrorShape.safeParse(error);
  const e = shape.success ? shape.data : {};
  const detail = e.responseText ?? e.message ?? String(error);
  if (e.authenticationFailed || e.serverResponseCode === "AUTHENTICATIONFAILED") {
    return new EmailError(
      "email_auth_failed",
      `${where}: the server refused the user name or password (${detail}); check the variables userEnv and passwordEnv name`,
      { cause: error },
    );
  }
  if (e.mailboxMissing || e.serverResponseCode === "NONEXISTENT") {
    return new EmailError("email_mailbox_missing", `${where}: ${what}: no such mailbox (${detail})`, {
      cause: error,
    });
  }
  if (e.tlsFailed) {
    return new EmailError(
      "email_connect_failed",
      `${where}: TLS failed (${detail}); check host, port and secure`,
      {
        cause: error,
        retryable: true,
      },
    );
  }
  if (e.code !== undefined && NETWORK.has(e.code)) {
    return new EmailError("email_connect_failed", `${where}: ${what}: ${e.code} (${detail})`, {
      cause: error,
      retryable: true,
    });
  }
  return new EmailError("email_imap_failed", `${where}: ${what} failed: ${detail}`, { cause: error });
}
