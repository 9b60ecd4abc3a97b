/**
 * Bench: the full run of the migration engine against the Freshsales emulator, executed by
 * real `scripts/worker.ts` processes on pg-boss (`migration-workers.ts`), the way the console
 * runs it; the in-process driver is kept as one labelled comparison row.
 *   DATABASE_URL=postgres://… npx tsx bench/migration.bench.ts [--only growth,enterprise,unlimited,in-process]
 *     [--growth-total 20000] [--enterprise-total 200000] [--unlimited-total 1000000] [--scale 720]
 * (a) growth: Growth plan limits on the compressed clock, through one worker then three;
 *     efficiency = (calls used ÷ plan rate) ÷ time taken, calls against the documented minimum.
 * (b) enterprise: the highest plan (5,000/h, 400/min), three workers, the same figures.
 * (c) unlimited: records per second end to end (ledger seeding to the last record settled)
 *     through three workers, each worker's peak RSS (and at 20 % of the run, for flatness),
 *     CPU seconds of the emulator, workers and Postgres, ledger and staging bytes per record.
 * (d) in-process: the driver of earlier benches (tests use it), on the growth scenario, for comparison.
 * Prints one JSON object, each figure beside its target. The machine's 1-minute load average is
 * printed beside every timed figure: on a shared machine the figures are depressed by it.
 * The source is staged by a child process of this script (`--stage-only`), so the heap of
 * staging is not in any process measured.
 * The data leaves out two dirty cases: NUL characters (Postgres jsonb cannot store them, so
 * extraction rejects them before staging) and multi-megabyte attachments (disk-bound, not engine-bound).
 */
import { spawn } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import { cpus, loadavg, tmpdir } from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { requireBenchDatabase } from "./bench-env";

const { values } = parseArgs({
  options: {
    only: { type: "string", default: "growth,enterprise,unlimited,in-process" },
    "growth-total": { type: "string", default: "20000" },
    "enterprise-total": { type: "string", default: "200000" },
    "unlimited-total": { type: "string", default: "1000000" },
    // The in-process driver's concurrency (the comparison row only).
    workers: { type: "string", default: "8" },
    "batches-per-worker": { type: "string", default: "1" },
    scale: { type: "string", default: "720" },
    // Child mode: stage a dataset for `migration` (files into `files`) and exit.
    "stage-only": { type: "boolean", default: false },
    migration: { type: "string" },
    total: { type: "string" },
    files: { type: "string" },
  },
});
requireBenchDatabase();

const { db } = await import("@/lib/server/db");
const { FreshsalesConnection } = await import("@/lib/connectors/freshsales/connection");
const { RateGovernor } = await import("@/lib/connectors/freshsales/rate-governor");
const { MemoryBudgetStore } = await import("@/lib/connectors/freshsales/budget-store");
const { PostgresBudgetStore } = await import("@/lib/connectors/freshsales/postgres-budget-store");
const { Dataset } = await import("@/lib/sandbox/generator/dataset");
const { createTenant, httpAdmin, prepareDestination, stageDataset, stageFiles } = await import("@/test/support/migration");
const { LocalFolderFileStore } = await import("@/lib/connectors/visual-practice/file-store");
const { startFullRun } = await import("@/lib/migration/engine");
const { driveRun } = await import("@/lib/migration/driver");
const { runThroughWorkers } = await import("./migration-workers");

if (values["stage-only"]) {
  const ds = new Dataset({ seed: 1, total: Number(values.total), dirtyRates: { control_chars: 0, huge_attachment: 0 } });
  await stageDataset(db(), values.migration!, ds);
  await stageFiles(ds, values.migration!, values.files!);
  await db().$disconnect();
  process.exit(0);
}

/**
 * Staging runs in a child process: building and inserting a few hundred thousand records
 * grows a heap that never shrinks back, and the RSS sampled here is the worker's, not the stager's.
 */
async function stageInChild(migrationId: string, total: number): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "mig-files-"));
  const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!, "--stage-only", "--migration", migrationId, "--total", String(total), "--files", dir], { stdio: ["ignore", "inherit", "inherit"] });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`staging exited with ${code}`);
  return dir;
}

const scale = Number(values.scale);
const only = new Set(values.only!.split(","));
type Plan = "growth" | "enterprise" | null;

async function startEmulator(plan: Plan) {
  const options = plan ? `{ plan: "${plan}", clock: new SandboxClock(${scale}) }` : `{ rateLimit: false, bulkJobDelayMs: 5, storageQuotaBytes: 1e12 }`;
  const script = `
    const { startFreshsalesEmulator } = await import("./lib/sandbox/freshsales/server.ts");
    const { SandboxClock } = await import("./lib/sandbox/shared/clock.ts");
    const emu = await startFreshsalesEmulator(${options});
    process.on("SIGTERM", () => process.exit(0)); // a normal exit, so --cpu-prof writes its profile
    console.log(JSON.stringify({ url: emu.url, apiBase: emu.apiBase, apiKey: emu.apiKey }));`;
  // BENCH_PROFILE_DIR: the emulator writes a CPU profile there too (run this script with --cpu-prof for its own).
  const profile = process.env.BENCH_PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  const child = spawn(process.execPath, [...profile, "--import", "tsx", "--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`emulator exited with ${code}`)));
  });
  return { ...(JSON.parse(line) as { url: string; apiBase: string; apiKey: string }), pid: child.pid!, stop: () => child.kill("SIGTERM") };
}

interface Stats {
  totalCalls: number;
  rateLimited: number;
  maxCallsInHourWindow: number;
  maxCallsInMinuteWindow: number;
  callsByHourWindow: { window: number; calls: number }[];
  hourLimit: number;
  minuteLimit: number;
}

const tableBytes = async () => {
  const rows = await db().$queryRawUnsafe<{ ledger: number; staging: number }[]>(
    `SELECT pg_total_relation_size('"LedgerEntry"')::float8 AS ledger, pg_total_relation_size('"StagedRecord"')::float8 AS staging`,
  );
  return rows[0]!;
};

/**
 * One run: a fresh tenant, `total` records staged, the destination prepared, then the run
 * through `workers` worker processes (or, `inProcess`, the in-process driver).
 */
async function scenario(total: number, plan: Plan, how: { workers: number; inProcess?: boolean; memoryMarks?: number[] }) {
  const emu = await startEmulator(plan);
  const admin = httpAdmin(emu.url);
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
  try {
    const ds = new Dataset({ seed: 1, total, dirtyRates: { control_chars: 0, huge_attachment: 0 } });
    const tenant = await createTenant(db());
    const bytesBefore = await tableBytes();
    let t = performance.now();
    const dir = await stageInChild(tenant.migrationId, total);
    const stagingMs = performance.now() - t;
    const { mapping, destination } = await prepareDestination({ apiBase: emu.apiBase, apiKey: emu.apiKey, admin }, ds);
    const before = (await admin.stats()) as unknown as Stats;
    let run: { elapsedMs: number; startRunMs: number; errors?: number; phases?: unknown; inProcessPeakRssMb?: number; workers?: Awaited<ReturnType<typeof runThroughWorkers>> };
    if (how.inProcess) {
      const files = new LocalFolderFileStore(dir);
      const store = plan ? new PostgresBudgetStore(pool) : new MemoryBudgetStore();
      const conns = Array.from({ length: how.workers }, () => {
        const governor = new RateGovernor({ accountKey: `bench-${tenant.migrationId}`, store, plan: plan ?? "growth", clockScale: plan ? scale : 1e9 });
        return new FreshsalesConnection({ baseUrl: emu.apiBase, apiKey: emu.apiKey, governor, timeoutMs: 30_000 });
      });
      let peakRss = process.memoryUsage().rss;
      const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
      t = performance.now();
      const { runId } = await startFullRun(db(), { organizationId: tenant.organizationId, migrationId: tenant.migrationId, actor: { id: tenant.userId, email: "bench" }, mapping, destination });
      const startRunMs = performance.now() - t;
      let errors = 0;
      const phases: { phase: string; batches: number; ms: number }[] = [];
      await driveRun((w) => ({ db: db(), conn: conns[w]!, files, bulkPollMs: plan ? 20 : 5 }), runId, {
        workers: how.workers,
        batchesPerWorker: Number(values["batches-per-worker"]),
        onError: (e) => {
          errors++;
          if (process.env.BENCH_VERBOSE) console.error(e);
        },
        onPhase: (phase, batches, ms) => phases.push({ phase, batches, ms: Math.round(ms) }),
      });
      clearInterval(sampler);
      for (const c of conns) c.close();
      run = { elapsedMs: performance.now() - t, startRunMs, errors, phases, inProcessPeakRssMb: Math.round(peakRss / 1024 / 1024) };
    } else {
      const r = await runThroughWorkers({
        db: db(), tenant, emulator: { apiBase: emu.apiBase, apiKey: emu.apiKey, pid: emu.pid }, mapping, destination,
        plan: plan ?? "enterprise", workers: how.workers, clockScale: plan ? scale : 1e9, fileStoreDir: dir, memoryMarks: how.memoryMarks,
      });
      run = { elapsedMs: r.elapsedMs, startRunMs: r.startRunMs, workers: r };
    }
    const after = (await admin.stats()) as unknown as Stats;
    const ledger = await db().ledgerEntry.groupBy({ by: ["state"], where: { migrationId: tenant.migrationId }, _count: { _all: true } });
    const settled = ledger.filter((l) => l.state !== "pending" && l.state !== "intent").reduce((n, l) => n + l._count._all, 0);
    const bytesAfter = await tableBytes();
    return {
      tenant, stagingMs, before, after, settled, run,
      callsUsed: after.totalCalls - before.totalCalls,
      bytesPerRecord: { ledger: Math.round((bytesAfter.ledger - bytesBefore.ledger) / total), staging: Math.round((bytesAfter.staging - bytesBefore.staging) / total) },
    };
  } finally {
    emu.stop();
    await pool.end();
  }
}

/** The fewest calls the documented API allows for what this run wrote. */
async function minimumCalls(migrationId: string) {
  const q = async (sql: string) => Number(((await db().$queryRawUnsafe<{ n: number }[]>(sql, migrationId))[0]?.n) ?? 0);
  const accounts = await q(`SELECT count(*)::int AS n FROM "LedgerEntry" WHERE "migrationId" = $1 AND "objectType" = 'companies' AND attempts > 0`);
  const contacts = await q(`SELECT count(*)::int AS n FROM "LedgerEntry" WHERE "migrationId" = $1 AND "objectType" = 'contacts' AND attempts > 0 AND coalesce(reason, '') NOT LIKE 'contact %, field%'`);
  const deals = await q(`SELECT count(*)::int AS n FROM "LedgerEntry" WHERE "migrationId" = $1 AND "objectType" = 'deals' AND attempts > 0 AND coalesce(reason, '') NOT LIKE 'deal %, field%'`);
  const dealProducts = await q(`SELECT count(*)::int AS n FROM "LedgerEntry" l JOIN "StagedRecord" s ON s."migrationId" = l."migrationId" AND s.collection = 'deals' AND s."sourceId" = l."sourceId"
      WHERE l."migrationId" = $1 AND l."objectType" = 'deals' AND l.state = 'written' AND jsonb_array_length(coalesce(s.data->'line_items', '[]'::jsonb)) > 0`);
  const singles = await q(`SELECT count(*)::int AS n FROM "LedgerEntry" WHERE "migrationId" = $1 AND "objectType" IN ('activities','attachments','products') AND state = 'written'`);
  const updatedExisting = await q(`SELECT count(*)::int AS n FROM "LedgerEntry" WHERE "migrationId" = $1 AND action = 'updated'`);
  const bulk = Math.ceil(accounts / 100) + Math.ceil(contacts / 100) + Math.ceil(deals / 100);
  const minimum = bulk * 2 + dealProducts + singles + updatedExisting * 2;
  return {
    formula: "2 × (⌈accounts/100⌉ + ⌈contacts/100⌉ + ⌈deals/100⌉) [bulk upsert + one job poll each] + deals with line items [PUT deal products] + tasks/appointments/notes/documents/products written [one create each] + 2 × existing contacts updated [lookup by email + PUT]",
    inputs: { accounts, contacts, deals, dealProducts, singleCreates: singles, updatedExisting },
    minimum,
  };
}

const machine = { cpus: cpus().length, loadAverage1mAtBenchStart: Number(loadavg()[0]!.toFixed(2)), note: "load average above the core count: other processes shared the CPU, figures are depressed" };
const out: Record<string, unknown> = { machine };
const emit = (key: string, value: unknown) => {
  out[key] = value;
  console.error(JSON.stringify({ [key]: value })); // as it comes: a long bench still leaves its figures
};

/** The rate-limited figures of one run (efficiency is the definition). */
async function limitedFigures(total: number, plan: "growth" | "enterprise", how: { workers: number; inProcess?: boolean }, efficiencyTarget: number) {
  const r = await scenario(total, plan, how);
  const hourRealMs = 3_600_000 / scale;
  const neededMs = (r.callsUsed / r.after.hourLimit) * hourRealMs;
  const min = await minimumCalls(r.tenant.migrationId);
  const windows = r.after.callsByHourWindow.filter((w) => !r.before.callsByHourWindow.some((b) => b.window === w.window && b.calls === w.calls)).map((w) => w.calls);
  return {
    through: how.inProcess ? `in-process driver (${how.workers} × ${Number(values["batches-per-worker"])} batches; comparison only)` : `${how.workers} worker process(es) on pg-boss`,
    records: total,
    plan,
    clockScale: scale,
    hourLimit: r.after.hourLimit,
    minuteLimit: r.after.minuteLimit,
    elapsedMs: Math.round(r.run.elapsedMs),
    seedingMs: Math.round(r.run.startRunMs),
    callsUsed: r.callsUsed,
    efficiency: Number((neededMs / r.run.elapsedMs).toFixed(3)),
    efficiencyTarget,
    minimumCalls: min,
    callsOverMinimum: Number((r.callsUsed / min.minimum).toFixed(4)),
    callsOverMinimumTarget: "≤ 1.01 × minimum",
    rateLimited429: r.after.rateLimited,
    rateLimited429Target: 0,
    maxCallsInHourWindow: r.after.maxCallsInHourWindow,
    maxCallsInMinuteWindow: r.after.maxCallsInMinuteWindow,
    everyHourWindowWithinPlan: r.after.maxCallsInHourWindow <= r.after.hourLimit,
    // The run's windows: a window short of the limit is budget the run left unused (the last one ends the run).
    callsByHourWindow: windows,
    firstWindowFill: windows.length > 1 ? Number((windows[0]! / r.after.hourLimit).toFixed(3)) : null,
    settled: r.settled,
    loadAverage1m: r.run.workers?.loadAverage1m ?? Number(loadavg()[0]!.toFixed(2)),
    ...(r.run.workers ? { cpuSeconds: r.run.workers.cpuSeconds, workerPeakRssMb: r.run.workers.workerMemoryMb.map((w) => w.peak), phases: r.run.workers.phases } : { batchErrors: r.run.errors, phases: r.run.phases }),
  };
}

if (only.has("growth")) {
  const total = Number(values["growth-total"]);
  emit("growthOneWorker", await limitedFigures(total, "growth", { workers: 1 }, 0.97));
  emit("growthThreeWorkers", await limitedFigures(total, "growth", { workers: 3 }, 0.97));
}
if (only.has("in-process")) {
  emit("growthInProcessComparison", await limitedFigures(Number(values["growth-total"]), "growth", { workers: Number(values.workers), inProcess: true }, 0.97));
}
if (only.has("enterprise")) {
  emit("enterpriseThreeWorkers", await limitedFigures(Number(values["enterprise-total"]), "enterprise", { workers: 3 }, 0.97));
}
if (only.has("unlimited")) {
  const total = Number(values["unlimited-total"]);
  const mark = Math.round(total / 5);
  const r = await scenario(total, null, { workers: 3, memoryMarks: [mark] });
  const w = r.run.workers!;
  const rps = r.settled / (r.run.elapsedMs / 1000);
  const flat = w.workerMemoryMb.map((m) => {
    const early = m.atMarks[String(mark)]?.peak ?? null;
    return { worker: m.name, peakAtMarkMb: early, peakAtEndMb: m.peak, growth: early ? Number((m.peak / early - 1).toFixed(3)) : null };
  });
  const share = (s: number) => Number((s / w.cpuSeconds.machine).toFixed(3));
  // What the run page's counts cost at this size (docs/scaling.md: read replicas, partitions).
  const countMs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const c0 = performance.now();
    await db().ledgerEntry.groupBy({ by: ["objectType", "state"], where: { migrationId: r.tenant.migrationId }, _count: { _all: true } });
    countMs.push(performance.now() - c0);
  }
  emit("unlimitedThreeWorkers", {
    through: "3 worker processes on pg-boss",
    records: total,
    settled: r.settled,
    elapsedMs: Math.round(r.run.elapsedMs),
    seedingMs: Math.round(r.run.startRunMs),
    recordsPerSecond: Math.round(rps),
    recordsPerSecondTarget: "≥ 3000",
    loadAverage1m: w.loadAverage1m,
    // Shares of the machine's CPU time over the run (cores × elapsed); the rest went to other processes or idle.
    cpuShare: { emulator: share(w.cpuSeconds.emulator), postgres: share(w.cpuSeconds.postgres), workers: share(w.cpuSeconds.workers), bench: share(w.cpuSeconds.bench) },
    cpuSeconds: w.cpuSeconds,
    workerPeakRssMb: w.workerMemoryMb.map((m) => m.peak),
    workerPeakRssTarget: "< 400 MB each",
    workerRssFlatness: { mark: `${mark} settled`, workers: flat, target: "peak at end within 10 % of peak at the mark" },
    bytesPerRecord: r.bytesPerRecord,
    ledgerCountsQueryMsMedian: Math.round(countMs.sort((a, b) => a - b)[2]!),
    stagingMs: Math.round(r.stagingMs),
    calls: r.callsUsed,
    phases: w.phases,
  });
}
console.log(JSON.stringify(out, null, 2));
await db().$disconnect();
process.exit(0);
