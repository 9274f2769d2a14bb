/**
 * JQL text handling and Jira timestamps. Pure functions: no clock, no I/O.
 */

/** Splits JQL into quoted and unquoted runs so rewriting never touches a string literal. */
function segments(jql: string): { text: string; quoted: boolean }[] {
  const out: { text: string; quoted: boolean }[] = [];
  let i = 0;
  let plain = "";
  while (i < jql.length) {
    const ch = jql[i]!;
    if (ch === '"' || ch === "'") {
      if (plain) out.push({ text: plain, quoted: false });
      plain = "";
      let j = i + 1;
      while (j < jql.length && jql[j] !== ch) j += jql[j] === "\\" ? 2 : 1;
      out.push({ text: jql.slice(i, j + 1), quoted: true });
      i = j + 1;
    } else {
      plain += ch;
      i += 1;
    }
  }
  if (plain) out.push({ text: plain, quoted: false });
  return out;
}

/** Whitespace outside string literals collapsed, so re-indenting the config does not reset the cursor. */
export function normaliseJql(jql: string): string {
  return segments(jql.trim())
    .map((s) => (s.quoted ? s.text : s.text.replace(/\s+/g, " ")))
    .join("");
}

export function hasOrderBy(jql: string): boolean {
  return segments(jql).some((s) => !s.quoted && /\border\s+by\b/i.test(s.text));
}

export interface JiraInstant {
  epochMs: number;
  /** The offset Jira wrote the timestamp in: the requesting user's time zone, which JQL dates also use. */
  offsetMinutes: number;
}

const JIRA_TS =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):?(\d{2}))$/;

/** Parses Jira's `2026-01-12T10:15:30.123+0100` (and the ISO `+01:00`/`Z` forms); null if it is neither. */
export function parseJiraTimestamp(text: string): JiraInstant | null {
  const m = JIRA_TS.exec(text);
  if (!m) return null;
  const offsetMinutes = m[8] === "Z" ? 0 : (m[9] === "-" ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11]));
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, "0")) : 0;
  const wall = Date.UTC(
    Number(m[1]),
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4]),
    Number(m[5]),
    Number(m[6] ?? 0),
    ms,
  );
  return { epochMs: wall - offsetMinutes * 60_000, offsetMinutes };
}

/** ISO-8601 with a colon in the offset (what the canonical schema accepts), wall time unchanged. */
export function toIsoTimestamp(text: string): string | null {
  const m = JIRA_TS.exec(text);
  if (!m) return null;
  const base = text.slice(0, text.length - m[8]!.length);
  return m[8] === "Z" ? `${base}Z` : `${base}${m[9]}${m[10]}:${m[11]}`;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** `yyyy/MM/dd HH:mm` wall time at the given offset: the format JQL accepts for date-time comparisons. */
export function formatJqlDateTime(epochMs: number, offsetMinutes: number): string {
  const d = new Date(epochMs + offsetMinutes * 60_000);
  return `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

export const ORDER = "ORDER BY updated ASC, key ASC";

/** The whole scope, oldest change first. */
export function fullJql(jql: string): string {
  return `(${normaliseJql(jql)}) ${ORDER}`;
}

/**
 * Changes since the watermark minus the lookback. JQL compares to the minute and in the user's zone, so the
 * bound is written in the watermark's own offset and truncated to the minute (earlier, never later); the
 * overlap re-reads a few issues, which the store's content hash turns into no-ops.
 */
export function incrementalJql(jql: string, watermark: JiraInstant, lookbackMinutes: number): string {
  const since = formatJqlDateTime(watermark.epochMs - lookbackMinutes * 60_000, watermark.offsetMinutes);
  return `(${normaliseJql(jql)}) AND updated >= "${since}" ${ORDER}`;
}

const ISSUE_REF = /^(?:\d+|[A-Z][A-Z0-9_]*-\d+)$/;

/** The instance's JQL narrowed to some issues (ids or keys): what a webhook may bring in, and no more. */
export function scopedToIssues(jql: string, idsOrKeys: readonly string[]): string {
  for (const ref of idsOrKeys) {
    if (!ISSUE_REF.test(ref)) throw new RangeError(`not an issue id or key: ${JSON.stringify(ref)}`);
  }
  return `(${normaliseJql(jql)}) AND issuekey in (${idsOrKeys.join(", ")})`;
}
