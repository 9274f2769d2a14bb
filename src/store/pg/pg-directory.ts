import { and, eq, inArray, notInArray } from "drizzle-orm";
import { KpiSchema, type PersonInput, PersonSchema } from "../../model/index.js";
import { CONFIG_ORIGIN } from "../catalog-merge.js";
import {
  type CatalogPage,
  directoryFromRows,
  kpisFromRows,
  merge,
  personColumns,
  revealedPerson,
  teamRow,
} from "../directory-repo.js";
import type { DirectoryRepository } from "../port.js";
import { stableStringify } from "../stable-json.js";
import { parseAt } from "../validate.js";
import { byText, type PgDb, type PgQuery, type Transact } from "./pg-db.js";
import { kpis, people, teams } from "./schema.js";

/** People revealed by tools, validated here: this is where tool data enters the directory. */
export async function upsertPeopleIn(q: PgQuery, input: readonly PersonInput[]): Promise<void> {
  if (input.length === 0) return;
  const incoming = input.map((raw, i) => parseAt(PersonSchema, raw, `people[${i}]`));
  const stored = new Map(
    (
      await q
        .select()
        .from(people)
        .where(inArray(people.id, [...new Set(incoming.map((p) => p.id))]))
    ).map((r) => [r.id, r]),
  );
  for (const person of incoming) {
    const row = stored.get(person.id);
    if (!row) {
      const fresh = { ...personColumns(person), origin: "discovered", revealed: JSON.stringify(person) };
      await q.insert(people).values(fresh).onConflictDoNothing();
      stored.set(person.id, { ...fresh, revealed: fresh.revealed });
      continue;
    }
    const before = revealedPerson(row);
    const after = merge(before ?? person, person);
    // Re-syncs reveal the same people page after page: write only when something new was learnt.
    if (before !== null && stableStringify(before) === stableStringify(after)) continue;
    await q
      .update(people)
      .set({ revealed: JSON.stringify(after) })
      .where(eq(people.id, person.id));
    stored.set(person.id, { ...row, revealed: JSON.stringify(after) });
  }
}

/** Teams and KPIs a connector sent (validated here), under its origin; a complete page prunes the rest. */
export async function writeCatalogIn(q: PgQuery, page: CatalogPage): Promise<void> {
  const kpiRows = page.kpis.map((raw, i) => ({
    ...parseAt(KpiSchema, raw, `kpis[${i}]`),
    origin: page.origin,
  }));
  await upsertKpiRows(q, kpiRows);
  await upsertTeamRows(
    q,
    page.teams.map((t) => teamRow(page.origin, t)),
  );
  if (page.complete === null) return;
  await prune(q, kpis, page.origin, page.complete.kpis);
  await prune(q, teams, page.origin, page.complete.teams);
}

async function upsertKpiRows(q: PgQuery, rows: readonly (typeof kpis.$inferInsert)[]): Promise<void> {
  for (const row of rows) {
    await q
      .insert(kpis)
      .values(row)
      .onConflictDoUpdate({ target: [kpis.origin, kpis.key], set: row });
  }
}

async function upsertTeamRows(q: PgQuery, rows: readonly (typeof teams.$inferInsert)[]): Promise<void> {
  for (const row of rows) {
    await q
      .insert(teams)
      .values(row)
      .onConflictDoUpdate({ target: [teams.origin, teams.name], set: row });
  }
}

/** Deletes the origin's rows whose name is not kept. */
async function prune(
  q: PgQuery,
  table: typeof teams | typeof kpis,
  origin: string,
  keep: readonly string[],
): Promise<void> {
  const name = table === teams ? teams.name : kpis.key;
  await q
    .delete(table)
    .where(and(eq(table.origin, origin), keep.length === 0 ? undefined : notInArray(name, [...keep])));
}

export function createPgDirectory(db: PgDb, tx: Transact): DirectoryRepository {
  return {
    async replace(dir) {
      await tx(async (tx) => {
        const listed = dir.people.map((p) => p.id);
        const stale = (await tx.select({ id: people.id, origin: people.origin }).from(people)).filter(
          (r) => r.origin === "directory" && !listed.includes(r.id),
        );
        if (stale.length > 0)
          await tx.delete(people).where(
            inArray(
              people.id,
              stale.map((r) => r.id),
            ),
          );
        for (const p of dir.people) {
          const cols = { ...personColumns(p), origin: "directory" };
          await tx.insert(people).values(cols).onConflictDoUpdate({ target: people.id, set: cols });
        }
        await prune(
          tx,
          teams,
          CONFIG_ORIGIN,
          dir.teams.map((t) => t.name),
        );
        await upsertTeamRows(
          tx,
          dir.teams.map((t) => teamRow(CONFIG_ORIGIN, t)),
        );
      });
    },

    async load(listed) {
      const peopleRows = await db.select().from(people).orderBy(byText(people.id));
      const teamRows = await db.select().from(teams).orderBy(byText(teams.origin), byText(teams.name));
      return directoryFromRows(peopleRows, teamRows, listed);
    },

    upsertPeople: (list) => tx((tx) => upsertPeopleIn(tx, list)),

    async replaceKpis(list) {
      await tx(async (tx) => {
        await prune(
          tx,
          kpis,
          CONFIG_ORIGIN,
          list.map((k) => k.key),
        );
        await upsertKpiRows(
          tx,
          list.map((k) => ({ ...k, origin: CONFIG_ORIGIN })),
        );
      });
    },

    writeCatalog: (page) => tx((tx) => writeCatalogIn(tx, page)),

    async loadKpis(catalog) {
      const rows = await db.select().from(kpis).orderBy(byText(kpis.origin), byText(kpis.key));
      return kpisFromRows(rows, catalog);
    },
  };
}
