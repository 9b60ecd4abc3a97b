/**
 * "More machines" (README): two worker processes that share nothing but DATABASE_URL,
 * AUTH_SECRET and ENCRYPTION_KEY (each its own data folder, file folder and home, attachment
 * bytes in the database) complete one run between them; the destination then holds every
 * record the generator's manifest expects, once, documents included.
 */
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type PgBoss from "pg-boss";
import { afterAll, describe, expect, it } from "vitest";
import { saveFreshsales } from "@/lib/connections/service";
import { DatabaseFileStore } from "@/lib/connectors/visual-practice/database-file-store";
import type { GeneratorConfig } from "@/lib/sandbox/generator/config";
import { db } from "@/lib/server/db";
import { destinationMismatches, expectedStates, killAllWorkers, LEDGER_COLLECTIONS, spawnWorker, stageAttachmentBytes, type WorkerProcess } from "../../test/support/migration-crash";
import { createTenant, setUpDestination, stageDataset } from "../../test/support/migration";
import { loadRun, openPhases, startFullRun } from "./engine";
import { scheduleBatches } from "./jobs";
import { isFinishedRun } from "./run-status";

const CONFIG: GeneratorConfig = {
  seed: 41,
  total: 800,
  hugeAttachmentBytes: 200_000,
  dirtyRates: { control_chars: 0, duplicate_email: 0.03, exists_in_destination: 0.02, orphan_activity: 0.05, soft_deleted: 0.03, empty_attachment: 0.05, huge_attachment: 0.03 },
};
const RUN_DEADLINE_MS = 180_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What one machine's environment holds: the three shared settings, and only its own folders. */
async function machineEnv(name: string): Promise<{ env: NodeJS.ProcessEnv; dirs: string[] }> {
  const home = await mkdtemp(path.join(tmpdir(), `machine-${name}-`));
  const dataDir = path.join(home, "data");
  const fileDir = path.join(home, "files");
  return {
    env: {
      DATABASE_URL: process.env.DATABASE_URL,
      AUTH_SECRET: process.env.AUTH_SECRET,
      ENCRYPTION_KEY: process.env.ENCRYPTION_KEY,
      // This machine's own settings: none of them names anything the other can see.
      HOME: home,
      DATA_DIR: dataDir,
      FILE_STORE_DIR: fileDir,
      FILE_STORE: "database",
      NODE_ENV: "test",
      // debug: each worker logs the jobs it ran, which is how the test sees both took part.
      LOG_LEVEL: "debug",
      SERVICE_NAME: `worker-${name}`,
      WORKER_SKIP_MIGRATE: "1",
      WORKER_CONCURRENCY: "3",
      // The emulator here has no rate limit: the governors' Growth pace on a compressed clock
      // (as the crash test's unlimited run) keeps the test about correctness, not waiting.
      SANDBOX_CLOCK_SCALE: "1000000",
    },
    dirs: [home],
  };
}

/** Files a worker left in its own folders (the data folder holds nothing when the database is given). */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

const batchJobsRun = (w: WorkerProcess) => w.output.filter((l) => /"job":"migration\.(leaf-)?batch"/.test(l) && l.includes("job done")).length;

describe("two machines, one run", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    killAllWorkers();
    const producer = (globalThis as { producer?: Promise<PgBoss> }).producer;
    await (await producer)?.stop({ graceful: false });
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it("two worker processes sharing only DATABASE_URL, AUTH_SECRET and ENCRYPTION_KEY complete one run, documents included", async () => {
    const fx = await setUpDestination(CONFIG);
    const workers: WorkerProcess[] = [];
    try {
      const tenant = await createTenant(db());
      await stageDataset(db(), tenant.migrationId, fx.ds);
      // Extraction on a third machine would have put the bytes here: the database, not a folder.
      const store = new DatabaseFileStore(async (text, values) => ({ rows: await db().$queryRawUnsafe<unknown[]>(text, ...(values ?? [])) }));
      await stageAttachmentBytes(fx.ds, tenant.migrationId, store);
      const admin = { id: tenant.userId, email: "admin@example.test", organizationId: tenant.organizationId };
      await saveFreshsales(db(), admin, tenant.migrationId, { domain: fx.emulator.apiBase, apiKey: fx.emulator.apiKey, plan: "growth" });
      const { runId } = await startFullRun(db(), { organizationId: tenant.organizationId, migrationId: tenant.migrationId, actor: admin, mapping: fx.mapping, destination: fx.destination });
      for (const p of openPhases((await loadRun(db(), runId)).stats)) await scheduleBatches(runId, p.phase, p.batches);

      const machines = await Promise.all(["a", "b"].map(machineEnv));
      dirs.push(...machines.flatMap((m) => m.dirs));
      for (const [i, m] of machines.entries()) workers.push(spawnWorker(`machine-${"ab"[i]}`, m.env));
      await Promise.all(workers.map((w) => w.ready));

      let status = "running";
      const deadline = Date.now() + RUN_DEADLINE_MS;
      while (status === "running" && Date.now() < deadline) {
        await sleep(200);
        status = (await db().run.findUniqueOrThrow({ where: { id: runId }, select: { status: true } })).status;
      }
      for (const w of workers) w.child.kill("SIGTERM");
      await Promise.all(workers.map((w) => w.exited));
      if (!isFinishedRun(status)) console.error(workers.flatMap((w) => [`-- ${w.name}`, ...w.output.slice(-20)]));
      expect(isFinishedRun(status), status).toBe(true);

      // Each machine ran part of the run.
      const perWorker = workers.map(batchJobsRun);
      console.log("batch jobs per machine", perWorker);
      expect(perWorker.every((n) => n > 0), `batch jobs per machine: ${perWorker.join(", ")}`).toBe(true);

      // The destination holds what the manifest expects, documents read from the database included.
      const expected = expectedStates(fx.ds);
      expect(destinationMismatches(fx.ds, expected, fx.emulator.admin.dump())).toEqual([]);
      const entries = await db().ledgerEntry.findMany({ where: { migrationId: tenant.migrationId }, select: { objectType: true, sourceId: true, state: true, reason: true } });
      expect(entries.filter((e) => expected.get(`${e.objectType}/${e.sourceId}`)?.state !== e.state).map((e) => `${e.objectType}/${e.sourceId}: ${e.state} ${e.reason ?? ""}`)).toEqual([]);
      for (const c of LEDGER_COLLECTIONS) expect(entries.filter((e) => e.objectType === c).length, c).toBe(fx.ds.count(c));
      expect(entries.filter((e) => e.objectType === "attachments" && e.state === "written").length).toBeGreaterThan(0);

      // Neither machine wrote a file of its own: no secrets file, no embedded database, no attachment copy.
      for (const m of machines) expect(await filesUnder(m.dirs[0]!)).toEqual([]);
    } finally {
      for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill("SIGKILL");
      await fx.emulator.close();
    }
  }, 240_000);
});
