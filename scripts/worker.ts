/**
 * `npm run worker`: one job worker. Start as many as you like, on any machine that reaches
 * the database (set DATABASE_URL); without it, it uses the local embedded database.
 */
import { applyLocalSecrets, ensureDatabase } from "../lib/server/local-setup.ts";
import { onShutdown } from "../lib/server/shutdown.ts";

process.env.SERVICE_NAME ??= "worker";
await applyLocalSecrets();
const database = await ensureDatabase();
process.env.DATABASE_URL = database.url;

// The start and test scripts migrate before they launch workers; a worker started on its
// own applies pending migrations itself.
if (!process.env.WORKER_SKIP_MIGRATE) {
  const { migrateDatabase } = await import("./db/migrate.ts");
  await migrateDatabase(database.url);
}
const { env } = await import("../lib/server/env.ts");
const { startWorker } = await import("../lib/server/jobs/worker.ts");
const { jobDefinitions, periodicChecks } = await import("./worker-jobs.ts");
const worker = await startWorker(database.url, env().WORKER_CONCURRENCY, jobDefinitions, periodicChecks);

onShutdown("worker", () => worker.stop());
onShutdown("database", () => database.stop(), 100);
console.log(`Worker ready (pid ${process.pid}).`);
