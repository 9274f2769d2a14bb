import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { StoreError } from "./errors.js";

/**
 * A checked-in migrations folder (`drizzle/` for SQLite, `drizzle-pg/` for PostgreSQL), found by walking up
 * from this module: `src/store` under tsx and `dist/src/store` after a build sit at different depths, and the
 * process cwd can be anywhere.
 */
export function migrationsFolder(from: string = import.meta.url, name = "drizzle"): string {
  const start = dirname(fileURLToPath(from));
  let dir = start;
  for (;;) {
    const candidate = join(dir, name);
    if (existsSync(join(candidate, "meta", "_journal.json"))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) {
      throw new StoreError(
        "migrations_missing",
        `no ${name}/meta/_journal.json found in ${start} or any parent folder; run \`npx drizzle-kit generate\``,
      );
    }
    dir = parent;
  }
}
