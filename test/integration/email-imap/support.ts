import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ImapFlow, type Logger } from "imapflow";
import { z } from "zod";
import { createImapTransport } from "../../../connectors/email/client.js";
import { emailConnectorConfigSchema } from "../../../connectors/email/config.js";
import { createEmailConnector, type EmailConnector } from "../../../connectors/email/connector.js";
import type { DovecotServer } from "../../support/dovecot.js";

export const MAILBOX = "Actions";
export const FIXTURES = join(import.meta.dirname, "../../../fixtures/email");

/** A second client, the way mail reaches the shared mailbox in these tests: APPEND over IMAP. */
export async function adminClient(server: DovecotServer): Promise<ImapFlow> {
  const client = new ImapFlow({
    host: server.host,
    port: server.port,
    secure: false,
    auth: { user: server.user, pass: server.password },
    logger: false,
    disableAutoIdle: true,
  });
  await client.connect();
  return client;
}

/** Deletes and creates the test mailbox: a fresh, empty one with a new UIDVALIDITY. */
export async function recreateMailbox(admin: ImapFlow): Promise<void> {
  const existing = await admin.list();
  if (existing.some((m) => m.path === MAILBOX)) await admin.mailboxDelete(MAILBOX);
  await admin.mailboxCreate(MAILBOX);
}

export async function appendFixture(admin: ImapFlow, name: string): Promise<void> {
  const appended = await admin.append(MAILBOX, readFileSync(join(FIXTURES, name)));
  if (appended === false) throw new Error(`APPEND of ${name} failed`);
}

const LogEntry = z.object({ src: z.string(), msg: z.string() });

/** The commands the connector sent, as ImapFlow logs them (`B UID FETCH 1:* (UID BODY.PEEK[] MODSEQ)`). */
export class WireLog {
  readonly sent: string[] = [];
  readonly logger: Logger = {
    debug: (entry: unknown) => this.record(entry),
    info: (entry: unknown) => this.record(entry),
    warn: () => {},
    error: () => {},
  };

  private record(entry: unknown): void {
    const parsed = LogEntry.safeParse(entry);
    if (parsed.success && parsed.data.src === "c") this.sent.push(parsed.data.msg.replace(/^\S+ /, ""));
  }

  commands(verb: RegExp): string[] {
    return this.sent.filter((c) => verb.test(c));
  }

  clear(): void {
    this.sent.length = 0;
  }
}

export function configFor(server: DovecotServer, overrides: Record<string, unknown> = {}) {
  return emailConnectorConfigSchema({ resolvePath: (p) => p }).parse({
    host: server.host,
    port: server.port,
    secure: false,
    allowPlaintext: true,
    userEnv: "ACTIONS_IMAP_USER",
    passwordEnv: "ACTIONS_IMAP_PASSWORD",
    mailbox: MAILBOX,
    ...overrides,
  });
}

/** The connector as the factory builds it from config and environment, with ImapFlow's log kept. */
export async function connectorFor(
  server: DovecotServer,
  wire: WireLog,
  overrides: Record<string, unknown> = {},
): Promise<EmailConnector> {
  const config = configFor(server, overrides);
  return createEmailConnector("mail-actions", config, {
    organisationTimeZone: "Europe/Paris",
    transport: createImapTransport({
      host: server.host,
      port: server.port,
      secure: false,
      allowPlaintext: true,
      user: server.user,
      password: server.password,
      logger: wire.logger,
    }),
  });
}
