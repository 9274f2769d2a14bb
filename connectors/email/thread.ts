import type { EmailMessage } from "./raw-schema.js";

/**
 * Threads as the connector sees them: an action's first message (its root) and every later message that
 * refers to it through References or In-Reply-To, directly or through other messages of the thread.
 *
 * A message belongs to the action of its earliest ancestor that starts an action; a message with no such
 * ancestor starts one itself when it is action-shaped (tagged, or with labelled lines). So `Re: [action] …`
 * updates the action it answers instead of starting a second one, and a thread carries one action: a new
 * action needs a new thread. Automated messages belong to nothing.
 */
export type StartsAction = (message: EmailMessage) => boolean;

/** Order of application: by Date, then by UID (arrival), messages without a date last. */
export function byDateThenUid(a: EmailMessage, b: EmailMessage): number {
  if (a.date !== b.date) {
    if (a.date === null) return 1;
    if (b.date === null) return -1;
    const diff = Date.parse(a.date) - Date.parse(b.date);
    if (diff !== 0) return diff;
  }
  return a.uid - b.uid;
}

export function parentIds(message: EmailMessage): string[] {
  return [...new Set([...message.references, ...message.inReplyTo])];
}

/** Messages by Message-ID; the first one wins when a mailbox holds the same message twice. */
export class MessagePool {
  private readonly byId = new Map<string, EmailMessage>();
  private readonly anonymous: EmailMessage[] = [];

  add(message: EmailMessage): boolean {
    if (message.messageId === null) {
      if (this.anonymous.some((m) => m.uid === message.uid)) return false;
      this.anonymous.push(message);
      return true;
    }
    const held = this.byId.get(message.messageId);
    if (held && held.uid <= message.uid) return false;
    this.byId.set(message.messageId, message);
    return true;
  }

  get(id: string): EmailMessage | undefined {
    return this.byId.get(id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  all(): EmailMessage[] {
    return [...this.byId.values(), ...this.anonymous];
  }

  /** The pool's messages with these UIDs (those read earlier in the run included). */
  inUids(uids: readonly number[]): EmailMessage[] {
    const wanted = new Set(uids);
    return this.all().filter((m) => wanted.has(m.uid));
  }

  /** Ids the pool's messages refer to that it does not hold. */
  missingParents(): string[] {
    const missing = new Set<string>();
    for (const m of this.all()) for (const id of parentIds(m)) if (!this.byId.has(id)) missing.add(id);
    return [...missing];
  }

  /** Every ancestor the pool can reach from the message, through its parents' parents. */
  ancestors(message: EmailMessage): EmailMessage[] {
    const found = new Map<string, EmailMessage>();
    const queue = parentIds(message);
    while (queue.length > 0) {
      const id = queue.shift()!;
      if (found.has(id) || id === message.messageId) continue;
      const parent = this.byId.get(id);
      if (!parent) continue;
      found.set(id, parent);
      queue.push(...parentIds(parent));
    }
    return [...found.values()];
  }

  /** The message that starts the action this message belongs to, or null when it belongs to none. */
  rootOf(message: EmailMessage, startsAction: StartsAction): EmailMessage | null {
    if (message.automated !== null) return null;
    const starters = this.ancestors(message)
      .filter((a) => a.automated === null && startsAction(a))
      .sort(byDateThenUid);
    if (starters.length > 0) return starters[0]!;
    return startsAction(message) ? message : null;
  }
}

export interface Thread {
  root: EmailMessage;
  /** The later messages of the action, in the order they apply. */
  replies: EmailMessage[];
}

/** The threads of the given roots, each with every message of the pool that belongs to it. */
export function threadsOf(
  pool: MessagePool,
  roots: readonly EmailMessage[],
  startsAction: StartsAction,
): Thread[] {
  const threads = new Map<EmailMessage, EmailMessage[]>(roots.map((r) => [r, []]));
  for (const message of pool.all()) {
    const root = pool.rootOf(message, startsAction);
    if (root === null || root === message) continue;
    threads.get(root)?.push(message);
  }
  return [...threads].map(([root, replies]) => ({ root, replies: replies.sort(byDateThenUid) }));
}
