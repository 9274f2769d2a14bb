import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import {
  type Directory,
  type Kpi,
  type KpiInput,
  KpiSchema,
  type Person,
  type PersonInput,
  PersonSchema,
  type Team,
} from "../model/index.js";
import type { SyncStore } from "../sync/contract.js";
import { parseJsonColumn } from "./action-codec.js";
import { CONFIG_ORIGIN, mergeByOrigin, withConfigCatalog } from "./catalog-merge.js";
import type { StoreDb } from "./db.js";
import { kpis, people, teams } from "./schema-directory.js";
import { stableStringify } from "./stable-json.js";
import { parseAt } from "./validate.js";

const StringList = z.array(z.string());
const AlertPreference = PersonSchema.shape.alertPreference;

export type PersonRow = typeof people.$inferSelect;
type PersonColumns = Omit<PersonRow, "origin" | "revealed">;

export function personColumns(p: Person): PersonColumns {
  return {
    id: p.id,
    name: p.name,
    emails: JSON.stringify(p.emails),
    aliases: JSON.stringify(p.aliases),
    jiraAccountId: p.jiraAccountId,
    slackUserId: p.slackUserId,
    team: p.team,
    timeZone: p.timeZone,
    alertPreference: p.alertPreference,
  };
}

export function basePerson(r: PersonRow): Person {
  return {
    id: r.id,
    name: r.name,
    emails: parseJsonColumn(StringList, r.emails, `people row ${r.id} emails`),
    aliases: parseJsonColumn(StringList, r.aliases, `people row ${r.id} aliases`),
    jiraAccountId: r.jiraAccountId,
    slackUserId: r.slackUserId,
    team: r.team,
    timeZone: r.timeZone,
    alertPreference: AlertPreference.parse(r.alertPreference),
  };
}

export function revealedPerson(r: PersonRow): Person | null {
  return r.revealed === null
    ? null
    : parseJsonColumn(PersonSchema, r.revealed, `people row ${r.id} revealed`);
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}

/** What tools reveal fills gaps and adds addresses and aliases; it never overrides what `base` says. */
export function merge(base: Person, extra: Person | null): Person {
  if (extra === null) return base;
  return {
    id: base.id,
    name: base.name,
    emails: union(base.emails, extra.emails),
    aliases: union(base.aliases, extra.aliases),
    jiraAccountId: base.jiraAccountId ?? extra.jiraAccountId,
    slackUserId: base.slackUserId ?? extra.slackUserId,
    team: base.team ?? extra.team,
    timeZone: base.timeZone ?? extra.timeZone,
    alertPreference: base.alertPreference,
  };
}

/** Identities that name one person whatever id a tool gave them. */
function identities(p: Person): string[] {
  return [
    ...(p.jiraAccountId ? [`jira:${p.jiraAccountId}`] : []),
    ...(p.slackUserId ? [`slack:${p.slackUserId}`] : []),
    ...p.emails.map((e) => `email:${e}`),
  ];
}

/**
 * Tools reveal people under their own ids (`jira:<accountId>`); when the directory lists the same person (same
 * Jira accountId, Slack id or e-mail), the two are one: the discovered row is folded into the directory's, so
 * owner resolution never sees two candidates for one human. Folding at read time covers both orders (revealed
 * first and listed later, or the reverse).
 */
export function foldDiscovered(rows: readonly { person: Person; origin: string }[]): Person[] {
  const directory = rows.filter((r) => r.origin === "directory").map((r) => ({ ...r.person }));
  const byIdentity = new Map<string, Person>();
  for (const p of directory) for (const key of identities(p)) byIdentity.set(key, p);
  const out: Person[] = [...directory];
  for (const r of rows) {
    if (r.origin === "directory") continue;
    const owner = identities(r.person)
      .map((key) => byIdentity.get(key))
      .find((p) => p !== undefined);
    if (!owner) {
      out.push(r.person);
      continue;
    }
    Object.assign(owner, merge(owner, r.person));
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The directory from its stored rows (ordered by id and name). With `listed` (a people file read but not
 * written, for read-only commands), that file's people and teams stand in for the stored directory rows, as
 * `replaceDirectory` would have made them.
 */
export function directoryFromRows(
  peopleRows: readonly PersonRow[],
  teamRows: readonly (typeof teams.$inferSelect)[],
  listed?: Directory,
): Directory {
  const entries = peopleRows.map((r) => ({
    id: r.id,
    person: merge(basePerson(r), revealedPerson(r)),
    revealed: revealedPerson(r),
    origin: r.origin,
  }));
  const teamList = mergeByOrigin(
    listed === undefined
      ? teamRows.map(teamFromRow)
      : withConfigCatalog(teamRows.map(teamFromRow), listed.teams.map(configEntry)),
    (t) => t.name,
  ).map(({ origin: _origin, ...team }) => team);
  if (listed === undefined) return { people: foldDiscovered(entries), teams: teamList };
  const stored = new Map(entries.map((e) => [e.id, e]));
  const fromFile = listed.people.map((p) => ({
    person: merge(p, stored.get(p.id)?.revealed ?? null),
    origin: "directory",
  }));
  const listedIds = new Set(listed.people.map((p) => p.id));
  const discovered = entries.filter((e) => e.origin !== "directory" && !listedIds.has(e.id));
  return { people: foldDiscovered([...fromFile, ...discovered]), teams: teamList };
}

type TeamRow = typeof teams.$inferSelect;
type KpiRow = typeof kpis.$inferSelect;

function teamFromRow(t: TeamRow): Team & { origin: string } {
  return { ...t, aliases: parseJsonColumn(StringList, t.aliases, `teams row ${t.origin}/${t.name} aliases`) };
}

export function teamRow(origin: string, t: Team): TeamRow {
  return { ...t, origin, aliases: JSON.stringify(t.aliases) };
}

function configEntry<T>(entry: T): T & { origin: string } {
  return { ...entry, origin: CONFIG_ORIGIN };
}

/** The KPIs from their stored rows, one per key (mergeByOrigin); with `catalog`, it stands in for the config's. */
export function kpisFromRows(rows: readonly KpiRow[], catalog?: readonly Kpi[]): Kpi[] {
  const all = catalog === undefined ? rows : withConfigCatalog(rows, catalog.map(configEntry));
  return mergeByOrigin(all, (k) => k.key).map(({ origin, ...k }) =>
    parseAt(KpiSchema, k, `kpis row ${origin}/${k.key}`),
  );
}

/** What a sync page brings to the catalog: its entries, and, when its run listed everything, what to keep. */
export interface CatalogPage {
  origin: string;
  teams: readonly Team[];
  kpis: readonly KpiInput[];
  /** The run listed its whole catalog: rows of this origin not named here are gone from the source. */
  complete: { teams: readonly string[]; kpis: readonly string[] } | null;
}

/** The catalog part of a sync page, under the connector instance's origin. */
export function catalogPage(input: Parameters<SyncStore["commitPage"]>[0]): CatalogPage {
  return {
    origin: input.source.instance,
    teams: input.teams ?? [],
    kpis: input.kpis,
    complete: input.catalogComplete ?? null,
  };
}

export function createDirectoryRepo(db: StoreDb) {
  const personById = db
    .select()
    .from(people)
    .where(eq(people.id, sql.placeholder("id")))
    .prepare();

  function upsertKpiRows(origin: string, list: readonly Kpi[]): void {
    for (const k of list) {
      const row: KpiRow = { ...k, origin };
      db.insert(kpis)
        .values(row)
        .onConflictDoUpdate({ target: [kpis.origin, kpis.key], set: row })
        .run();
    }
  }

  function upsertTeamRows(origin: string, list: readonly Team[]): void {
    for (const t of list) {
      const row = teamRow(origin, t);
      db.insert(teams)
        .values(row)
        .onConflictDoUpdate({ target: [teams.origin, teams.name], set: row })
        .run();
    }
  }

  /** Deletes the origin's rows whose name is not kept. */
  function prune(table: typeof teams | typeof kpis, origin: string, keep: readonly string[]): void {
    const name = table === teams ? teams.name : kpis.key;
    const kept = new Set(keep);
    const rows = db.select({ name }).from(table).where(eq(table.origin, origin)).all();
    for (const r of rows) {
      if (!kept.has(r.name))
        db.delete(table)
          .where(and(eq(table.origin, origin), eq(name, r.name)))
          .run();
    }
  }

  return {
    /**
     * Replaces the people file's people and the config's teams. People only a tool revealed stay, and what tools
     * revealed about directory people (the `revealed` column) survives the replacement.
     */
    replaceDirectory(dir: Directory): void {
      db.$client
        .transaction(() => {
          const listed = new Set(dir.people.map((p) => p.id));
          for (const row of db.select({ id: people.id, origin: people.origin }).from(people).all()) {
            if (row.origin === "directory" && !listed.has(row.id))
              db.delete(people).where(eq(people.id, row.id)).run();
          }
          for (const p of dir.people) {
            const cols = { ...personColumns(p), origin: "directory" };
            db.insert(people).values(cols).onConflictDoUpdate({ target: people.id, set: cols }).run();
          }
          prune(
            teams,
            CONFIG_ORIGIN,
            dir.teams.map((t) => t.name),
          );
          upsertTeamRows(CONFIG_ORIGIN, dir.teams);
        })
        .immediate();
    },

    /**
     * The stored directory. With `listed` (a people file read but not written, for read-only commands), that
     * file's people and teams stand in for the stored directory rows, as `replaceDirectory` would have made them.
     */
    loadDirectory(listed?: Directory): Directory {
      return directoryFromRows(
        db.select().from(people).orderBy(people.id).all(),
        db.select().from(teams).orderBy(teams.origin, teams.name).all(),
        listed,
      );
    },

    /** Merges people revealed by tools (validated here: this is where tool data enters the directory). */
    upsertPeople(input: readonly PersonInput[]): void {
      for (const [i, raw] of input.entries()) {
        const incoming = parseAt(PersonSchema, raw, `people[${i}]`);
        const stored = personById.get({ id: incoming.id });
        if (!stored) {
          db.insert(people)
            .values({ ...personColumns(incoming), origin: "discovered", revealed: JSON.stringify(incoming) })
            .run();
          continue;
        }
        const before = revealedPerson(stored);
        const after = merge(before ?? incoming, incoming);
        // Re-syncs reveal the same people page after page: write only when something new was learnt.
        if (before !== null && stableStringify(before) === stableStringify(after)) continue;
        db.update(people)
          .set({ revealed: JSON.stringify(after) })
          .where(eq(people.id, incoming.id))
          .run();
      }
    },

    /** Replaces the config's KPI catalog; KPIs a connector delivered stay. */
    replaceKpis(list: readonly Kpi[]): void {
      db.$client
        .transaction(() => {
          prune(
            kpis,
            CONFIG_ORIGIN,
            list.map((k) => k.key),
          );
          upsertKpiRows(CONFIG_ORIGIN, list);
        })
        .immediate();
    },

    /** Teams and KPIs a connector sent (validated here), inside the caller's transaction. */
    writeCatalog(page: CatalogPage): void {
      upsertKpiRows(
        page.origin,
        page.kpis.map((k, i) => parseAt(KpiSchema, k, `kpis[${i}]`)),
      );
      upsertTeamRows(page.origin, page.teams);
      if (page.complete === null) return;
      prune(kpis, page.origin, page.complete.kpis);
      prune(teams, page.origin, page.complete.teams);
    },

    loadKpis(catalog?: readonly Kpi[]): Kpi[] {
      return kpisFromRows(db.select().from(kpis).orderBy(kpis.origin, kpis.key).all(), catalog);
    },
  };
}
