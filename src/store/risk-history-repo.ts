import { and, asc, eq, gte, lte } from "drizzle-orm";
import type { StoreDb } from "./db.js";
import type { RiskKind, RiskRow } from "./port.js";
import { riskHistory } from "./schema-conflicts.js";

export const RISK_KINDS: readonly RiskKind[] = ["kpi", "objective", "businessUnit", "team", "total"];

/** A stored row as the port returns it; an unknown kind (a newer writer) is dropped rather than guessed at. */
export function toRiskRow(r: typeof riskHistory.$inferSelect): RiskRow | null {
  const kind = RISK_KINDS.find((k) => k === r.kind);
  if (!kind) return null;
  return { asOf: r.asOf, kind, key: r.key, valueAtRisk: r.valueAtRisk, days: r.days, conflicts: r.conflicts };
}

/** SQLite; the caller runs `record` in a transaction (sqlite-store.ts). */
export function createRiskHistoryRepo(db: StoreDb) {
  return {
    record(asOf: string, rows: readonly Omit<RiskRow, "asOf">[], now: string): void {
      db.delete(riskHistory).where(eq(riskHistory.asOf, asOf)).run();
      for (const r of rows)
        db.insert(riskHistory)
          .values({ ...r, asOf, recordedAt: now })
          .run();
    },
    between(from: string, to: string): RiskRow[] {
      return db
        .select()
        .from(riskHistory)
        .where(and(gte(riskHistory.asOf, from), lte(riskHistory.asOf, to)))
        .orderBy(asc(riskHistory.asOf), asc(riskHistory.kind), asc(riskHistory.key))
        .all()
        .map(toRiskRow)
        .filter((r) => r !== null);
    },
  };
}
