import { eq, inArray, notInArray } from "drizzle-orm";
import { type KpiInput, KpiSchema, type PersonInput, PersonSchema } from "../../model/index.js";
import { directoryFromRows, merge, personColumns, revealedPerson } from "../directory-repo.js";
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

/** KPIs a tool revealed (a KPI sheet): validated, then inserted or overwritten by key. */
export async function upsertKpisIn(q: PgQuery, input: readonly KpiInput[]): Promise<void> {
  for (const [i, raw] of input.entries()) {
    const k = parseAt(KpiSchema, raw, `kpis[${i}]`);
    await q.insert(kpis).values(k).onConflictDoUpdate({ target: kpis.key, set: k });
  }
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
        await tx.delete(teams);
        if (dir.teams.length > 0)
          await tx.insert(teams).values(dir.teams.map((t) => ({ ...t, aliases: JSON.stringify(t.aliases) })));
      });
    },

    async load(listed) {
      const peopleRows = await db.select().from(people).orderBy(byText(people.id));
      const teamRows = await db.select().from(teams).orderBy(byText(teams.name));
      return directoryFromRows(peopleRows, teamRows, listed);
    },

    upsertPeople: (list) => tx((tx) => upsertPeopleIn(tx, list)),

    async replaceKpis(list) {
      await tx(async (tx) => {
        const keep = list.map((k) => k.key);
        await tx.delete(kpis).where(keep.length === 0 ? undefined : notInArray(kpis.key, keep));
        await upsertKpisIn(tx, list);
      });
    },

    upsertKpis: (list) => tx((tx) => upsertKpisIn(tx, list)),

    async loadKpis() {
      const rows = await db.select().from(kpis).orderBy(byText(kpis.key));
      return rows.map((r) => parseAt(KpiSchema, r, `kpis row ${r.key}`));
    },
  };
}
