import type { OwnerToken } from "../../../../../connectors/registry.js";
import type { Directory, Kpi, Person } from "../../../../model/index.js";
import { normalizeName, OwnerResolver } from "../../../../reconcile/owner-resolver.js";
import { personForSlackUser } from "../../identity.js";
import type { SlackHandlerDeps } from "../../slack-deps.js";

export type Resolved<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * The owner text stored for a person: their e-mail (the first thing owner resolution tries), else their
 * directory id. Not the Slack mention: the directory may know someone only by e-mail (their Slack id came
 * from users.info), and then a stored mention would resolve to nobody.
 */
export function ownerRawOf(person: Person): string {
  return person.emails[0] ?? person.id;
}

/** The directory person an owner field names: a Slack mention by Slack id (or the profile's e-mail), text by e-mail, id, name or alias. */
export async function resolveOwner(deps: SlackHandlerDeps, token: OwnerToken): Promise<Resolved<Person>> {
  if (token.kind === "mention") return resolveSlackUser(deps, token.userId, "owner");
  const directory = await deps.ctx.store.directory.load();
  const resolver = new OwnerResolver(directory);
  const match = resolver.results[resolver.resolve(token.text)];
  const person = match && match.person >= 0 ? directory.people[match.person] : undefined;
  if (person) return { ok: true, value: person };
  if (match?.vacuum === "team") {
    return {
      ok: false,
      message: `owner: "${token.text}" is the team ${match.team}, not a person; name someone`,
    };
  }
  if (match && match.candidates.length > 1) {
    return {
      ok: false,
      message: `owner: "${token.text}" matches several people (${match.candidates.join(", ")}); mention one with @`,
    };
  }
  return { ok: false, message: `owner: nobody called "${token.text}" in Sightline's people directory` };
}

/** A Slack user picked in a modal or mentioned in a command, as a directory person. */
export async function resolveSlackUser(
  deps: SlackHandlerDeps,
  userId: string,
  field: string,
): Promise<Resolved<Person>> {
  const person = await personForSlackUser(deps, userId);
  if (person) return { ok: true, value: person };
  return {
    ok: false,
    message: `${field}: <@${userId}> is not in Sightline's people directory (no person with that Slack id or Slack e-mail)`,
  };
}

/** KPI keys as the catalog spells them: by key, then by name, case-insensitively. */
export function resolveKpis(catalog: readonly Kpi[], typed: readonly string[]): Resolved<string[]> {
  const keys: string[] = [];
  const unknown: string[] = [];
  for (const t of typed) {
    const norm = normalizeName(t);
    const kpi =
      catalog.find((k) => k.key === t) ??
      catalog.find((k) => normalizeName(k.key) === norm || normalizeName(k.name) === norm);
    if (kpi) {
      if (!keys.includes(kpi.key)) keys.push(kpi.key);
    } else unknown.push(t);
  }
  if (unknown.length === 0) return { ok: true, value: keys };
  const known = catalog.map((k) => k.key).join(", ") || "none";
  return {
    ok: false,
    message: `kpi: ${unknown.map((u) => `"${u}"`).join(", ")} ${unknown.length === 1 ? "is" : "are"} not in the KPI catalog (known: ${known})`,
  };
}

/** A team as the directory spells it (by name or alias), or the text as typed when the directory has no such team. */
export function canonicalTeam(directory: Directory, typed: string): string {
  const norm = normalizeName(typed);
  const team = directory.teams.find(
    (t) => normalizeName(t.name) === norm || t.aliases.some((a) => normalizeName(a) === norm),
  );
  return team?.name ?? typed.trim();
}

/** Dependency refs typed in a modal: separated by commas, spaces or new lines. */
export function splitRefs(text: string | null | undefined): string[] {
  const refs: string[] = [];
  for (const r of (text ?? "").split(/[\s,;]+/)) {
    const ref = r.trim();
    if (ref !== "" && !refs.includes(ref)) refs.push(ref);
  }
  return refs;
}
