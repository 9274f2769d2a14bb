import { defineConfig } from "vitest/config";

// The store's contract tests run on both adapters: once on SQLite with everything else, once more on the
// machine's PostgreSQL (a schema of each test's own). The SQLite-only files test that adapter's own
// machinery (WAL readers, read-only files, its migration folder); the PostgreSQL-only ones live in
// test/integration/store-pg.
const STORE_CONTRACT = [
  "test/integration/store/upsert.test.ts",
  "test/integration/store/commit-page.test.ts",
  "test/integration/store/conflicts.test.ts",
  "test/integration/store/directory.test.ts",
  "test/integration/store/alert-ledger.test.ts",
  "test/integration/store/action-links.test.ts",
  "test/integration/store/failed-migration.test.ts",
  "test/integration/store/conflict-outbox.test.ts",
  "test/integration/store/risk-history.test.ts",
];

export default defineConfig({
  test: {
    setupFiles: ["test/setup-network.ts"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: "forks",
    projects: [
      {
        extends: true,
        test: {
          name: "sightline",
          include: ["test/**/*.test.ts", "connectors/**/*.test.ts"],
          exclude: ["node_modules", "dist", "test/bench/**", "test/integration/store-pg/**"],
        },
      },
      {
        extends: true,
        test: {
          name: "store-on-postgres",
          include: [...STORE_CONTRACT, "test/integration/store-pg/**/*.test.ts"],
          env: { SIGHTLINE_TEST_STORE: "pg" },
        },
      },
    ],
  },
});
