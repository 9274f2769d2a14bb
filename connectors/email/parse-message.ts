import { type AddressObject, type HeaderValue, type ParsedMail, simpleParser } from "mailparser";
import { automatedReason, type HeaderView } from "./auto-reply.js";
import { EmailError } from "./errors.js";
import { htmlToText } from "./html-text.js";
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

function errorText(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
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
 * The body as text: the text/plain part, else the HTML part converted (whatever MIME structure holds it:
 * mailparser finds the HTML inside multipart/related or mixed but only converts a lone HTML body itself),
 * with the reason when there is nothing to read, so the message is quarantined saying why, never read as empty.
 */
function bodyOf(mail: ParsedMail): { text: string; unreadable: string | null } {
  const plain = mail.text ?? "";
  if (plain.trim() !== "") return { text: plain, unreadable: null };
  const html = typeof mail.html === "string" ? mail.html : "";
  let text = "";
  try {
    text = html.trim() === "" ? "" : htmlToText(html);
  } catch (cause) {
    return { text: "", unreadable: `its HTML body cannot be converted to text (${errorText(cause)})` };
  }
  if (text.trim() !== "") return { text, unreadable: null };
  const attached = mail.attachments.map((a) => a.filename ?? a.contentType);
  const parts = attached.length === 0 ? "" : ` (it holds only ${attached.join(", ")})`;
  if (html.trim() !== "") return { text: "", unreadable: `its HTML body holds no text${parts}` };
  return {
    text: "",
    unreadable: mail.text === undefined ? `it has no text or HTML body${parts}` : `its body is empty${parts}`,
  };
}

/**
 * Parses one message's raw bytes: MIME structure, transfer encodings and charsets (mailparser decodes
 * ISO-8859-1, Windows-1252 and the rest through iconv-lite), HTML bodies converted to text, and the
 * headers the connector needs.
 */
export async function parseMessage(fetched: FetchedMessage): Promise<EmailMessage> {
  let mail: ParsedMail;
  try {
    // https://nodemailer.com/extras/mailparser/#simpleparser: the skip* options turn off renderings the connector
    // never reads; HTML is converted here (html-text.ts), the same way wherever it sits in the MIME tree.
    mail = await simpleParser(fetched.source, {
      skipHtmlToText: true,
      skipTextToHtml: true,
      skipTextLinks: true,
      skipImageLinks: true,
    });
  } catch (cause) {
    throw new EmailError(
      "email_unparseable_message",
      `${fetched.location}: the message cannot be parsed as MIME: ${errorText(cause)}`,
      { cause },
    );
  }
  const sender = mail.from?.value[0];
  const body = bodyOf(mail);
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
    text: body.text,
    unreadableBody: body.unreadable,
    automated: automatedReason(headerView(mail)),
  };
  return EmailMessageSchema.parse(message);
}
