import type { Person } from "../model/index.js";
import { batchKey } from "./change-key.js";
import type { AlertIntent, AlertRecipient } from "./intent.js";
import { compareIntents } from "./plan.js";
import { compare } from "./recipients.js";

/** One message to send: several intents for one recipient merged, one digest, or one in-place update. */
export interface AlertBatch {
  /** Queue job id: the intent's key for a single intent, a digest of the member keys otherwise. */
  key: string;
  /** `update` edits the message at the intent's updateMessageRef; `post` sends a new message. */
  mode: "post" | "update";
  recipientKey: string;
  recipient: AlertRecipient;
  /** What the message shows, most urgent first. */
  intents: AlertIntent[];
  /** Every intent key the message accounts for (a digest also absorbs superseded ones): record them all. */
  keys: string[];
  deliverAfter: string | null;
  digest: boolean;
}

export interface MergeOptions {
  /** A Slack message holds at most 50 blocks; about four per conflict keeps well inside that. */
  maxPerMessage?: number;
}

function mergedRecipient(intents: readonly AlertIntent[]): AlertRecipient {
  const first = intents[0];
  if (!first) throw new RangeError("a batch needs at least one intent");
  const personIds = [...new Set(intents.flatMap((i) => i.recipient.personIds))].sort();
  return { ...structuredClone(first.recipient), personIds };
}

function batchOf(
  intents: AlertIntent[],
  mode: AlertBatch["mode"],
  digest: boolean,
  keys?: string[],
): AlertBatch {
  const first = intents[0];
  if (!first) throw new RangeError("a batch needs at least one intent");
  const allKeys = keys ?? intents.map((i) => i.key);
  const afters = intents.map((i) => i.deliverAfter).filter((d): d is string => d !== null);
  return {
    key: batchKey(allKeys),
    mode,
    recipientKey: first.recipientKey,
    recipient: mergedRecipient(intents),
    intents,
    keys: allKeys,
    deliverAfter: afters.length === intents.length ? (afters.sort().at(-1) ?? null) : null,
    digest,
  };
}

/**
 * Groups one reconcile run's intents so that one owner hears one message: per recipient and delivery time,
 * at most `maxPerMessage` conflicts per message. Edits of an existing message stay single. Digest intents are
 * handed back untouched: they wait for buildDigest at the person's digest time.
 */
export function mergeForRecipient(
  intents: readonly AlertIntent[],
  options: MergeOptions = {},
): { batches: AlertBatch[]; digest: AlertIntent[] } {
  const max = Math.max(1, options.maxPerMessage ?? 8);
  const digest: AlertIntent[] = [];
  const updates: AlertBatch[] = [];
  const groups = new Map<string, AlertIntent[]>();
  for (const intent of [...intents].sort(compareIntents)) {
    if (intent.digest) {
      digest.push(intent);
    } else if (intent.kind === "resolved" && intent.updateMessageRef !== null) {
      updates.push(batchOf([intent], "update", false));
    } else {
      const group = `${intent.recipientKey}\u0000${intent.deliverAfter ?? ""}`;
      const list = groups.get(group) ?? [];
      list.push(intent);
      groups.set(group, list);
    }
  }
  const posts: AlertBatch[] = [];
  for (const group of [...groups.keys()].sort(compare)) {
    const list = groups.get(group) ?? [];
    for (let i = 0; i < list.length; i += max) posts.push(batchOf(list.slice(i, i + max), "post", false));
  }
  return { batches: [...posts, ...updates], digest };
}

/**
 * The daily digest for one person from the digest intents accumulated since the last one, in the order they
 * were planned. Per conflict only the latest state is shown (opened then cleared shows as cleared); every key
 * is kept so the ledger can record them all. Null when there is nothing to say.
 */
export function buildDigest(intents: readonly AlertIntent[], person: Pick<Person, "id">): AlertBatch | null {
  const mine = intents.filter((i) => i.digest && i.recipient.personId === person.id);
  if (mine.length === 0) return null;
  const latest = new Map<string, AlertIntent>();
  for (const intent of mine) latest.set(intent.conflict.fingerprint, intent);
  const shown = [...latest.values()].sort(compareIntents);
  const keys = [...new Set(mine.map((i) => i.key))];
  return batchOf(shown, "post", true, keys);
}
