import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Unit tier: pure logic and in-process servers. Database tests (*.db.test.ts) run in their
// own tier (vitest.db.config.ts) against a throwaway Postgres.
export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL("./", import.meta.url)) } },
  test: {
    include: ["**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/*.db.test.ts", "e2e/**", ".next/**", ".data/**"],
    testTimeout: 30_000,
  },
});
