import type { Source } from "../../src/model/index.js";
import type { CheckResult, Connector, SyncPage } from "../../src/sync/contract.js";
import { createImapTransport } from "./client.js";
import type { EmailConnectorConfig } from "./config.js";
import type { EmailCursor } from "./cursor.js";
import { EmailError } from "./errors.js";
import type { EmailMapContext } from "./map.js";
import { type EmailPullStats, pullEmail } from "./pull.js";
import { createRecordedMailboxTransport, loadRecordedMailbox } from "./recorded-mailbox.js";
import type { MailboxChange, MailTransport, TransportStats, WatchMode } from "./transport.js";

type Env = Readonly<Record<string, string | undefined>>;

export interface EmailConnector extends Connector<EmailCursor> {
  readonly config: EmailConnectorConfig;
  readonly mapContext: EmailMapContext;
  /** What the server was asked so far (FETCHes, messages, SEARCHes). */
  readonly stats: TransportStats;
  /** What the last finished pull saw besides records (automated and unrelated messages). */
  readonly lastPull: EmailPullStats | null;
  /**
   * Calls onChange when mail arrives: IMAP IDLE where the server supports it (and `idle` is on), STATUS
   * polling every `pollSeconds` otherwise. Resolves when `signal` aborts; rejects when the connection is
   * lost (EmailError `email_connection_lost`, retryable), so a supervisor restarts it. onChange should
   * schedule a sync of this instance; several calls in a row are normal (one per message).
   */
  watch(
    onChange: (change: MailboxChange) => void,
    signal: AbortSignal,
    opts?: { onReady?: (mode: WatchMode) => void },
  ): Promise<void>;
}

export interface EmailConnectorDeps {
  /** The organisation's time zone, unless the instance's config overrides it. */
  organisationTimeZone: string;
  /** Where the credentials' variables are read from, once, here. Defaults to process.env. */
  env?: Env;
  /** Replaces the transport the config describes (tests; a recorded mailbox already loaded). */
  transport?: MailTransport;
  /** The clock of a recorded mailbox: mail dated after now() has not arrived yet (demo steps). */
  now?: () => Date;
}

function secret(env: Env, name: string | undefined, what: string, instance: string): string {
  const value = name === undefined ? undefined : env[name];
  if (!value) {
    throw new EmailError(
      "email_missing_secret",
      name === undefined
        ? `Connector ${instance} names no variable for the IMAP ${what}`
        : `Connector ${instance}: environment variable ${name} (IMAP ${what}) is not set`,
    );
  }
  return value;
}

async function transportFor(
  id: string,
  config: EmailConnectorConfig,
  deps: EmailConnectorDeps,
): Promise<MailTransport> {
  if (deps.transport) return deps.transport;
  if (config.recorded !== undefined) {
    return createRecordedMailboxTransport(
      await loadRecordedMailbox(config.recorded),
      deps.now ? { now: deps.now } : {},
    );
  }
  if (config.host === undefined) {
    throw new EmailError("email_config_invalid", `Connector ${id} has no host (or recorded folder)`);
  }
  const env = deps.env ?? process.env;
  return createImapTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    allowPlaintext: config.allowPlaintext,
    user: secret(env, config.userEnv, "user name", id),
    password: secret(env, config.passwordEnv, "password", id),
  });
}

/** Builds a configured `kind: email` instance: a recorded mailbox when `recorded` is set, IMAP otherwise. */
export async function createEmailConnector(
  id: string,
  config: EmailConnectorConfig,
  deps: EmailConnectorDeps,
): Promise<EmailConnector> {
  const transport = await transportFor(id, config, deps);
  const source: Source = { kind: "email", instance: id };
  const mapContext: EmailMapContext = {
    tag: config.tag,
    timeZone: config.timeZone ?? deps.organisationTimeZone,
  };
  let lastPull: EmailPullStats | null = null;

  return {
    source,
    config,
    mapContext,
    stats: transport.stats,
    get lastPull() {
      return lastPull;
    },

    async check(signal?: AbortSignal): Promise<CheckResult> {
      let session: Awaited<ReturnType<MailTransport["connect"]>> | null = null;
      try {
        session = await transport.connect(signal);
        const box = await session.open(config.mailbox);
        return {
          ok: true,
          detail: `${transport.describe}: mailbox "${config.mailbox}" holds ${box.exists} message(s) (UIDVALIDITY ${box.uidValidity})`,
        };
      } catch (error) {
        if (error instanceof EmailError) return { ok: false, detail: error.message };
        throw error;
      } finally {
        await session?.close();
      }
    },

    pull(cursor: EmailCursor | null, signal?: AbortSignal): AsyncIterable<SyncPage<EmailCursor>> {
      return pullEmail(
        { instance: id, mailbox: config.mailbox, transport, ctx: mapContext, batchSize: config.batchSize },
        cursor,
        signal,
        (stats) => {
          lastPull = stats;
        },
      );
    },

    watch(onChange, signal, opts = {}) {
      return transport.watch(onChange, signal, {
        mailbox: config.mailbox,
        idle: config.idle,
        pollSeconds: config.pollSeconds,
        ...(opts.onReady ? { onReady: opts.onReady } : {}),
      });
    },
  };
}
