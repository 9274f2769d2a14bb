import type { Directory, Person } from "../model/index.js";
import type { OwnerVia, VacuumReason } from "./types.js";

/** One resolved owner text; shared by every action that carries the same text. */
export interface OwnerMatch {
  /** Index into the directory's people, -1 when nobody. */
  person: number;
  via: OwnerVia | null;
  vacuum: VacuumReason | null;
  team: string | null;
  candidates: readonly string[];
}

/** Case-, width- and whitespace-insensitive form used for names, aliases and team names. */
export function normalizeName(text: string): string {
  return text.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();
}

const EMAIL_RE = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
const ANGLE_EMAIL_RE = /<(?:mailto:)?([^\s@<>]+@[^\s@<>]+)>/i;
const SLACK_MENTION_RE = /^<@([A-Z0-9]+)(?:\|[^>]*)?>$/i;

function emailIn(text: string): string | null {
  const plain = text.toLowerCase().startsWith("mailto:") ? text.slice(7) : text;
  if (EMAIL_RE.test(plain)) return plain.toLowerCase();
  const angle = ANGLE_EMAIL_RE.exec(text);
  return angle?.[1] ? angle[1].toLowerCase() : null;
}

class MultiIndex {
  private readonly map = new Map<string, number[]>();
  add(key: string, person: number): void {
    const list = this.map.get(key);
    if (!list) this.map.set(key, [person]);
    else if (!list.includes(person)) list.push(person);
  }
  get(key: string): readonly number[] | undefined {
    return this.map.get(key);
  }
}

/**
 * Owner text → person, in DESIGN.md's order: e-mail, then (our addition) an exact person id, display name,
 * alias, Slack mention, Jira accountId. A step that matches several people does not decide; if no later
 * step matches one person the owner is a vacuum that lists the candidates. A team name (or a team's
 * alias or mailbox) is a vacuum too: a department cannot acknowledge an alert.
 */
export class OwnerResolver {
  readonly people: readonly Person[];
  readonly results: OwnerMatch[] = [];
  private readonly cache = new Map<string, number>();
  private readonly emails = new MultiIndex();
  private readonly ids = new MultiIndex();
  private readonly names = new MultiIndex();
  private readonly aliases = new MultiIndex();
  private readonly slack = new MultiIndex();
  private readonly jira = new MultiIndex();
  private readonly teams = new Map<string, string>();
  private readonly emptyIndex: number;

  constructor(directory: Directory) {
    this.people = directory.people;
    directory.people.forEach((p, i) => {
      this.ids.add(p.id, i);
      for (const e of p.emails) this.emails.add(e.toLowerCase(), i);
      this.names.add(normalizeName(p.name), i);
      for (const a of p.aliases) this.aliases.add(normalizeName(a), i);
      if (p.slackUserId) this.slack.add(p.slackUserId.toUpperCase(), i);
      if (p.jiraAccountId) this.jira.add(p.jiraAccountId, i);
    });
    for (const t of directory.teams) {
      this.teams.set(normalizeName(t.name), t.name);
      for (const a of t.aliases) this.teams.set(normalizeName(a), t.name);
      if (t.email) this.teams.set(t.email.toLowerCase(), t.name);
    }
    this.emptyIndex = this.push({ person: -1, via: null, vacuum: "empty", team: null, candidates: [] });
  }

  /** Index into `results`; equal texts share one entry, so a million actions cost a few thousand lookups. */
  resolve(raw: string | null): number {
    if (raw === null) return this.emptyIndex;
    const hit = this.cache.get(raw);
    if (hit !== undefined) return hit;
    const index = this.push(this.match(raw));
    this.cache.set(raw, index);
    return index;
  }

  personId(person: number): string | null {
    return person >= 0 ? (this.people[person]?.id ?? null) : null;
  }

  private push(match: OwnerMatch): number {
    this.results.push(match);
    return this.results.length - 1;
  }

  private match(raw: string): OwnerMatch {
    const text = raw.trim();
    if (text === "") return { person: -1, via: null, vacuum: "empty", team: null, candidates: [] };
    const norm = normalizeName(text);
    const email = emailIn(text);
    const mention = SLACK_MENTION_RE.exec(text)?.[1]?.toUpperCase() ?? null;
    const handle = text.startsWith("@") ? normalizeName(text.slice(1)) : null;
    const steps: [OwnerVia, readonly number[] | undefined][] = [
      ["email", email ? this.emails.get(email) : undefined],
      ["id", this.ids.get(text)],
      ["name", this.names.get(norm)],
      ["alias", this.aliases.get(norm)],
      ["slack", mention ? this.slack.get(mention) : undefined],
      ["slack", handle ? this.slack.get(handle.toUpperCase()) : undefined],
      ["slack", handle ? this.aliases.get(handle) : undefined],
      ["slack", handle ? this.names.get(handle) : undefined],
      ["jira", this.jira.get(text)],
    ];
    let candidates: readonly number[] = [];
    for (const [via, found] of steps) {
      if (!found) continue;
      if (found.length === 1 && found[0] !== undefined) {
        return { person: found[0], via, vacuum: null, team: null, candidates: [] };
      }
      if (candidates.length === 0) candidates = found;
    }
    const team = this.teams.get(email ?? norm) ?? (handle ? this.teams.get(handle) : undefined);
    if (team !== undefined && candidates.length === 0) {
      return { person: -1, via: null, vacuum: "team", team, candidates: [] };
    }
    const ids = candidates.map((i) => this.people[i]?.id ?? "").sort();
    return { person: -1, via: null, vacuum: "unresolved", team: null, candidates: ids };
  }
}
