import { defineConfig } from "drizzle-kit";

// Generate migrations after a schema change with `npx drizzle-kit generate`; the output in drizzle/ is
// checked in and applied by openStore().
export default defineConfig({
  dialect: "sqlite",
  schema: "./src/store/schema-*.ts",
  out: "./drizzle",
});
