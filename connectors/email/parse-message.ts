import { type AddressObject, type HeaderValue, type ParsedMail, simpleParser } from "mailparser";
import { automatedReason, type HeaderView } from "./auto-reply.js";
import { EmailError } from "./errors.js";
import { messageIdsIn, normaliseMessageId } from "./native-key.js";
import { type EmailMessage, EmailMessageSchema, type FetchedMessage } from "./raw-schema.js";

function isAddressObject(value: object): value is AddressObject {
  return "text" in value && "value" in value && Array.isArray(value.value);
}

/** A header's value as text; for structured ones (Content-Type) the main value without parameters. */
function headerValueText(value: HeaderValue | undefined): string | null {
  if (value === undefined) return null;
  if (typeof value === "string") return value;
  if (value instanceof Date) return value.toISOString();
  const first = Array.isArray(value) ? value[0] : value;
  if (first === undefined) return null;
  if (typeof first === "string") return first;
  if (isAddressObject(first)) return first.text;
  if ("value" in first && typeof first.value === "string") return first.value;
  // The combined List-* headers: present, with no single text value.
  return "";
}

function headerView(mail: ParsedMail): HeaderView {
  return {
    text: (name) => headerValueText(mail.headers.get(name)),
    contentType: () => headerValueText(mail.headers.get("content-type"))?.toLowerCase().trim() ?? null,
    fromAddress: () => mail.from?.value[0]?.address?.toLowerCase() ?? null,
  };
}

function validDate(date: Date | null | undefined): string | null {
  return date instanceof Date && !Number.isNaN(date.getTime()) ? date.toISOString() : null;
}

/**
 * The Date header as an instant. mailparser puts the current time in `date` when the header cannot be
 * parsed, which would misplace the message in its thread: the raw header is checked first.
 */
function headerDate(mail: ParsedMail): string | null {
  const line = mail.headerLines.find((h) => h.key === "date")?.line;
  if (line === undefined) return null;
  const raw = line.slice(line.indexOf(":") + 1).trim();
  return Number.isNaN(Date.parse(raw)) ? null : validDate(mail.date);
}

/**
 * Parses one message's raw bytes: MIME structure, transfer encodings and charsets (mailparser decodes
 * ISO-8859-1, Windows-1252 and the rest through iconv-lite), HTML-only bodies converted to text, and the
 * headers the connector needs.
 */
export async function parseMessage(fetched: FetchedMessage): Promise<EmailMessage> {
  let mail: ParsedMail;
  try {
    // https://nodemailer.com/extras/mailparser/#simpleparser: text is generated from the HTML part when the
    // message has no text/plain part; the skip* options turn off HTML renderings the connector never reads.
    mail = await simpleParser(fetched.source, {
      skipTextToHtml: true,
      skipTextLinks: true,
      skipImageLinks: true,
    });
  } catch (cause) {
    throw new EmailError(
      "email_unparseable_message",
      `${fetched.location}: the message cannot be parsed as MIME: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
  }
  if (mail.textConversionError && !mail.text) {
    throw new EmailError(
      "email_unparseable_message",
      `${fetched.location}: the HTML body cannot be converted to text: ${mail.textConversionError.message}`,
      { cause: mail.textConversionError },
    );
  }
  const sender = mail.from?.value[0];
  const message = {
    location: fetched.location,
    uid: fetched.uid,
    messageId: mail.messageId === undefined ? null : normaliseMessageId(mail.messageId),
    inReplyTo: messageIdsIn(mail.inReplyTo),
    references: messageIdsIn(mail.references),
    subject: mail.subject ?? "",
    date: headerDate(mail) ?? validDate(fetched.internalDate),
    from: sender
      ? { name: sender.name.trim() || null, address: sender.address?.trim().toLowerCase() || null }
      : null,
    text: mail.text ?? "",
    automated: automatedReason(headerView(mail)),
  };
  return EmailMessageSchema.parse(message);
}
