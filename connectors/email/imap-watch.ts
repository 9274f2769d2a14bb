import type { ImapFlow } from "imapflow";
import { pause } from "../../src/sync/sleep.js";
import { EmailError } from "./errors.js";
import { type ImapTransportOptions, newImapClient } from "./imap-client.js";
import { imapError } from "./imap-errors.js";
import type { MailboxChange, WatchOptions } from "./transport.js";

/** Rejects when the connection closes without the watch having asked for it. */
function lostConnection(client: ImapFlow, where: string, closing: () => boolean): Promise<never> {
  return new Promise((_, reject) => {
    client.once("close", () => {
      if (!closing()) {
        reject(
          new EmailError("email_connection_lost", `${where}: the server closed the watch connection`, {
            retryable: true,
          }),
        );
      }
    });
  });
}

/**
 * IDLE (RFC 2177): the server pushes `* n EXISTS` as mail arrives and ImapFlow turns it into an `exists`
 * event. IDLE is restarted every maxIdleTime (client.ts), inside ImapFlow. When the server has no IDLE, or
 * the config says not to use it, the mailbox's STATUS is polled every pollSeconds instead and a change of
 * UIDNEXT, UIDVALIDITY or message count is reported.
 */
export async function watchImapMailbox(
  opts: ImapTransportOptions,
  where: string,
  onChange: (change: MailboxChange) => void,
  signal: AbortSignal,
  options: WatchOptions,
): Promise<void> {
  if (signal.aborted) return;
  const client = newImapClient(opts, { disableAutoIdle: true });
  // Failures surface through the pending command or the 'close' event below.
  client.on("error", () => {});
  let ending = false;
  const stop = () => {
    ending = true;
    client.logout().catch(() => client.close());
  };
  signal.addEventListener("abort", stop, { once: true });
  try {
    try {
      // https://imapflow.com/module-imapflow-ImapFlow.html#connect
      await client.connect();
    } catch (error) {
      throw imapError(error, "sign in", where);
    }
    const lost = lostConnection(client, where, () => ending || signal.aborted);
    // Observed through the races below; this only keeps a loss between two races from being "unhandled".
    lost.catch(() => {});
    const aborted = new Promise<void>((resolve) =>
      signal.addEventListener("abort", () => resolve(), { once: true }),
    );

    if (options.idle && client.capabilities.has("IDLE")) {
      try {
        // https://imapflow.com/module-imapflow-ImapFlow.html#mailboxOpen: EXAMINE, then IDLE on it.
        await client.mailboxOpen(options.mailbox, { readOnly: true });
      } catch (error) {
        throw imapError(error, `open mailbox "${options.mailbox}"`, where);
      }
      client.on("exists", (event: { count: number }) => onChange({ mode: "idle", count: event.count }));
      let ready = false;
      while (!signal.aborted) {
        // https://imapflow.com/module-imapflow-ImapFlow.html#idle: resolves when the IDLE ends.
        const idling = client.idle();
        if (!ready) {
          ready = true;
          options.onReady?.("idle");
        }
        const ended = await Promise.race([idling, lost, aborted]);
        if (ended === false && !signal.aborted) {
          throw new EmailError(
            "email_imap_failed",
            `${where}: the server refused IDLE on "${options.mailbox}"`,
          );
        }
      }
      return;
    }

    let last: string | null = null;
    while (!signal.aborted) {
      let status: Awaited<ReturnType<ImapFlow["status"]>>;
      try {
        // https://imapflow.com/module-imapflow-ImapFlow.html#status
        status = await Promise.race([
          client.status(options.mailbox, { messages: true, uidNext: true, uidValidity: true }),
          lost,
        ]);
      } catch (error) {
        if (signal.aborted) return;
        throw imapError(error, `STATUS of mailbox "${options.mailbox}"`, where);
      }
      if (status === false) {
        throw new EmailError(
          "email_imap_failed",
          `${where}: the server refused STATUS for "${options.mailbox}"`,
        );
      }
      const seen = `${status.uidValidity ?? ""}/${status.uidNext ?? ""}/${status.messages ?? ""}`;
      if (last === null) options.onReady?.("poll");
      else if (seen !== last) onChange({ mode: "poll", count: status.messages ?? null });
      last = seen;
      await Promise.race([pause(options.pollSeconds * 1000, signal), lost]);
    }
  } finally {
    signal.removeEventListener("abort", stop);
    if (!ending) {
      ending = true;
      client.close();
    }
  }
}
