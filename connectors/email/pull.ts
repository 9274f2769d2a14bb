import type { PageItem, SyncPage } from "../../src/sync/contract.js";
import { type EmailCursor, parseEmailCursor } from "./cursor.js";
import { EmailError } from "./errors.js";
import { describeMessage, type EmailMapContext, mapThread, startsAction } from "./map.js";
import { parseMessage } from "./parse-message.js";
import type { EmailMessage } from "./raw-schema.js";
import { MessagePool, threadsOf } from "./thread.js";
import type { MailboxSession, MailTransport } from "./transport.js";

export interface EmailPullOptions {
  instance: string;
  mailbox: string;
  transport: MailTransport;
  ctx: EmailMapContext;
  /** New messages read per page (one transaction each). */
  batchSize: number;
}

/** Thread look-ups stop after this many rounds: References normally names the whole chain in one. */
const MAX_ROUNDS = 10;

/** What one pull saw, beyond the records: for `sightline sync` output and tests. */
export interface EmailPullStats {
  newMessages: number;
  automated: number;
  /** New messages that neither start nor update an action (chit-chat, replies to other threads). */
  unrelated: number;
  fullRead: boolean;
}

class Reader {
  readonly pool = new MessagePool();
  private readonly fetchedUids = new Set<number>();
  private readonly askedIds = new Set<string>();
  readonly rejected: PageItem[] = [];

  constructor(
    private readonly session: MailboxSession,
    private readonly signal: AbortSignal | undefined,
  ) {}

  /** Fetches and parses the messages not read yet in this run; an unparseable one becomes a rejected item. */
  async read(uids: readonly number[]): Promise<EmailMessage[]> {
    const wanted = uids.filter((u) => !this.fetchedUids.has(u));
    for (const u of wanted) this.fetchedUids.add(u);
    const messages: EmailMessage[] = [];
    for (const fetched of await this.session.fetch(wanted)) {
      try {
        const message = await parseMessage(fetched);
        this.pool.add(message);
        messages.push(message);
        // Kept in its thread (replies below it still find their action), and said, not silently read as empty.
        if (message.unreadableBody !== null && message.automated === null) {
          this.rejected.push({
            kind: "rejected",
            reason: `${describeMessage(message)}: ${message.unreadableBody}, so it cannot say anything about an action`,
            origin: { location: describeMessage(message), field: "body" },
          });
        }
      } catch (error) {
        if (!(error instanceof EmailError)) throw error;
        this.rejected.push({
          kind: "rejected",
          reason: error.message,
          origin: { location: fetched.location },
        });
      }
    }
    return messages;
  }

  /** Fetches the ancestors the pool's messages refer to, to learn which action each new message belongs to. */
  async addAncestors(): Promise<void> {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      this.signal?.throwIfAborted();
      const missing = this.pool.missingParents().filter((id) => !this.askedIds.has(id));
      if (missing.length === 0) return;
      for (const id of missing) this.askedIds.add(id);
      await this.read(await this.session.findByMessageIds(missing));
    }
  }

  /** Fetches every later message of these threads, including replies that name only their parent. */
  async addDescendants(rootIds: readonly string[]): Promise<void> {
    let frontier = [...rootIds];
    const searched = new Set<string>();
    for (let round = 0; round < MAX_ROUNDS && frontier.length > 0; round++) {
      this.signal?.throwIfAborted();
      for (const id of frontier) searched.add(id);
      const found = await this.read(await this.session.findReplies(frontier));
      frontier = found.flatMap((m) =>
        m.messageId !== null && !searched.has(m.messageId) ? [m.messageId] : [],
      );
    }
  }
}

/**
 * Reads the mailbox from the cursor: new mail is `UID FETCH lastUid+1:*`, filtered to UIDs above lastUid (a
 * server answers `n:*` with the last message even when n is past it). When the mailbox's UIDVALIDITY (or
 * the configured mailbox) differs from the cursor's, the whole mailbox is read again; actions are keyed by
 * Message-ID, so that duplicates nothing.
 *
 * Each page covers `batchSize` new messages. For every action they touch, the action's whole thread is read
 * (ancestors by Message-ID, later replies by References/In-Reply-To) and folded into one record, so an
 * action is yielded once per run with the state of its latest reply, whichever page its messages fall in.
 * The page's cursor is the highest UID of its batch: every action that batch touched is written with it, so
 * resuming after a crash repeats nothing and skips nothing.
 */
export async function* pullEmail(
  opts: EmailPullOptions,
  cursorValue: unknown,
  signal?: AbortSignal,
  onStats?: (stats: EmailPullStats) => void,
): AsyncIterable<SyncPage<EmailCursor>> {
  const cursor = parseEmailCursor(cursorValue, opts.instance);
  const session = await opts.transport.connect(signal);
  try {
    const box = await session.open(opts.mailbox);
    const continuing =
      cursor !== null && cursor.mailbox === opts.mailbox && cursor.uidValidity === box.uidValidity;
    const lastUid = continuing ? cursor.lastUid : 0;
    const at = (uid: number): EmailCursor => ({
      mailbox: opts.mailbox,
      uidValidity: box.uidValidity,
      lastUid: uid,
      highestModseq: box.highestModseq,
    });
    const stats: EmailPullStats = { newMessages: 0, automated: 0, unrelated: 0, fullRead: lastUid === 0 };
    // UIDNEXT says whether anything arrived without listing a single UID.
    const nothingNew = box.exists === 0 || (box.uidNext !== null && box.uidNext <= lastUid + 1);
    const uids = nothingNew ? [] : (await session.uidsFrom(lastUid + 1)).filter((u) => u > lastUid);
    if (uids.length === 0) {
      onStats?.(stats);
      yield { items: [], cursor: at(lastUid) };
      return;
    }

    const reader = new Reader(session, signal);
    const starts = (m: EmailMessage) => startsAction(m, opts.ctx);
    // By Message-ID (or UID): the pool may swap a message for an earlier copy of it during the run.
    const yielded = new Set<string>();
    const rootKey = (m: EmailMessage) => m.messageId ?? `uid:${m.uid}`;
    for (let i = 0; i < uids.length; i += opts.batchSize) {
      signal?.throwIfAborted();
      const batch = uids.slice(i, i + opts.batchSize);
      await reader.read(batch);
      await reader.addAncestors();
      const roots = new Set<EmailMessage>();
      for (const message of reader.pool.inUids(batch)) {
        const root = reader.pool.rootOf(message, starts);
        stats.newMessages += 1;
        if (message.automated !== null) stats.automated += 1;
        else if (root === null) stats.unrelated += 1;
        else if (!yielded.has(rootKey(root))) roots.add(root);
      }
      await reader.addDescendants([...roots].flatMap((r) => (r.messageId === null ? [] : [r.messageId])));
      const items = threadsOf(reader.pool, [...roots], starts).flatMap((t) => mapThread(t, opts.ctx));
      for (const root of roots) yielded.add(rootKey(root));
      items.push(...reader.rejected.splice(0));
      yield { items, cursor: at(batch[batch.length - 1]!) };
    }
    onStats?.(stats);
  } finally {
    await session.close();
  }
}
