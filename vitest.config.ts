import path from "node:path";
import { defineConfig } from "vitest/config";
import { WORKERS } from "./tests/support/workers";

const alias = {
  "@": path.resolve(import.meta.dirname),
  // Next enforces server-only at build time; in tests every module is server-side.
  "server-only": path.resolve(import.meta.dirname, "tests/support/empty.ts"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    maxWorkers: WORKERS,
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/support/global-db.ts"],
          setupFiles: ["tests/support/integration-env.ts"],
          // Two files at a time, each worker on a database of its own (tests/support/test-db.ts): jobs (month
          // close, Stripe push, mail) work on every due row, so two files on one database could take each
          // other's work.
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
