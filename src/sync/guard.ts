import { z } from "zod";

/**
 * The mass-deletion guard. A snapshot source (a file, a sheet) that suddenly lists nothing, or far fewer items
 * than before, is far more often broken (wrong sheet, renamed key column, truncated export) than genuinely
 * emptied. Deleting on its word would wipe the plan and fire "resolved" alerts for everything, so the engine
 * pauses instead and tells the admin how to confirm.
 *
 * Defaults: a snapshot may remove at most max(50% of the active actions, 10). The absolute floor lets small
 * plans churn freely (finishing and archiving 4 of 6 rows is normal); the fraction catches a sheet that lost
 * most of its rows. Zero valid records is always suspicious when something was active, whatever the size.
 */
export const MassDeletionGuardOptionsSchema = z.object({
  /** Largest share of the instance's active actions one snapshot may remove without pausing. */
  maxFraction: z.number().min(0).max(1).default(0.5),
  /** Removals up to this count are always allowed. */
  minAbsolute: z.number().int().min(0).default(10),
  /** The admin confirmed the source really lost these items: delete without pausing. */
  allowMassDeletion: z.boolean().default(false),
  /** How to override, as the caller (CLI, job runner) spells it; appended to every pause message. */
  overrideHint: z.string().min(1).optional(),
});
export type MassDeletionGuardOptions = z.input<typeof MassDeletionGuardOptionsSchema>;
export type MassDeletionGuard = z.output<typeof MassDeletionGuardOptionsSchema>;

/** What one run saw, measured when its snapshot completed. */
export interface SnapshotFacts {
  instance: string;
  /** Active (not soft-deleted) actions the instance had before this run. */
  activeBefore: number;
  /** Active keys the run did not see: what a deletion would remove. */
  stale: number;
  /** Records that passed validation. */
  valid: number;
  /** Items that failed validation or that the connector rejected (duplicates excluded). */
  failed: number;
  /** Field paths that every failed item failed on; meaningful when `valid` is 0. */
  commonFailedFields: string[];
}

function hint(instance: string, guard: MassDeletionGuard): string {
  return (
    guard.overrideHint ??
    `If that really is what the source holds now, override the guard: sightline sync --connector ${instance} --allow-mass-deletion`
  );
}

/** Null when the deletion may go ahead; otherwise the pause message (what happened, and how to override). */
export function checkSnapshot(facts: SnapshotFacts, guard: MassDeletionGuard): string | null {
  if (guard.allowMassDeletion) return null;
  const { instance } = facts;
  const field = facts.commonFailedFields[0];
  if (facts.valid === 0 && facts.failed > 0 && field !== undefined) {
    return (
      `every record of "${instance}" failed validation on "${field}" (${facts.failed} of ${facts.failed}), ` +
      "as if the source lost that field: nothing was deleted. The records are in quarantine with the details; " +
      `fix the source or its mapping and sync again. ${hint(instance, guard)}`
    );
  }
  if (facts.stale === 0) return null;
  if (facts.valid === 0 && facts.activeBefore > 0) {
    return (
      `"${instance}" returned no valid records while ${facts.activeBefore} of its actions are active: ` +
      `nothing was deleted. ${hint(instance, guard)}`
    );
  }
  const limit = Math.max(Math.floor(guard.maxFraction * facts.activeBefore), guard.minAbsolute);
  if (facts.stale > limit) {
    return (
      `this sync of "${instance}" would remove ${facts.stale} of its ${facts.activeBefore} active actions ` +
      `(more than the limit of ${limit}: max(${Math.round(guard.maxFraction * 100)}% of active, ` +
      `${guard.minAbsolute})): nothing was deleted. ${hint(instance, guard)}`
    );
  }
  return null;
}

/** Running intersection of failed field paths: null before the first failure. */
export function intersectFields(common: string[] | null, fields: readonly string[]): string[] {
  return common === null ? [...fields] : common.filter((f) => fields.includes(f));
}
