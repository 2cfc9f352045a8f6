import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["**/*.test.ts", "**/*.test.tsx"],
    // build folders (.next, .next-e2e-*, .next-bench) copy packages with their own test files
    exclude: ["**/node_modules/**", "e2e/**", ".next*/**", "dist/**", ".tmp/**"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // next-auth imports `next/server` without an extension; inlining lets vite resolve it
    server: { deps: { inline: ["next-auth"] } },
    globalSetup: ["./tests/global-setup.ts"],
    env: { NODE_ENV: "test", LOG_LEVEL: "warn", NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" },
  },
});
