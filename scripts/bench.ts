/**
 * `npm run bench`: every benchmark, one after another, each printing its own figures;
 * `npm run bench -- <name> …` runs only those. Benchmarks that need a database get a
 * fresh one (DATABASE_URL's server, or the embedded one). Flags after the names go to
 * those benches (`npm run bench -- migration --only growth --growth-total 5000`). Figures, never pass/fail: the
 * targets are printed beside them.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "../lib/server/local-setup.ts";

interface Bench {
  name: string;
  file: string;
  args?: string[];
  needsDatabase?: boolean;
  nodeArgs?: string[];
}

const BENCHES: Bench[] = [
  { name: "freshsales-emulator", file: "bench/freshsales-emulator.bench.ts" },
  { name: "visual-practice", file: "bench/visual-practice.bench.ts" },
  { name: "rate-governor", file: "bench/rate-governor.bench.ts", args: ["1500", "12", "3", "720", "memory"] },
  { name: "inventory-profiler", file: "bench/inventory-profiler.bench.ts", args: ["100000"], nodeArgs: ["--expose-gc"] },
  { name: "estimator", file: "bench/estimator.bench.ts" },
  { name: "mapping", file: "bench/mapping.bench.ts", args: ["300"] },
  { name: "map-review", file: "bench/review.bench.ts" },
  { name: "connections-bundle", file: "bench/connections-bundle.bench.ts", args: ["200000", "512"] },
  // The worker's heap cap (package.json `worker`, scripts/start.ts): measured as it runs.
  { name: "extraction", file: "bench/extraction.bench.ts", needsDatabase: true, nodeArgs: ["--max-old-space-size=1536"] },
  { name: "migration", file: "bench/migration.bench.ts", needsDatabase: true, nodeArgs: ["--max-old-space-size=1536"] },
  { name: "verification", file: "bench/verification.bench.ts", args: ["5000", "500", "50"], needsDatabase: true },
  { name: "dry-run", file: "bench/dry-run.bench.ts", needsDatabase: true, nodeArgs: ["--max-old-space-size=1536"] },
  { name: "pages", file: "bench/pages.bench.ts", needsDatabase: true },
  { name: "delta", file: "bench/delta.bench.ts", needsDatabase: true, nodeArgs: ["--max-old-space-size=1536"] },
  { name: "timeline", file: "bench/timeline.bench.ts", needsDatabase: true },
];

// `npm run bench -- migration --only growth`: names first, then flags passed to the benches named.
const firstFlag = process.argv.slice(2).findIndex((a) => a.startsWith("--"));
const only = firstFlag < 0 ? process.argv.slice(2) : process.argv.slice(2, 2 + firstFlag);
const extraArgs = firstFlag < 0 ? [] : process.argv.slice(2 + firstFlag);
const selected = BENCHES.filter((b) => only.length === 0 || only.includes(b.name));
const summary: Record<string, string> = {};

for (const bench of selected) {
  if (!existsSync(path.join(PROJECT_ROOT, bench.file))) {
    summary[bench.name] = "not built yet";
    continue;
  }
  let env: NodeJS.ProcessEnv = { ...process.env };
  let drop: (() => Promise<void>) | undefined;
  if (bench.needsDatabase) {
    const { createFreshDatabase } = await import("../test/fresh-database.ts");
    const database = await createFreshDatabase("bench");
    env = { ...env, DATABASE_URL: database.url };
    drop = database.drop;
  }
  console.log(`\n=== ${bench.name} (${bench.file}) ===`);
  const r = spawnSync(
    process.execPath,
    [...(bench.nodeArgs ?? []), "--experimental-wasm-modules", "--no-warnings", "--import", "tsx", bench.file, ...(bench.args ?? []), ...extraArgs],
    { cwd: PROJECT_ROOT, stdio: "inherit", env },
  );
  summary[bench.name] = r.status === 0 ? "ran" : `exited ${r.status}`;
  await drop?.();
}
console.log(`\n=== summary ===\n${JSON.stringify(summary, null, 2)}`);
