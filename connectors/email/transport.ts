import type { FetchedMessage } from "./raw-schema.js";

/** A mailbox as SELECT/EXAMINE describes it (RFC 9051 section 6.3.2, RFC 7162 for HIGHESTMODSEQ). */
export interface MailboxState {
  uidValidity: string;
  /** The UID the next message will get; null when the server did not say. */
  uidNext: number | null;
  highestModseq: string | null;
  exists: number;
}

/** One open session on one mailbox: what a pull needs, over IMAP or over recorded .eml files. */
export interface MailboxSession {
  /** Opens the mailbox read-only (EXAMINE): reading never marks shared mail as seen. */
  open(mailbox: string): Promise<MailboxState>;
  /** UIDs of `first:*`. IMAP answers with the last message even when `first` is beyond it: callers filter. */
  uidsFrom(first: number): Promise<number[]>;
  fetch(uids: readonly number[]): Promise<FetchedMessage[]>;
  /** UIDs of the messages whose Message-ID is one of these (ids without angle brackets). */
  findByMessageIds(ids: readonly string[]): Promise<number[]>;
  /** UIDs of the messages whose References or In-Reply-To mention one of these ids (a superset: verify). */
  findReplies(ids: readonly string[]): Promise<number[]>;
  close(): Promise<void>;
}

export type WatchMode = "idle" | "poll";

export interface MailboxChange {
  mode: WatchMode;
  /** Messages in the mailbox now, when known. */
  count: number | null;
}

export interface WatchOptions {
  mailbox: string;
  /** IDLE when the server supports it and this is true; polling every pollSeconds otherwise. */
  idle: boolean;
  pollSeconds: number;
  /** Called once the watch is in place (IDLE started or the first poll answered). */
  onReady?: (mode: WatchMode) => void;
}

/** Counters for tests and `sightline sync` output: what the server was asked. */
export interface TransportStats {
  /** UID listings of new mail (`UID FETCH last+1:* (UID)`). */
  listings: number;
  /** FETCH commands that carried message bodies. */
  fetchCommands: number;
  /** Messages whose bodies were fetched. */
  messagesFetched: number;
  /** SEARCH commands (UID listings and thread look-ups). */
  searches: number;
}

export interface MailTransport {
  /** `imap://mail.example:993 as actions@…`, or the recorded folder: for messages. */
  readonly describe: string;
  readonly stats: TransportStats;
  connect(signal?: AbortSignal): Promise<MailboxSession>;
  /**
   * Calls onChange when the mailbox changes, until `signal` aborts (then resolves). Rejects when the
   * connection is lost, so a supervisor can restart it.
   */
  watch(onChange: (change: MailboxChange) => void, signal: AbortSignal, options: WatchOptions): Promise<void>;
}
