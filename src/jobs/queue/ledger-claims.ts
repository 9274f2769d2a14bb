import { and, eq, inArray } from "drizzle-orm";
import type { Store } from "../../store/index.js";
import { alertLedger } from "../../store/schema-conflicts.js";

// These two belong on the store's AlertLedger (release/fail of pending claims); they live here until it has
// them, written against the same drizzle table so nothing but the jobs layer's retry path uses them.

/**
 * Deletes this batch's claims still `pending`: called only when the same alert job starts again after an
 * attempt that claimed them and never marked them `sent` (the worker died mid-send, the sink threw). `sent`
 * and `failed` entries stay, so what went out is never sent again.
 */
export function releasePendingClaims(store: Store, keys: readonly string[]): number {
  if (keys.length === 0) return 0;
  return store.db
    .delete(alertLedger)
    .where(and(inArray(alertLedger.key, [...keys]), eq(alertLedger.status, "pending")))
    .run().changes;
}

/** The target can never receive these (a permanent sink error): `failed`, so no re-plan and no retry picks them up. */
export function failPendingClaims(store: Store, keys: readonly string[], now: string): number {
  if (keys.length === 0) return 0;
  return store.db
    .update(alertLedger)
    .set({ status: "failed", updatedAt: now })
    .where(and(inArray(alertLedger.key, [...keys]), eq(alertLedger.status, "pending")))
    .run().changes;
}
