/**
 * `npm start`: everything a new user needs, in one command. It starts (or connects to) the
 * database, applies migrations, starts the sandbox CRMs and a demo organisation unless
 * DEMO_SANDBOX=false, builds the app if it has no build for this commit, then runs the
 * production server and one worker. SIGINT/SIGTERM stop the server and worker first, then
 * the sandbox, then the embedded database.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { buildIfNeeded } from "./lib/build.ts";
import { DATA_DIR, PROJECT_ROOT, applyLocalSecrets, ensureDatabase } from "../lib/server/local-setup.ts";
import { onShutdown, shutdown } from "../lib/server/shutdown.ts";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "127.0.0.1";
process.env.NEXT_TELEMETRY_DISABLED = "1";
process.env.APP_URL ??= `http://localhost:${port}`;
process.env.NEXTAUTH_URL ??= process.env.APP_URL;

await applyLocalSecrets();
const database = await ensureDatabase();
process.env.DATABASE_URL = database.url;
onShutdown("database", () => database.stop(), 100);

const { migrateDatabase } = await import("./db/migrate.ts");
const applied = await migrateDatabase(database.url);
if (applied.length) console.log(`Database migrated: ${applied.join(", ")}`);

const { env } = await import("../lib/server/env.ts");
const { db } = await import("../lib/server/db.ts");
let demo: { email: string; password: string } | undefined;
let sandboxLines: string[] = [];
if (env().DEMO_SANDBOX) {
  const { ensureDemo } = await import("../lib/demo/seed.ts");
  const { startDemoSandbox } = await import("./lib/demo-sandbox.ts");
  const seeded = await ensureDemo(db(), DATA_DIR);
  demo = seeded;
  const sandbox = await startDemoSandbox(db(), seeded, DATA_DIR, env().ENCRYPTION_KEY, env().SANDBOX_CLOCK_SCALE);
  onShutdown("sandbox", () => sandbox.close(), 50);
  sandboxLines = sandbox.lines;
}

const NEXT_BIN = "node_modules/next/dist/bin/next";
const children: ChildProcess[] = [];
function run(name: string, command: string, args: string[]): ChildProcess {
  const child = spawn(command, args, { cwd: PROJECT_ROOT, env: process.env, stdio: "inherit" });
  children.push(child);
  child.on("exit", (code, signal) => {
    if (!stopping) {
      console.error(`${name} exited (${signal ?? code}); stopping everything.`);
      void shutdown(`${name} exited`, 1);
    }
  });
  return child;
}
let stopping = false;
const stopChildren = async () => {
  stopping = true;
  await Promise.all(
    children.map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve();
          c.once("exit", () => resolve());
          c.kill("SIGTERM");
          setTimeout(() => c.kill("SIGKILL"), 25_000).unref();
        }),
    ),
  );
};

if (!dev) buildIfNeeded(PROJECT_ROOT);
// Node runs Next directly (not through npx) so our SIGTERM reaches the server itself.
run("web server", process.execPath, [NEXT_BIN, dev ? "dev" : "start", "-p", String(port), "-H", host]);
process.env.WORKER_SKIP_MIGRATE = "1";
// The heap cap makes V8 collect before the heap grows to four times what is live (its habit
// with the default multi-gigabyte cap): extraction of 1M records stays near 300 MB instead of
// 400+. `npm run worker` and the extraction bench use the same flag.
run("worker", process.execPath, ["--max-old-space-size=1536", "--experimental-wasm-modules", "--no-warnings", "--import", "tsx", "scripts/worker.ts"]);
onShutdown("web server and worker", stopChildren);

async function waitForServer(): Promise<void> {
  for (let i = 0; i < 120; i++) {
    try {
      const res = await fetch(`http://${host}:${port}/sign-in`);
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the web server did not answer within 60 s");
}
await waitForServer();
console.log(`\n  Migration console: ${env().APP_URL}`);
if (demo) console.log(`  Demo sign-in:      ${demo.email} / ${demo.password}`);
for (const line of sandboxLines) console.log(`  ${line}`);
console.log("  Stop with Ctrl-C.\n");
