import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Database tier: *.db.test.ts against a real Postgres, in a fresh database created for this
// run and dropped after it (test/db-global-setup.ts), so runs never interfere.
export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL("./", import.meta.url)) } },
  test: {
    include: ["**/*.db.test.ts"],
    exclude: ["**/node_modules/**", ".next/**", ".data/**"],
    globalSetup: ["test/db-global-setup.ts"],
    setupFiles: ["test/db-worker-setup.ts"],
    pool: "forks",
    // The schema engine (drift check) is WebAssembly loaded as an ES module.
    execArgv: ["--experimental-wasm-modules", "--no-warnings"],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
