import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "connectors/**/*.test.ts"],
    exclude: ["node_modules", "dist", "test/bench/**"],
    setupFiles: ["test/setup-network.ts"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: "forks",
  },
});
