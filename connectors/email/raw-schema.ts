import { z } from "zod";

/**
 * One message as the connector reads it, after MIME parsing (parse-message.ts): what the mapper needs and
 * nothing else, so the mapper stays pure and testable without a mail server.
 */
export const EmailMessageSchema = z.object({
  /** Where the message is, for quarantine entries: `mailbox "Actions" uid 12` or the .eml file's path. */
  location: z.string().min(1),
  /** IMAP UID in the mailbox (order of arrival); the recorded mailbox numbers its files the same way. */
  uid: z.number().int().positive(),
  /** Message-ID without angle brackets; null when the message has none (it cannot be tracked then). */
  messageId: z.string().min(1).nullable(),
  /** In-Reply-To ids (usually one), without angle brackets. */
  inReplyTo: z.array(z.string().min(1)),
  /** References ids, oldest first, without angle brackets. */
  references: z.array(z.string().min(1)),
  subject: z.string(),
  /** The Date header as an ISO-8601 instant (the server's arrival date when the header is missing or bad). */
  date: z.iso.datetime({ offset: true }).nullable(),
  from: z.object({ name: z.string().nullable(), address: z.string().nullable() }).nullable(),
  /** The plain-text body, decoded to Unicode; converted from the HTML part when there is no text part. */
  text: z.string(),
  /** Why the body is empty (no text or HTML part, an HTML part without text), or null when there is text. */
  unreadableBody: z.string().nullable(),
  /** Why the message is an auto-reply or a delivery report (and so ignored), or null for a person's message. */
  automated: z.string().nullable(),
});
export type EmailMessage = z.infer<typeof EmailMessageSchema>;

/** A message as a mailbox hands it over: its raw RFC 5322 bytes and where it is. */
export interface FetchedMessage {
  uid: number;
  source: Buffer;
  /** The server's INTERNALDATE, for messages without a usable Date header. */
  internalDate: Date | null;
  location: string;
}
