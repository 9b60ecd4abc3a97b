/**
 * `npm test`: every tier, in order: static (ESLint, tsc, import boundaries), unit (Vitest), db (Vitest on a
 * fresh database), e2e (Playwright in Chromium against `next build` + `next start` and a
 * worker, on another fresh database). `npm test -- unit db` runs only those tiers.
 * Works with DATABASE_URL set (that server) or unset (the embedded server).
 * Ends with one line counting every test: "tests: N passed, M failed".
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { PROJECT_ROOT } from "../lib/server/local-setup.ts";
import { buildIfNeeded } from "./lib/build.ts";

const ALL = ["static", "unit", "db", "e2e"] as const;
type Tier = (typeof ALL)[number];
const requested = process.argv.slice(2).filter((a): a is Tier => (ALL as readonly string[]).includes(a));
const tiers: readonly Tier[] = requested.length ? requested : ALL;
/** Anything after the tiers goes to Playwright: `npm test -- e2e e2e/map.spec.ts` runs one spec. */
const playwrightArgs = process.argv.slice(2).filter((a) => !(ALL as readonly string[]).includes(a));
const RESULTS = path.join(PROJECT_ROOT, ".data", "test-results");
mkdirSync(RESULTS, { recursive: true });
process.env.NEXT_TELEMETRY_DISABLED = "1";

const totals = { passed: 0, failed: 0, skipped: 0 };
const failedTiers: string[] = [];

function run(cmd: string, args: string[], env: Record<string, string> = {}): boolean {
  console.log(`\n$ ${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, { cwd: PROJECT_ROOT, stdio: "inherit", env: { ...process.env, ...env } });
  return r.status === 0;
}

/** Like run(), without blocking this process: the e2e sandbox servers live in it. */
function runAsync(cmd: string, args: string[], env: Record<string, string> = {}): Promise<boolean> {
  console.log(`\n$ ${cmd} ${args.join(" ")}`);
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: PROJECT_ROOT, stdio: "inherit", env: { ...process.env, ...env } });
    child.on("exit", (code) => resolve(code === 0));
  });
}

function countVitest(file: string): void {
  if (!existsSync(file)) return;
  const r = JSON.parse(readFileSync(file, "utf8")) as { numPassedTests: number; numFailedTests: number; numPendingTests: number };
  totals.passed += r.numPassedTests;
  totals.failed += r.numFailedTests;
  totals.skipped += r.numPendingTests;
}

const WASM = "--experimental-wasm-modules --no-warnings";

function vitest(config: string, name: string, env: Record<string, string> = {}): boolean {
  const out = path.join(RESULTS, `${name}.json`);
  rmSync(out, { force: true });
  const ok = run("npx", ["vitest", "run", "-c", config, "--reporter=default", "--reporter=json", `--outputFile=${out}`], env);
  countVitest(out);
  return ok;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function e2e(): Promise<boolean> {
  buildIfNeeded(PROJECT_ROOT);
  const { createFreshDatabase } = await import("../test/fresh-database.ts");
  const database = await createFreshDatabase("test_e2e");
  const port = await freePort();
  // The sandbox CRMs the browser tests connect to (and reach through their admin endpoints).
  const { startSandbox } = await import("../lib/sandbox/start-sandbox.ts");
  // A compressed clock (an emulated hour per real minute) so the Freshsales plan's hourly
  // budget does not make browser tests wait; the app's rate governor runs on the same scale.
  const clockScale = 60;
  const sandbox = await startSandbox({ seed: 11, total: 1_500, vpRatePerSecond: 50, clockScale });
  const sandboxEnv = {
    E2E_VP_URL: sandbox.visualPractice.baseUrl,
    E2E_VP_TOKEN: sandbox.visualPractice.token,
    E2E_VP_ORIGIN: sandbox.visualPractice.url,
    E2E_FS_URL: sandbox.freshsales.apiBase,
    E2E_FS_KEY: sandbox.freshsales.apiKey,
    E2E_FS_ORIGIN: sandbox.freshsales.url,
  };
  const env = {
    ...process.env,
    DATABASE_URL: database.url,
    APP_URL: `http://127.0.0.1:${port}`,
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    LOG_LEVEL: "warn",
    NODE_ENV: "production" as const,
    WORKER_SKIP_MIGRATE: "1",
    SANDBOX_CLOCK_SCALE: String(clockScale),
  };
  const server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], { cwd: PROJECT_ROOT, env, stdio: "inherit" });
  const worker = spawn(process.execPath, [...WASM.split(" "), "--import", "tsx", "scripts/worker.ts"], { cwd: PROJECT_ROOT, env, stdio: "inherit" });
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/sign-in`)).ok) break;
      } catch {
        /* starting */
      }
      if (i > 120) throw new Error("the e2e server did not start");
      await new Promise((r) => setTimeout(r, 500));
    }
    const out = path.join(PROJECT_ROOT, "e2e/artifacts/results.json");
    rmSync(out, { force: true });
    const ok = await runAsync("npx", ["playwright", "test", ...playwrightArgs], { ...sandboxEnv, E2E_BASE_URL: `http://127.0.0.1:${port}`, E2E_DATABASE_URL: database.url, E2E_CLOCK_SCALE: String(clockScale) });
    if (existsSync(out)) {
      const s = (JSON.parse(readFileSync(out, "utf8")) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } }).stats;
      totals.passed += s.expected + s.flaky;
      totals.failed += s.unexpected;
      totals.skipped += s.skipped;
    }
    return ok;
  } finally {
    const stopped = [server, worker].map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once("exit", r))));
    server.kill("SIGTERM");
    worker.kill("SIGTERM");
    await Promise.all(stopped);
    await sandbox.close();
    await database.drop();
  }
}

for (const tier of tiers) {
  let ok = true;
  if (tier === "static") {
    ok = run("npx", ["eslint", "."]) && run("npx", ["tsc", "--noEmit", "-p", "."]) && run("npx", ["depcruise", "lib", "app", "components", "scripts", "--config", ".dependency-cruiser.cjs"]);
    if (ok) totals.passed += 3;
    else totals.failed += 1;
  } else if (tier === "unit") ok = vitest("vitest.config.ts", "unit");
  else if (tier === "db") ok = vitest("vitest.db.config.ts", "db", { NODE_OPTIONS: WASM });
  else ok = await e2e();
  if (!ok) failedTiers.push(tier);
}

console.log(`\nTiers run: ${tiers.join(", ")}${failedTiers.length ? `; failed: ${failedTiers.join(", ")}` : ""}`);
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ""}`);
process.exit(failedTiers.length ? 1 : 0);
