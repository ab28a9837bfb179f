import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;

export default defineConfig({
  resolve: { alias: { "@": root } },
  test: {
    // 2 cores on the CI machines: two forked workers, test files in parallel.
    pool: "forks",
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          environment: "node",
          include: ["server/**/*.test.ts", "components/**/*.test.ts", "packages/*/test/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "**/node_modules/**"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          environment: "node",
          include: ["{server,app,scripts,prisma}/**/*.int.test.ts"],
          exclude: ["**/node_modules/**"],
          // One PostgreSQL + a migrated template database per run; one cloned database per test file.
          globalSetup: [path.join(root, "scripts/test/global-setup.ts")],
          setupFiles: [path.join(root, "scripts/test/per-file-db.ts")],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
