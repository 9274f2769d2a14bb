/**
 * The part of a message body its sender wrote: quoted earlier messages and the signature removed, so a
 * labelled line quoted from an earlier message (`> Due: 6 Mar 2026`) never counts a second time.
 *
 * Cut at the first of:
 * - a reply attribution, `On Thu, 8 Jan 2026, Tomasz Nowak <…> wrote:` (also wrapped over two lines, and
 *   the French, German, Spanish, Italian and Dutch forms mail clients write);
 * - Outlook's `-----Original Message-----`, its line of underscores followed by `From:`, or a bare
 *   `From:` … `Sent:` header block;
 * - the signature delimiter `-- ` (RFC 3676 section 4.3).
 * Lines quoted with `>` are dropped wherever they are (interleaved replies).
 */
const ATTRIBUTION =
  /^\s*(?:(?:on|le|el|il|op)\s.*\b(?:wrote|a écrit|escribió|ha scritto|schreef)|am\s.*\bschrieb\s.*)\s*:\s*$/i;
const ATTRIBUTION_START = /^\s*(?:on|le|am|el|il|op)\s/i;
const ORIGINAL_MESSAGE =
  /^\s*-{2,}\s*(?:original message|message d'origine|ursprüngliche nachricht)\s*-{2,}\s*$/i;
const UNDERSCORES = /^\s*_{10,}\s*$/;
const HEADER_FROM = /^\s*\*?from:\*?\s/i;
const HEADER_SENT = /^\s*\*?(?:sent|date):\*?\s/i;
const SIGNATURE = /^-- ?$/;
const QUOTED = /^\s*>/;

function nextNonEmpty(lines: readonly string[], from: number): string | null {
  for (let i = from; i < lines.length; i++) {
    if (lines[i]!.trim() !== "") return lines[i]!;
  }
  return null;
}

/** Index of the line where the quoted history (or the signature) starts, or lines.length. */
function historyStart(lines: readonly string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (SIGNATURE.test(line) || ORIGINAL_MESSAGE.test(line) || ATTRIBUTION.test(line)) return i;
    const next = lines[i + 1];
    // Gmail wraps a long attribution: "On Thu, 8 Jan 2026 at 10:12, Tomasz Nowak <" / "t@x> wrote:".
    if (next !== undefined && ATTRIBUTION_START.test(line) && ATTRIBUTION.test(`${line} ${next}`)) return i;
    if (UNDERSCORES.test(line) && HEADER_FROM.test(nextNonEmpty(lines, i + 1) ?? "")) return i;
    if (HEADER_FROM.test(line) && lines.slice(i + 1, i + 4).some((l) => HEADER_SENT.test(l))) return i;
  }
  return lines.length;
}

export function authoredText(body: string): string {
  const lines = body.replace(/\r\n?/g, "\n").split("\n");
  return lines
    .slice(0, historyStart(lines))
    .filter((line) => !QUOTED.test(line))
    .join("\n");
}
