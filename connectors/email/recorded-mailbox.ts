import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { EmailError } from "./errors.js";
import { parseMessage } from "./parse-message.js";
import type { EmailMessage, FetchedMessage } from "./raw-schema.js";
import type { MailboxSession, MailTransport, TransportStats } from "./transport.js";

/** A folder of .eml files read into memory, ordered as a mailbox would have received them. */
export interface RecordedMailbox {
  dir: string;
  messages: ReadonlyArray<{ fetched: FetchedMessage; parsed: EmailMessage }>;
  /** Changes when a file is added, removed or renamed: the UIDs it numbers the files with change too. */
  uidValidity: string;
}

/**
 * Reads every `*.eml` file of `dir`. Files are numbered (UIDs 1, 2, …) in the order of their Date header,
 * then of their names, which is the order a mailbox would have received them in; a file without a Date
 * header is refused, since it could not be placed.
 */
export async function loadRecordedMailbox(dir: string): Promise<RecordedMailbox> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.toLowerCase().endsWith(".eml")).sort();
  } catch (cause) {
    throw new EmailError("email_recording_invalid", `cannot read the recorded mailbox folder ${dir}`, {
      cause,
    });
  }
  if (names.length === 0) {
    throw new EmailError("email_recording_invalid", `${dir} holds no .eml files to replay`);
  }
  const loaded: { name: string; source: Buffer; parsed: EmailMessage }[] = [];
  for (const name of names) {
    const file = join(dir, name);
    const source = await readFile(file);
    const parsed = await parseMessage({ uid: 1, source, internalDate: null, location: file });
    if (parsed.date === null) {
      throw new EmailError(
        "email_recording_invalid",
        `${file} has no usable Date header: it cannot be placed in the mailbox`,
      );
    }
    loaded.push({ name, source, parsed });
  }
  loaded.sort(
    (a, b) => Date.parse(a.parsed.date!) - Date.parse(b.parsed.date!) || a.name.localeCompare(b.name),
  );
  const digest = createHash("sha256")
    .update(loaded.map((l) => l.name).join("\n"))
    .digest();
  // UIDVALIDITY is a non-zero 32-bit number (RFC 9051 section 2.3.1.1).
  const uidValidity = String((digest.readUInt32BE(0) % 0xffff_fffe) + 1);
  return {
    dir,
    uidValidity,
    messages: loaded.map((l, i) => {
      const uid = i + 1;
      const location = join(dir, l.name);
      return {
        fetched: { uid, source: l.source, internalDate: null, location },
        parsed: { ...l.parsed, uid, location },
      };
    }),
  };
}

/**
 * A mailbox transport over recorded .eml files: the demo replays the "QA depends on the API" agreement
 * through the same parser, threading and mapper as live mail, with no server. With a clock, only the
 * messages dated up to `now()` have "arrived", so replaying a scenario step by step delivers the original
 * first and the reply later. `UID n:*` past the end answers with the last message, as IMAP does.
 */
export function createRecordedMailboxTransport(
  mailbox: RecordedMailbox,
  opts: { now?: () => Date } = {},
): MailTransport {
  const stats: TransportStats = { listings: 0, fetchCommands: 0, messagesFetched: 0, searches: 0 };
  const delivered = () => {
    const now = opts.now?.().getTime() ?? Number.POSITIVE_INFINITY;
    return mailbox.messages.filter((m) => Date.parse(m.parsed.date!) <= now);
  };
  const session = (): MailboxSession => {
    const here = delivered();
    const find = (match: (m: EmailMessage) => boolean) => {
      stats.searches += 1;
      return Promise.resolve(here.filter((m) => match(m.parsed)).map((m) => m.fetched.uid));
    };
    return {
      async open() {
        const last = here[here.length - 1]?.fetched.uid ?? 0;
        return {
          uidValidity: mailbox.uidValidity,
          uidNext: last + 1,
          highestModseq: null,
          exists: here.length,
        };
      },
      async uidsFrom(first) {
        stats.listings += 1;
        const uids = here.map((m) => m.fetched.uid);
        const from = uids.filter((u) => u >= first);
        return from.length > 0 ? from : uids.slice(-1);
      },
      async fetch(uids) {
        if (uids.length === 0) return [];
        stats.fetchCommands += 1;
        const wanted = new Set(uids);
        const found = here.filter((m) => wanted.has(m.fetched.uid)).map((m) => m.fetched);
        stats.messagesFetched += found.length;
        return found;
      },
      findByMessageIds(ids) {
        const set = new Set(ids);
        return find((m) => m.messageId !== null && set.has(m.messageId));
      },
      findReplies(ids) {
        const set = new Set(ids);
        return find((m) => [...m.references, ...m.inReplyTo].some((id) => set.has(id)));
      },
      async close() {},
    };
  };
  return {
    describe: `recorded mailbox ${mailbox.dir}`,
    stats,
    connect: async () => session(),
    // Recorded mail never changes while it is watched: say so, then wait for the end.
    watch: (_onChange, signal, options) =>
      new Promise<void>((resolve) => {
        options.onReady?.("poll");
        if (signal.aborted) resolve();
        else signal.addEventListener("abort", () => resolve(), { once: true });
      }),
  };
}
