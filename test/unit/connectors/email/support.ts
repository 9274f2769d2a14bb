import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseMessage } from "../../../../connectors/email/parse-message.js";
import type { EmailMessage } from "../../../../connectors/email/raw-schema.js";

export const FIXTURES = join(import.meta.dirname, "../../../../fixtures/email");

export function fixtureBytes(name: string): Buffer {
  return readFileSync(join(FIXTURES, name));
}

export function parseFixture(name: string, uid = 1): Promise<EmailMessage> {
  return parseMessage({ uid, source: fixtureBytes(name), internalDate: null, location: name });
}

/** A parsed message for the pure mapper's tests; only what a test names differs from a plain one. */
export function message(overrides: Partial<EmailMessage> & { uid: number }): EmailMessage {
  return {
    location: `mailbox "Actions" uid ${overrides.uid}`,
    messageId: `m${overrides.uid}@mail.example`,
    inReplyTo: [],
    references: [],
    subject: "",
    date: "2026-01-02T08:00:00.000Z",
    from: { name: "Tomasz Nowak", address: "tomasz.nowak@acmepay.example" },
    text: "",
    unreadableBody: null,
    automated: null,
    ...overrides,
  };
}

/** A reply to `parent`, as a mail client writes it: References = the parent's references + the parent. */
export function replyTo(
  parent: EmailMessage,
  overrides: Partial<EmailMessage> & { uid: number },
): EmailMessage {
  return message({
    subject: `Re: ${parent.subject}`,
    inReplyTo: parent.messageId ? [parent.messageId] : [],
    references: [...parent.references, ...(parent.messageId ? [parent.messageId] : [])],
    ...overrides,
  });
}
