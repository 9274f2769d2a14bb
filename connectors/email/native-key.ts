import { createHash } from "node:crypto";

/**
 * Message-IDs as the connector keeps them: without the angle brackets and surrounding space
 * (`<CAF=x@mail.example>` → `CAF=x@mail.example`). Case is kept: RFC 5322 compares them as written.
 */
export function normaliseMessageId(raw: string): string | null {
  const trimmed = raw.trim();
  const angled = /^<([^<>]+)>$/.exec(trimmed);
  const id = (angled ? angled[1]! : trimmed).trim();
  return id === "" || /[\s<>]/.test(id) ? null : id;
}

/** Every `<id>` in a header such as References or In-Reply-To (which may hold several), in order. */
export function messageIdsIn(header: string | readonly string[] | undefined): string[] {
  if (header === undefined) return [];
  const text = typeof header === "string" ? header : header.join(" ");
  const angled = [...text.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1]!);
  if (angled.length > 0) return angled;
  return text
    .split(/\s+/)
    .map(normaliseMessageId)
    .filter((id): id is string => id !== null);
}

/**
 * The native key of an action that did not name one with a `Key:` line: `MAIL-` and the first 10 hex digits
 * (40 bits) of the SHA-256 of its Message-ID, upper case. Stable across syncs, UIDVALIDITY changes and
 * mailboxes (it depends on nothing but the Message-ID), short enough to type as a ref in another tool. 40
 * bits keep a collision unlikely (about 1 in 20,000) even with 10,000 actions in one mailbox.
 */
export function mailKey(messageId: string): string {
  return `MAIL-${createHash("sha256").update(messageId).digest("hex").slice(0, 10).toUpperCase()}`;
}

/** A link that opens the message in clients that understand RFC 2392 `mid:` URLs (Thunderbird, Apple Mail). */
export function messageUrl(messageId: string): string {
  return `mid:${encodeURIComponent(messageId)}`;
}
