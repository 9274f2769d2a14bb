import { defineConfig } from "drizzle-kit";

// The PostgreSQL migrations: `npx drizzle-kit generate --config drizzle.pg.config.ts` after a change to
// src/store/pg/schema.ts (keep it in step with src/store/schema-*.ts); the output in drizzle-pg/ is checked in
// and applied by openStore() when the database is PostgreSQL.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/store/pg/schema.ts",
  out: "./drizzle-pg",
});
