import nodemailer, { type SendMailOptions, type Transporter } from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport/index.js";
import { z } from "zod";
import { SightlineError } from "../../model/index.js";
import type { AlertBatch } from "../merge.js";
import type { AlertSink, RenderedAlert } from "../sink.js";

/** A failed SMTP send: 5xx answers are permanent for that address (`unrecoverable`), the rest transient. */
export class EmailSinkError extends SightlineError {
  readonly unrecoverable: boolean;
  /** The SMTP server did not take the connection, or said it is unavailable (421): every message waits. */
  readonly unreachable: boolean;
  readonly retryAfterSeconds: number | null = null;
  readonly responseCode: number | null;
  constructor(
    code: string,
    message: string,
    opts: { unrecoverable: boolean; unreachable?: boolean; responseCode?: number | null; cause?: unknown },
  ) {
    super(`email_${code}`, message, { cause: opts.cause });
    this.unrecoverable = opts.unrecoverable;
    this.unreachable = opts.unreachable ?? false;
    this.responseCode = opts.responseCode ?? null;
  }
}

export type SmtpTransport = Transporter<SMTPTransport.SentMessageInfo>;

/** A pooled-free SMTP transport from a URL such as `smtp://user:pass@mail.example.com:587` (SMTP_URL). */
export function createSmtpTransport(url: string): SmtpTransport {
  // https://nodemailer.com/smtp/ (a connection URL is accepted in place of the options object)
  return nodemailer.createTransport(url);
}

export interface EmailSinkOptions {
  transport: SmtpTransport;
  /** `Sightline <sightline@example.com>`; its domain also names the Message-IDs. */
  from: string;
}

const MESSAGE_ID = /^<[^<>\s]+@[^<>\s]+>$/;
const SmtpFailureSchema = z.object({
  responseCode: z.number().int().optional(),
  code: z.string().optional(),
  message: z.string().optional(),
});

function domainOf(from: string): string {
  const m = /@([^\s>]+)>?\s*$/.exec(from);
  return m?.[1] ?? "sightline.invalid";
}

// Nodemailer's codes for a connection that never carried a message (https://nodemailer.com/smtp/ errors).
const UNREACHABLE_SMTP = new Set(["ECONNECTION", "ETIMEDOUT", "ESOCKET", "EDNS"]);

function toEmailSinkError(error: unknown, what: string): EmailSinkError {
  if (error instanceof EmailSinkError) return error;
  const parsed = SmtpFailureSchema.safeParse(error);
  const info = parsed.success ? parsed.data : {};
  const status = info.responseCode ?? null;
  const detail = info.message ?? String(error);
  return new EmailSinkError(
    status !== null ? `smtp_${status}` : (info.code ?? "send_failed").toLowerCase(),
    `${what}: ${detail}`,
    {
      unrecoverable: status !== null && status >= 500,
      unreachable: status === 421 || (status === null && UNREACHABLE_SMTP.has(info.code ?? "")),
      responseCode: status,
      cause: error,
    },
  );
}

/**
 * E-mail fallback for people and teams without Slack: one message with a plain-text and an HTML part of the
 * same alert. The Message-ID is derived from the batch key, so a retried send carries the same id and mail
 * clients show a duplicate as one message. The ref is that Message-ID; an update (a conflict that cleared) is
 * a short follow-up in the same thread (In-Reply-To / References), since a sent e-mail cannot be edited.
 */
export function createEmailSink(opts: EmailSinkOptions): AlertSink {
  const domain = domainOf(opts.from);
  const idFor = (batch: AlertBatch) => `<${batch.key}@${domain}>`;

  async function send(batch: AlertBatch, mail: SendMailOptions): Promise<string> {
    const target = batch.recipient.target;
    if (target.channel !== "email") {
      throw new EmailSinkError("no_address", `cannot e-mail a ${target.channel} target`, {
        unrecoverable: true,
      });
    }
    let info: SMTPTransport.SentMessageInfo;
    try {
      // https://nodemailer.com/message/ (text + html become a multipart/alternative message)
      info = await opts.transport.sendMail({ from: opts.from, to: target.to, ...mail });
    } catch (error) {
      throw toEmailSinkError(error, `e-mail to ${target.to}`);
    }
    if (info.rejected.length > 0) {
      throw new EmailSinkError("rejected", `e-mail to ${target.to}: the server rejected the recipient`, {
        unrecoverable: true,
      });
    }
    return info.messageId;
  }

  return {
    name: "email",
    accepts: (target) => target.channel === "email",

    async deliver(batch: AlertBatch, rendered: RenderedAlert) {
      const messageId = await send(batch, {
        messageId: idFor(batch),
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
      });
      return { messageRef: messageId };
    },

    async update(batch: AlertBatch, messageRef: string, rendered: RenderedAlert) {
      if (!MESSAGE_ID.test(messageRef)) {
        throw new EmailSinkError(
          "foreign_message_ref",
          `not an e-mail Message-ID: ${messageRef.slice(0, 120)}`,
          {
            unrecoverable: true,
          },
        );
      }
      await send(batch, {
        messageId: idFor(batch),
        subject: `Re: ${rendered.subject}`,
        inReplyTo: messageRef,
        references: [messageRef],
        text: rendered.text,
        html: rendered.html,
      });
      // Later follow-ups thread on the first message, which stays the conversation's root.
      return { messageRef };
    },
  };
}
