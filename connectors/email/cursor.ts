import { z } from "zod";
import { EmailError } from "./errors.js";

/**
 * What an e-mail instance persists between runs, committed with each page. UIDs only mean something within
 * one UIDVALIDITY of one mailbox (RFC 9051 section 2.3.1.1): when either differs from the mailbox's, the
 * whole mailbox is read again (actions are keyed by Message-ID, so nothing is duplicated). UIDVALIDITY and
 * HIGHESTMODSEQ are 32- and 63-bit numbers, kept as decimal strings so JSON holds them exactly.
 */
export const EmailCursorSchema = z.object({
  mailbox: z.string().min(1),
  uidValidity: z.string().regex(/^\d+$/),
  /** Highest UID read so far; the next run asks for `lastUid+1:*` and keeps only UIDs above it. */
  lastUid: z.number().int().min(0),
  /** The mailbox's HIGHESTMODSEQ when last read (RFC 7162), null when the server has no CONDSTORE. */
  highestModseq: z.string().regex(/^\d+$/).nullable(),
});
export type EmailCursor = z.infer<typeof EmailCursorSchema>;

/** Null stays null; anything else must be an e-mail cursor, since guessing could skip or repeat mail. */
export function parseEmailCursor(value: unknown, instance: string): EmailCursor | null {
  if (value === null || value === undefined) return null;
  const parsed = EmailCursorSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const why = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
  throw new EmailError(
    "email_bad_cursor",
    `The stored cursor of connector ${instance} is not an e-mail cursor (${why}); run a full sync to reset it`,
  );
}
