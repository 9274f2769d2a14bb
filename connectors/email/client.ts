import type { ImapFlow, MailboxLockObject, SearchObject } from "imapflow";
import { EmailError } from "./errors.js";
import { type ImapTransportOptions, newImapClient } from "./imap-client.js";
import { imapError } from "./imap-errors.js";
import { watchImapMailbox } from "./imap-watch.js";
import type { FetchedMessage } from "./raw-schema.js";
import type { MailboxSession, MailboxState, MailTransport, TransportStats } from "./transport.js";

/** Message-IDs per SEARCH: a few dozen ORed HEADER keys stay well inside servers' command-length limits. */
const IDS_PER_SEARCH = 25;

function orQuery(queries: SearchObject[]): SearchObject {
  return queries.length === 1 ? queries[0]! : { or: queries };
}

/** The IMAP transport: one connection per pull, the mailbox EXAMINEd (read-only), bodies fetched with PEEK. */
export function createImapTransport(opts: ImapTransportOptions): MailTransport {
  const where = `imap${opts.secure ? "s" : ""}://${opts.host}:${opts.port} as ${opts.user}`;
  const stats: TransportStats = { listings: 0, fetchCommands: 0, messagesFetched: 0, searches: 0 };

  async function connect(signal?: AbortSignal): Promise<MailboxSession> {
    const client = newImapClient(opts, { disableAutoIdle: true });
    // ImapFlow emits 'error' for connection failures; unheard, Node would crash the process. The failing
    // command rejects with the same error, which is where it is reported.
    client.on("error", () => {});
    const abort = () => client.close();
    signal?.addEventListener("abort", abort, { once: true });
    try {
      // https://imapflow.com/module-imapflow-ImapFlow.html#connect
      await client.connect();
    } catch (error) {
      signal?.removeEventListener("abort", abort);
      throw imapError(error, "sign in", where);
    }
    let lock: MailboxLockObject | null = null;
    let path = "";

    const search = async (query: SearchObject, what: string): Promise<number[]> => {
      stats.searches += 1;
      try {
        // https://imapflow.com/module-imapflow-ImapFlow.html#search: UID SEARCH.
        const found = await client.search(query, { uid: true });
        if (found === false || found === undefined) {
          throw new EmailError("email_imap_failed", `${where}: ${what}: the server refused the SEARCH`);
        }
        return found;
      } catch (error) {
        throw imapError(error, what, where);
      }
    };

    const byBatches = async (ids: readonly string[], query: (id: string) => SearchObject[], what: string) => {
      const uids = new Set<number>();
      for (let i = 0; i < ids.length; i += IDS_PER_SEARCH) {
        const batch = ids.slice(i, i + IDS_PER_SEARCH);
        for (const uid of await search(orQuery(batch.flatMap(query)), what)) uids.add(uid);
      }
      return [...uids].sort((a, b) => a - b);
    };

    return {
      async open(mailbox: string): Promise<MailboxState> {
        try {
          // https://imapflow.com/module-imapflow-ImapFlow.html#getMailboxLock: readOnly = EXAMINE.
          lock = await client.getMailboxLock(mailbox, { readOnly: true });
        } catch (error) {
          throw imapError(error, `open mailbox "${mailbox}"`, where);
        }
        const box = client.mailbox;
        if (box === false)
          throw new EmailError("email_imap_failed", `${where}: mailbox "${mailbox}" did not open`);
        path = box.path;
        return {
          uidValidity: box.uidValidity.toString(),
          uidNext: box.uidNext > 0 ? box.uidNext : null,
          highestModseq: box.highestModseq === undefined ? null : box.highestModseq.toString(),
          exists: box.exists,
        };
      },

      async uidsFrom(first: number): Promise<number[]> {
        stats.listings += 1;
        try {
          // https://imapflow.com/module-imapflow-ImapFlow.html#fetchAll: UID FETCH first:* (UID).
          const listed = await client.fetchAll(`${first}:*`, { uid: true }, { uid: true });
          return listed.map((m) => m.uid).sort((a, b) => a - b);
        } catch (error) {
          throw imapError(error, `list UIDs from ${first}`, where);
        }
      },

      async fetch(uids: readonly number[]): Promise<FetchedMessage[]> {
        if (uids.length === 0) return [];
        stats.fetchCommands += 1;
        let fetched: Awaited<ReturnType<ImapFlow["fetchAll"]>>;
        try {
          // https://imapflow.com/module-imapflow-ImapFlow.html#fetchAll: BODY.PEEK[] leaves \Seen alone.
          fetched = await client.fetchAll(
            uids.join(","),
            { uid: true, source: true, internalDate: true },
            { uid: true },
          );
        } catch (error) {
          throw imapError(error, `fetch UIDs ${uids.join(",")}`, where);
        }
        stats.messagesFetched += fetched.length;
        return fetched.map((m) => {
          if (!m.source) {
            throw new EmailError(
              "email_imap_failed",
              `${where}: mailbox "${path}" uid ${m.uid} came without its body`,
            );
          }
          const internal = m.internalDate === undefined ? null : new Date(m.internalDate);
          return {
            uid: m.uid,
            source: m.source,
            internalDate: internal !== null && !Number.isNaN(internal.getTime()) ? internal : null,
            location: `mailbox "${path}" uid ${m.uid}`,
          };
        });
      },

      findByMessageIds(ids: readonly string[]): Promise<number[]> {
        return byBatches(
          ids,
          (id) => [{ header: { "message-id": `<${id}>` } }],
          "find messages by Message-ID",
        );
      },

      findReplies(ids: readonly string[]): Promise<number[]> {
        return byBatches(
          ids,
          (id): SearchObject[] => [
            { header: { references: `<${id}>` } },
            { header: { "in-reply-to": `<${id}>` } },
          ],
          "find replies",
        );
      },

      async close(): Promise<void> {
        signal?.removeEventListener("abort", abort);
        lock?.release();
        try {
          // https://imapflow.com/module-imapflow-ImapFlow.html#logout
          await client.logout();
        } catch {
          // Everything was read by now; a failed goodbye only means the socket is already gone.
          client.close();
        }
      },
    };
  }

  return {
    describe: where,
    stats,
    connect,
    watch: (onChange, signal, options) => watchImapMailbox(opts, where, onChange, signal, options),
  };
}
