import { ImapFlow, type Logger } from "imapflow";

export interface ImapTransportOptions {
  host: string;
  port: number;
  /** TLS from the first byte (port 993). When false, STARTTLS is required unless allowPlaintext. */
  secure: boolean;
  /** Accept a server that offers no STARTTLS: credentials then cross the network in clear (tests on loopback). */
  allowPlaintext: boolean;
  user: string;
  password: string;
  /** ImapFlow's logger (every command and response at debug level); off unless given. */
  logger?: Logger;
}

/** https://imapflow.com/module-imapflow-ImapFlow.html#ImapFlow: one connection per session. */
export function newImapClient(opts: ImapTransportOptions, extra: { disableAutoIdle: boolean }): ImapFlow {
  return new ImapFlow({
    host: opts.host,
    port: opts.port,
    secure: opts.secure,
    // undefined = upgrade when the server offers STARTTLS, stay in clear otherwise; true = must upgrade.
    doSTARTTLS: opts.secure ? undefined : opts.allowPlaintext ? undefined : true,
    auth: { user: opts.user, pass: opts.password },
    logger: opts.logger ?? false,
    disableAutoIdle: extra.disableAutoIdle,
    // Servers drop an IDLE after 30 minutes (RFC 9051 section 6.3.13); restarting it earlier keeps the watch.
    maxIdleTime: 5 * 60_000,
  });
}
