import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { StoreDb } from "./db.js";
import { dependencyOverrides } from "./schema-conflicts.js";
import { parseAt } from "./validate.js";

/** "Not a dependency": the edge dependency → dependent is to be ignored by the reconciler. */
export const DependencyOverrideSchema = z.object({
  dependentId: z.string().min(1),
  dependencyId: z.string().min(1),
  /** Who said so (`slack:<user>`, an admin). */
  by: z.string().min(1),
  at: z.string(),
});
export type DependencyOverride = z.infer<typeof DependencyOverrideSchema>;

export function createOverridesRepo(db: StoreDb) {
  return {
    /** Idempotent: saying it twice keeps the first statement (who and when). */
    addOverride(input: DependencyOverride): void {
      const o = parseAt(DependencyOverrideSchema, input, "dependency override");
      db.insert(dependencyOverrides).values(o).onConflictDoNothing().run();
    },

    removeOverride(dependentId: string, dependencyId: string): boolean {
      return (
        db
          .delete(dependencyOverrides)
          .where(
            and(
              eq(dependencyOverrides.dependentId, dependentId),
              eq(dependencyOverrides.dependencyId, dependencyId),
            ),
          )
          .run().changes > 0
      );
    },

    loadOverrides(): DependencyOverride[] {
      return db
        .select()
        .from(dependencyOverrides)
        .orderBy(dependencyOverrides.dependentId, dependencyOverrides.dependencyId)
        .all();
    },
  };
}
