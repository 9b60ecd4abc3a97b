/**
 * Bench: extraction from the Visual Practice sandbox into Postgres staging.
 *   DATABASE_URL=postgres://… npx tsx bench/extraction.bench.ts [--total 1000000] [--per-page 200]
 *     [--concurrency 8] [--collections 2] [--content] [--inventory]
 * The sandbox runs in a child process with its rate limit off, so the figures are this
 * process's: records per second committed to staging, and its peak RSS. `--content` also
 * streams attachment bytes to a temporary file store; `--inventory` then times the inventory
 * built from staging. DATABASE_URL must point at a migrated database; the rows the bench
 * creates are deleted at the end. Prints one JSON object.
 *
 * `npm run bench -- extraction` starts it with the worker's own flag, `--max-old-space-size=1536`:
 * with V8's default cap of several gigabytes the heap grows to about four times what is live
 * (near 50 MB) between collections, so peak RSS measured how lazily V8 collects. Run it by hand
 * with the same flag to compare. `cpuPerThousand` (CPU seconds per 1,000 records, by process)
 * is the figure to compare across runs on a busy machine; records per second follows the load.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { requireBenchDatabase } from "./bench-env";

const { values } = parseArgs({
  options: {
    total: { type: "string", default: "1000000" },
    "per-page": { type: "string", default: "200" },
    concurrency: { type: "string", default: "8" },
    collections: { type: "string", default: "2" },
    seed: { type: "string", default: "1" },
    content: { type: "boolean", default: false },
    inventory: { type: "boolean", default: false },
  },
});
requireBenchDatabase("a migrated database; the bench deletes what it creates");

const { db } = await import("@/lib/server/db");
const { VisualPracticeClient } = await import("@/lib/connectors/visual-practice/client");
const { LocalFolderFileStore } = await import("@/lib/connectors/visual-practice/file-store");
const { apiSourceReader } = await import("@/lib/extraction/api-source-reader");
const { extractionPool, closeExtractionPool } = await import("@/lib/extraction/pg-pool");
const { extractCollections } = await import("@/lib/extraction/run-extraction");
const { buildInventory } = await import("@/lib/inventory/build-inventory");
type SourceReader = import("@/lib/extraction/source-reader").SourceReader;

async function startSandbox(total: number, seed: number) {
  const args = ["--import", "tsx", "lib/sandbox/visual-practice/cli.ts", "--seed", String(seed), "--total", String(total), "--rate", "0"];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
  const line = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout });
    rl.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`sandbox exited with ${code}`)));
  });
  const info = JSON.parse(line) as { baseUrl: string; token: string };
  return { ...info, pid: child.pid, stop: () => child.kill("SIGTERM") };
}

/**
 * CPU seconds (user + system) a process has used so far, from /proc (Linux only; undefined
 * elsewhere). The machine is shared, so wall-clock rates swing with its load; CPU per record of
 * each process (this one, the sandbox, the Postgres backends) is the steadier figure.
 */
function cpuSecondsOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks / 100 : undefined;
  } catch {
    return undefined;
  }
}

/** CPU seconds of the extraction pool's Postgres backends (same machine only). */
async function backendCpuSeconds(pool: import("pg").Pool): Promise<number | undefined> {
  const { rows } = await pool.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'console-extraction'`,
  );
  let sum = 0;
  for (const { pid } of rows) {
    const s = cpuSecondsOf(pid);
    if (s === undefined) return undefined;
    sum += s;
  }
  return sum;
}

/** Time the extraction spent waiting for the source's next page (the rest is parsing and staging). */
function timedReader(reader: SourceReader) {
  const timing = { waitingMs: 0 };
  const wrapped: SourceReader = {
    ...reader,
    pages(collection, options) {
      const inner = reader.pages(collection, options)[Symbol.asyncIterator]();
      return {
        [Symbol.asyncIterator]() {
          return {
            async next() {
              const t = performance.now();
              const r = await inner.next();
              timing.waitingMs += performance.now() - t;
              return r;
            },
          };
        },
      };
    },
  };
  return { reader: wrapped, timing };
}

/** Peak resident set size of this process, sampled, over a phase. */
function rssMeter() {
  let peak = process.memoryUsage.rss();
  let heap = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
    heap = Math.max(heap, process.memoryUsage().heapUsed);
  }, 50);
  const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
  return {
    stop() {
      clearInterval(timer);
      return mb(Math.max(peak, process.memoryUsage.rss()));
    },
    heapPeakMb: () => mb(heap),
  };
}

const total = Number(values.total);
const sandbox = await startSandbox(total, Number(values.seed));
const storeDir = await mkdtemp(path.join(os.tmpdir(), "extraction-bench-"));
const org = await db().organization.create({ data: { name: "extraction bench" } });
const user = await db().user.create({ data: { email: `bench-${org.id}@example.com`, passwordHash: "x", role: "ADMIN", organizationId: org.id } });
const migration = await db().migration.create({ data: { name: "bench", organizationId: org.id, createdById: user.id } });
const run = await db().extractionRun.create({ data: { organizationId: org.id, migrationId: migration.id, status: "running", startedAt: new Date() } });
const client = new VisualPracticeClient({ baseUrl: sandbox.baseUrl, token: sandbox.token, maxConcurrency: Number(values.concurrency), timeoutMs: 60_000 });

try {
  const baselineRssMb = Math.round((process.memoryUsage.rss() / 1024 / 1024) * 10) / 10;
  const meter = rssMeter();
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const sandboxCpuBefore = cpuSecondsOf(sandbox.pid);
  const timed = timedReader(apiSourceReader(client));
  await extractCollections({
    pool: extractionPool(),
    reader: timed.reader,
    fileStore: new LocalFolderFileStore(storeDir),
    runId: run.id,
    migrationId: migration.id,
    perPage: Number(values["per-page"]),
    copyAttachmentContent: values.content,
    collectionConcurrency: Number(values.collections),
  });
  const seconds = (performance.now() - started) / 1000;
  const extractionPeakRssMb = meter.stop();
  const cpu = process.cpuUsage(cpuBefore);
  const sandboxCpuAfter = cpuSecondsOf(sandbox.pid);
  // Backends that were closed mid-run are missed, so this is a lower bound.
  const postgresCpu = await backendCpuSeconds(extractionPool());
  const perThousand = (s: number | undefined) => (s === undefined ? null : Math.round((s / staged) * 1000 * 1000) / 1000);
  const staged = await db().stagedRecord.count({ where: { migrationId: migration.id } });
  const problems = await db().extractionProblem.count({ where: { runId: run.id } });
  const result: Record<string, unknown> = {
    bench: "extraction",
    sourceRecords: total,
    staged,
    problems,
    perPage: Number(values["per-page"]),
    concurrency: Number(values.concurrency),
    collectionsAtOnce: Number(values.collections),
    loadAverage: os.loadavg().map((n) => Math.round(n * 10) / 10),
    attachmentContent: values.content,
    seconds: Math.round(seconds * 10) / 10,
    recordsPerSecond: Math.round(staged / seconds),
    waitingForSourceSeconds: Math.round(timed.timing.waitingMs / 100) / 10,
    // CPU seconds per 1,000 records staged, by process.
    cpuPerThousand: {
      worker: perThousand((cpu.user + cpu.system) / 1e6),
      sandbox: perThousand(sandboxCpuBefore === undefined || sandboxCpuAfter === undefined ? undefined : sandboxCpuAfter - sandboxCpuBefore),
      postgresBackends: perThousand(postgresCpu),
    },
    baselineRssMb,
    extractionPeakRssMb,
    extractionPeakHeapMb: meter.heapPeakMb(),
    node: process.version,
    cpus: os.cpus().length,
  };
  if (values.inventory) {
    const inventoryMeter = rssMeter();
    const t = performance.now();
    const inventory = await buildInventory(db(), migration.id, run.id);
    result.inventorySeconds = Math.round((performance.now() - t) / 100) / 10;
    result.inventoryFields = inventory.profiles.length;
    result.inventoryPeakRssMb = inventoryMeter.stop();
  }
  result.maxRssMb = Math.round(process.resourceUsage().maxRSS / 102.4) / 10;
  console.log(JSON.stringify(result, null, 2));
} finally {
  client.close();
  sandbox.stop();
  // StagedRecord and ExtractionProblem carry no foreign key; remove them before the organisation.
  await db().stagedRecord.deleteMany({ where: { migrationId: migration.id } });
  await db().extractionProblem.deleteMany({ where: { migrationId: migration.id } });
  await db().inventory.deleteMany({ where: { migrationId: migration.id } });
  await db().organization.delete({ where: { id: org.id } });
  await closeExtractionPool();
  await db().$disconnect();
  await rm(storeDir, { recursive: true, force: true });
}
process.exit(0);
