/**
 * Whether a message was sent by a machine on someone's behalf rather than written by them: out-of-office
 * and other auto-replies, delivery status notifications (bounces) and read receipts. Those never create or
 * change an action (they often quote the original, labelled lines and all).
 *
 * - `Auto-Submitted` other than `no` (RFC 3834 section 5);
 * - `X-Autoreply` / `X-Autorespond` (set by many vacation responders that predate RFC 3834);
 * - `Precedence: bulk | auto_reply | junk` (the de-facto header RFC 3834 section 3.1.8 describes);
 * - `Content-Type: multipart/report` (RFC 6522: delivery status notifications and disposition notifications);
 * - `X-Failed-Recipients`, or a sender that is `mailer-daemon@` / `postmaster@` (bounces that are not
 *   multipart/report).
 */
export interface HeaderView {
  /** The header's text (first occurrence), or null when absent. */
  text(name: string): string | null;
  /** The media type of the message (`multipart/report`), lower case. */
  contentType(): string | null;
  /** The From address, lower case, or null. */
  fromAddress(): string | null;
}

export function automatedReason(headers: HeaderView): string | null {
  const autoSubmitted = headers.text("auto-submitted");
  if (autoSubmitted !== null) {
    const value = autoSubmitted.split(";")[0]!.trim().toLowerCase();
    if (value !== "no") return `Auto-Submitted: ${value}`;
  }
  for (const name of ["x-autoreply", "x-autorespond"]) {
    if (headers.text(name) !== null) return `${name} header`;
  }
  const precedence = headers.text("precedence")?.trim().toLowerCase();
  if (precedence === "bulk" || precedence === "auto_reply" || precedence === "junk") {
    return `Precedence: ${precedence}`;
  }
  if (headers.contentType() === "multipart/report") return "a delivery or disposition report";
  if (headers.text("x-failed-recipients") !== null) return "a bounce (X-Failed-Recipients)";
  const from = headers.fromAddress();
  if (from !== null && /^(?:mailer-daemon|postmaster)@/i.test(from)) return `a bounce from ${from}`;
  return null;
}
