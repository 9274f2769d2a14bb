/**
 * Slack's message text format (https://docs.slack.dev/messaging/formatting-message-text): `&`, `<` and `>`
 * typed by people arrive as HTML entities; mentions, links and channels arrive as `<…>` groups.
 */

const MENTION_RE = /<@([A-Z0-9_]+)(?:\|([^>]*))?>/gi;

export function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** User ids mentioned in the text, in order of first appearance. */
export function mentionedUsers(text: string): string[] {
  const ids: string[] = [];
  for (const m of text.matchAll(MENTION_RE)) {
    const id = m[1]?.toUpperCase();
    if (id && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

/** A `<@U123|name>` or `<@U123>` mention on its own, or null. */
export function parseMention(token: string): { userId: string; label: string | null } | null {
  const m = /^<@([A-Z0-9_]+)(?:\|([^>]*))?>$/i.exec(token.trim());
  if (!m?.[1]) return null;
  return { userId: m[1].toUpperCase(), label: m[2]?.trim() || null };
}

/**
 * Readable text: `<@U1|anna>` → `@anna` (or the directory's name for `<@U1>`), `<https://x|label>` → label,
 * `<https://x>` → the URL, `<#C1|general>` → `#general`, `<!here>` → `@here`, entities decoded.
 */
export function plainText(text: string, nameOf: (userId: string) => string | null = () => null): string {
  const replaced = text.replace(/<([^<>]+)>/g, (_all, inner: string) => {
    const [target = "", label] = inner.split("|", 2);
    if (target.startsWith("@")) {
      const id = target.slice(1).toUpperCase();
      return `@${label?.trim() || nameOf(id) || id}`;
    }
    if (target.startsWith("#")) return `#${label?.trim() || target.slice(1)}`;
    if (target.startsWith("!")) {
      const special = target.slice(1).split("^", 1)[0] ?? "";
      return label?.trim() || `@${special}`;
    }
    return label?.trim() || target.replace(/^mailto:/i, "");
  });
  return decodeEntities(replaced);
}

/** The target of a `<url|label>` or `<url>` link group; the text itself otherwise. */
export function unwrapLink(token: string): string {
  const m = /^<([^<>|]+)(?:\|[^<>]*)?>$/.exec(token.trim());
  const inner = m?.[1] ?? token.trim();
  return decodeEntities(inner.replace(/^mailto:/i, ""));
}
