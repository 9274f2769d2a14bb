import { and, asc, eq, gte, lte } from "drizzle-orm";
import type { RiskHistoryRepository } from "../port.js";
import { toRiskRow } from "../risk-history-repo.js";
import type { PgDb, Transact } from "./pg-db.js";
import { riskHistory } from "./schema.js";

/** PostgreSQL: the same rows as SQLite (src/store/risk-history-repo.ts), the day replaced in one transaction. */
export function createPgRisk(db: PgDb, tx: Transact): RiskHistoryRepository {
  return {
    record: (asOf, rows, now) =>
      tx(async (t) => {
        await t.delete(riskHistory).where(eq(riskHistory.asOf, asOf));
        if (rows.length > 0)
          await t.insert(riskHistory).values(rows.map((r) => ({ ...r, asOf, recordedAt: now })));
      }),
    async between(from, to) {
      const rows = await db
        .select()
        .from(riskHistory)
        .where(and(gte(riskHistory.asOf, from), lte(riskHistory.asOf, to)))
        .orderBy(asc(riskHistory.asOf), asc(riskHistory.kind), asc(riskHistory.key));
      return rows.map(toRiskRow).filter((r) => r !== null);
    },
  };
}
