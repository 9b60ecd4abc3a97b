/**
 * The migration bench's run through the job system: the run started as the console starts it
 * (connection saved, first phases' batch jobs queued on pg-boss), then executed by real
 * `scripts/worker.ts` processes, each with its own environment, sharing the rate budget
 * through Postgres. Samples, while it runs, each worker's RSS (and its peak, VmHWM) and the
 * CPU time of the emulator, the workers, this process and Postgres's backends of this database.
 */
import { readFile } from "node:fs/promises";
import { cpus, loadavg } from "node:os";
import type PgBoss from "pg-boss";
import { saveFreshsales } from "@/lib/connections/service";
import { loadRun, openPhases, startFullRun } from "@/lib/migration/engine";
import { scheduleBatches } from "@/lib/migration/jobs";
import { isFinishedRun } from "@/lib/migration/run-status";
import type { ApprovedMapping, DestinationContext } from "@/lib/migration/types";
import type { Db } from "@/lib/server/db";
import { spawnWorker, type WorkerProcess } from "@/test/support/migration-crash";

const TICKS_PER_SECOND = 100; // Linux USER_HZ

/** utime + stime of a process in clock ticks, or null once it is gone. */
async function cpuTicks(pid: number): Promise<number | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}

async function memoryMb(pid: number): Promise<{ rss: number; peak: number } | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, "utf8");
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0);
    return { rss: Math.round(kb("VmRSS") / 1024), peak: Math.round(kb("VmHWM") / 1024) };
  } catch {
    return null;
  }
}

/** CPU ticks per process, counted from the first time each is seen (backends come and go). */
class CpuMeter {
  private readonly first = new Map<number, number>();
  private readonly last = new Map<number, number>();
  async sample(pids: number[]): Promise<void> {
    for (const pid of pids) {
      const t = await cpuTicks(pid);
      if (t === null) continue;
      if (!this.first.has(pid)) this.first.set(pid, t);
      this.last.set(pid, t);
    }
  }
  seconds(pids?: number[]): number {
    let ticks = 0;
    for (const [pid, last] of this.last) if (!pids || pids.includes(pid)) ticks += last - (this.first.get(pid) ?? last);
    return ticks / TICKS_PER_SECOND;
  }
}

export interface WorkerRunOptions {
  db: Db;
  tenant: { organizationId: string; migrationId: string; userId: string };
  emulator: { apiBase: string; apiKey: string; pid: number };
  mapping: ApprovedMapping;
  destination: DestinationContext;
  plan: "growth" | "enterprise";
  workers: number;
  /** SANDBOX_CLOCK_SCALE of the workers' governors (1e9: no pacing worth the name). */
  clockScale: number;
  fileStoreDir: string;
  /** Settled rows at which each worker's memory is noted (the flatness check). */
  memoryMarks?: number[];
}

export interface WorkerRunResult {
  elapsedMs: number;
  startRunMs: number;
  status: string;
  workerMemoryMb: { name: string; peak: number; atMarks: Record<string, { rss: number; peak: number } | null> }[];
  cpuSeconds: { emulator: number; workers: number; postgres: number; bench: number; machine: number };
  loadAverage1m: { atStart: number; atEnd: number };
  /** Per phase, from pg-boss's job rows: seconds from the run's start to its first batch started and its last completed. */
  phases: { phase: string; batches: number; firstStartS: number; lastDoneS: number }[];
}

async function phaseTimeline(db: Db, runId: string, t0: Date): Promise<WorkerRunResult["phases"]> {
  const rows = await db.$queryRawUnsafe<{ phase: string; batches: number; first: number; last: number }[]>(
    `SELECT data->>'phase' AS phase, count(DISTINCT data->>'batch')::int AS batches,
            extract(epoch FROM min(started_on) - $2::timestamptz)::float8 AS first, extract(epoch FROM max(completed_on) - $2::timestamptz)::float8 AS last
       FROM pgboss.job WHERE name IN ('migration.batch', 'migration.leaf-batch') AND data->>'runId' = $1 GROUP BY 1 ORDER BY 3`,
    runId, t0,
  );
  return rows.map((r) => ({ phase: r.phase, batches: r.batches, firstStartS: Number(r.first.toFixed(2)), lastDoneS: Number(r.last.toFixed(2)) }));
}

async function settledCount(db: Db, migrationId: string): Promise<number> {
  const rows = await db.$queryRawUnsafe<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM "LedgerEntry" WHERE "migrationId" = $1 AND state IN ('written', 'skipped', 'failed')`,
    migrationId,
  );
  return rows[0]!.n;
}

async function backendPids(db: Db): Promise<number[]> {
  const rows = await db.$queryRawUnsafe<{ pid: number }[]>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`);
  return rows.map((r) => r.pid);
}

/**
 * Starts the run as the console does and lets `workers` worker processes execute it. The
 * clock starts before `startFullRun` (seeding is part of the run, as in the in-process row).
 */
export async function runThroughWorkers(o: WorkerRunOptions): Promise<WorkerRunResult> {
  const admin = { id: o.tenant.userId, email: "bench@example.test", organizationId: o.tenant.organizationId };
  await saveFreshsales(o.db, admin, o.tenant.migrationId, { domain: o.emulator.apiBase, apiKey: o.emulator.apiKey, plan: o.plan });
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    DATABASE_URL: process.env.DATABASE_URL,
    AUTH_SECRET: process.env.AUTH_SECRET,
    ENCRYPTION_KEY: process.env.ENCRYPTION_KEY,
    NODE_ENV: "production",
    LOG_LEVEL: "warn",
    WORKER_SKIP_MIGRATE: "1",
    FILE_STORE_DIR: o.fileStoreDir,
    SANDBOX_CLOCK_SCALE: String(o.clockScale),
    SERVICE_NAME: "bench-worker",
    ...(process.env.BENCH_WORKER_CONCURRENCY ? { WORKER_CONCURRENCY: process.env.BENCH_WORKER_CONCURRENCY } : {}),
  };
  // BENCH_PROFILE_DIR: each worker writes a CPU profile there when it stops.
  const profile = process.env.BENCH_PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  const workers: WorkerProcess[] = [];
  for (let w = 0; w < o.workers; w++) workers.push(spawnWorker(`w${w}`, env, profile));
  await Promise.all(workers.map((w) => w.ready));

  const cpu = new CpuMeter();
  const pidsOf = () => ({ workers: workers.map((w) => w.child.pid!), emulator: [o.emulator.pid], bench: [process.pid] });
  const sampleCpu = async (backends: number[]) => {
    const p = pidsOf();
    await cpu.sample([...p.workers, ...p.emulator, ...p.bench, ...backends]);
  };
  const backendsSeen = new Set<number>(await backendPids(o.db));
  await sampleCpu([...backendsSeen]);
  const loadAtStart = loadavg()[0]!;
  const marks = [...(o.memoryMarks ?? [])].sort((a, b) => a - b);
  const atMarks = workers.map(() => ({}) as Record<string, { rss: number; peak: number } | null>);

  const t0 = performance.now();
  const startedAt = new Date();
  const { runId } = await startFullRun(o.db, { organizationId: o.tenant.organizationId, migrationId: o.tenant.migrationId, actor: admin, mapping: o.mapping, destination: o.destination });
  const startRunMs = performance.now() - t0;
  for (const p of openPhases((await loadRun(o.db, runId)).stats)) await scheduleBatches(runId, p.phase, p.batches);

  let status = "running";
  let lastSettledCheck = 0;
  let lastProgress = performance.now();
  let tick = 0;
  while (status === "running") {
    await new Promise((r) => setTimeout(r, 250));
    status = (await o.db.run.findUniqueOrThrow({ where: { id: runId }, select: { status: true } })).status;
    if (++tick % 4 === 0) {
      for (const pid of await backendPids(o.db)) backendsSeen.add(pid);
      await sampleCpu([...backendsSeen]);
    }
    if ((marks.length > 0 && performance.now() - lastSettledCheck > 2000) || performance.now() - lastProgress > 30_000) {
      lastSettledCheck = performance.now();
      const settled = await settledCount(o.db, o.tenant.migrationId);
      if (performance.now() - lastProgress > 30_000) {
        // A long run that is stopped early still leaves its pace and memory on record.
        lastProgress = performance.now();
        const mem = await Promise.all(workers.map((w) => memoryMb(w.child.pid!)));
        console.error(JSON.stringify({ progress: { seconds: Math.round((lastProgress - t0) / 1000), settled, workerRssMb: mem.map((m) => m?.rss), workerPeakMb: mem.map((m) => m?.peak), load1m: Number(loadavg()[0]!.toFixed(2)) } }));
      }
      while (marks.length > 0 && settled >= marks[0]!) {
        const mark = String(marks.shift());
        for (const [i, w] of workers.entries()) atMarks[i]![mark] = await memoryMb(w.child.pid!);
      }
    }
    if (workers.some((w) => w.child.exitCode !== null)) {
      const dead = workers.find((w) => w.child.exitCode !== null)!;
      throw new Error(`worker ${dead.name} exited (${dead.child.exitCode}):\n${dead.output.slice(-20).join("\n")}`);
    }
  }
  const elapsedMs = performance.now() - t0;
  await sampleCpu([...backendsSeen]);
  for (const [i, w] of workers.entries()) atMarks[i]!.end = await memoryMb(w.child.pid!);
  const ids = pidsOf();
  const cpuSeconds = {
    emulator: cpu.seconds(ids.emulator),
    workers: cpu.seconds(ids.workers),
    postgres: cpu.seconds([...backendsSeen]),
    bench: cpu.seconds(ids.bench),
    machine: (elapsedMs / 1000) * cpus().length,
  };
  const loadAtEnd = loadavg()[0]!;
  const phases = await phaseTimeline(o.db, runId, startedAt);
  const workerMemoryMb = workers.map((w, i) => ({ name: w.name, peak: atMarks[i]!.end?.peak ?? 0, atMarks: atMarks[i]! }));
  for (const w of workers) w.child.kill("SIGTERM");
  await Promise.all(workers.map((w) => w.exited));
  const producer = (globalThis as { producer?: Promise<PgBoss> }).producer;
  await (await producer)?.stop({ graceful: false });
  delete (globalThis as { producer?: Promise<PgBoss> }).producer;
  if (!isFinishedRun(status)) throw new Error(`run ${runId} ended ${status}`);
  return {
    elapsedMs,
    startRunMs,
    status,
    workerMemoryMb,
    cpuSeconds,
    loadAverage1m: { atStart: Number(loadAtStart.toFixed(2)), atEnd: Number(loadAtEnd.toFixed(2)) },
    phases,
  };
}
