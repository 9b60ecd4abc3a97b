import { spawnSync } from "node:child_process";
import { expect, inject, it } from "vitest";

// Runs the real `db:diff --check` in its own Node process: the schema engine is WebAssembly
// loaded as an ES module, which Vitest's module runner does not host reliably.
it("schema.prisma and prisma/migrations agree (run `npm run db:diff -- <name>` if not)", () => {
  const result = spawnSync(
    process.execPath,
    ["--experimental-wasm-modules", "--no-warnings", "--import", "tsx", "scripts/db/diff.ts", "--check"],
    { env: { ...process.env, DATABASE_URL: inject("databaseUrl") }, encoding: "utf8", timeout: 120_000 },
  );
  expect(result.stderr + result.stdout).toContain("schema.prisma matches prisma/migrations.");
  expect(result.status).toBe(0);
});
