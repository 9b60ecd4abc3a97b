/**
 * Bench: the full run of the migration engine against the Freshsales emulator (a child
 * process, so this process's RSS is the worker's own).
 *   DATABASE_URL=postgres://… npx tsx bench/migration.bench.ts [--limited-total 20000] [--unlimited-total 200000]
 *     [--workers 8] [--scale 720] [--skip-limited] [--skip-unlimited]
 * (a) rate-limited: Growth plan limits on the compressed clock; efficiency = (calls used ÷ plan
 *     rate) ÷ time taken, and calls used against the minimum the documented API allows.
 * (b) unlimited: records per second end to end (ledger seeding to the last record settled)
 *     and the worker's peak RSS. Prints one JSON object.
 * The source is staged by a child process of this script (`--stage-only`), so the RSS sampled
 * here is the worker's (engine, driver, connections), not the heap left by staging.
 * `--batches-per-worker` (default 1) is the in-process stand-in for a pg-boss worker's concurrency.
 * The data leaves out two dirty cases: NUL characters (Postgres jsonb cannot store them, so
 * extraction rejects them before staging) and multi-megabyte attachments (disk-bound, not engine-bound).
 */
import { spawn } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import pg from "pg";

const { values } = parseArgs({
  options: {
    "limited-total": { type: "string", default: "20000" },
    "unlimited-total": { type: "string", default: "200000" },
    workers: { type: "string", default: "8" },
    "batches-per-worker": { type: "string", default: "1" },
    scale: { type: "string", default: "720" },
    "skip-limited": { type: "boolean", default: false },
    "skip-unlimited": { type: "boolean", default: false },
    // Child mode: stage a dataset for `migration` (files into `files`) and exit.
    "stage-only": { type: "boolean", default: false },
    migration: { type: "string" },
    total: { type: "string" },
    files: { type: "string" },
  },
});
if (!process.env.DATABASE_URL) {
  console.error("DATABASE_URL is required (a migrated database).");
  process.exit(1);
}
process.env.AUTH_SECRET ??= "bench-secret-bench-secret-bench-secret-00";
process.env.ENCRYPTION_KEY ??= Buffer.alloc(32, 1).toString("base64");
process.env.LOG_LEVEL ??= "warn";

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

const workers = Number(values.workers);
const scale = Number(values.scale);

async function startEmulator(limited: boolean) {
  const options = limited ? `{ plan: "growth", clock: new SandboxClock(${scale}) }` : `{ rateLimit: false, bulkJobDelayMs: 5, storageQuotaBytes: 1e12 }`;
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
  return { ...(JSON.parse(line) as { url: string; apiBase: string; apiKey: string }), stop: () => child.kill("SIGTERM") };
}

interface Stats {
  totalCalls: number;
  rateLimited: number;
  maxCallsInHourWindow: number;
  callsByHourWindow: { window: number; calls: number }[];
  hourLimit: number;
}

async function scenario(total: number, limited: boolean) {
  const emu = await startEmulator(limited);
  const admin = httpAdmin(emu.url);
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
  try {
    const ds = new Dataset({ seed: 1, total, dirtyRates: { control_chars: 0, huge_attachment: 0 } });
    const tenant = await createTenant(db());
    let t = performance.now();
    const files = new LocalFolderFileStore(await stageInChild(tenant.migrationId, total));
    const stagingMs = performance.now() - t;
    const { mapping, destination } = await prepareDestination({ apiBase: emu.apiBase, apiKey: emu.apiKey, admin }, ds);
    const store = limited ? new PostgresBudgetStore(pool) : new MemoryBudgetStore();
    const conns = Array.from({ length: workers }, () => {
      const governor = new RateGovernor({ accountKey: `bench-${tenant.migrationId}`, store, plan: "growth", clockScale: limited ? scale : 1e9 });
      return new FreshsalesConnection({ baseUrl: emu.apiBase, apiKey: emu.apiKey, governor, timeoutMs: 30_000 });
    });
    const before = (await admin.stats()) as unknown as Stats;
    const rssAtStart = process.memoryUsage().rss;
    let peakRss = rssAtStart;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
    t = performance.now();
    const { runId } = await startFullRun(db(), { organizationId: tenant.organizationId, migrationId: tenant.migrationId, actor: { id: tenant.userId, email: "bench" }, mapping, destination });
    const startRunMs = performance.now() - t;
    let errors = 0;
    const phases: { phase: string; batches: number; ms: number }[] = [];
    await driveRun((w) => ({ db: db(), conn: conns[w]!, files, bulkPollMs: limited ? 20 : 5 }), runId, {
      workers,
      batchesPerWorker: Number(values["batches-per-worker"]),
      onError: (e) => {
        errors++;
        if (process.env.BENCH_VERBOSE) console.error(e);
      },
      onPhase: (phase, batches, ms) => phases.push({ phase, batches, ms: Math.round(ms) }),
    });
    const elapsedMs = performance.now() - t;
    clearInterval(sampler);
    const after = (await admin.stats()) as unknown as Stats;
    for (const c of conns) c.close();
    const ledger = await db().ledgerEntry.groupBy({ by: ["objectType", "state"], where: { migrationId: tenant.migrationId }, _count: { _all: true } });
    const settled = ledger.filter((l) => l.state !== "pending" && l.state !== "intent").reduce((n, l) => n + l._count._all, 0);
    const callsUsed = after.totalCalls - before.totalCalls;
    return { tenant, ds, elapsedMs, startRunMs, stagingMs, callsUsed, before, after, settled, peakRss, rssAtStart, errors, ledger, phases };
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

const out: Record<string, unknown> = { workers, batchesPerWorker: Number(values["batches-per-worker"]) };
if (!values["skip-limited"]) {
  const total = Number(values["limited-total"]);
  const r = await scenario(total, true);
  const hourRealMs = 3_600_000 / scale;
  const neededMs = (r.callsUsed / r.after.hourLimit) * hourRealMs;
  const min = await minimumCalls(r.tenant.migrationId);
  out.rateLimited = {
    records: total,
    plan: "growth",
    clockScale: scale,
    hourLimit: r.after.hourLimit,
    elapsedMs: Math.round(r.elapsedMs),
    // Of elapsedMs: creating the run and seeding its ledger, before the first batch.
    seedingMs: Math.round(r.startRunMs),
    callsUsed: r.callsUsed,
    efficiency: Number((neededMs / r.elapsedMs).toFixed(3)),
    efficiencyTarget: 0.95,
    minimumCalls: min,
    callsOverMinimum: Number((r.callsUsed / min.minimum - 1).toFixed(3)),
    callsOverMinimumTarget: "≤ 0.10",
    rateLimited429: r.after.rateLimited,
    maxCallsInHourWindow: r.after.maxCallsInHourWindow,
    // The run's windows: a window short of the limit is budget the run left unused (the last one ends the run).
    callsByHourWindow: r.after.callsByHourWindow.filter((w) => !r.before.callsByHourWindow.some((b) => b.window === w.window && b.calls === w.calls)).map((w) => w.calls),
    settled: r.settled,
    batchErrors: r.errors,
    phases: r.phases,
  };
  console.error(JSON.stringify(out.rateLimited));
}
if (!values["skip-unlimited"]) {
  const total = Number(values["unlimited-total"]);
  const r = await scenario(total, false);
  out.unlimited = {
    records: total,
    settled: r.settled,
    elapsedMs: Math.round(r.elapsedMs),
    seedingMs: Math.round(r.startRunMs),
    recordsPerSecond: Math.round(r.settled / (r.elapsedMs / 1000)),
    recordsPerSecondTarget: 2000,
    peakRssMb: Math.round(r.peakRss / 1024 / 1024),
    peakRssTarget: "< 500 MB",
    rssAtRunStartMb: Math.round(r.rssAtStart / 1024 / 1024),
    stagingMs: Math.round(r.stagingMs),
    calls: r.callsUsed,
    batchErrors: r.errors,
    phases: r.phases,
  };
}
console.log(JSON.stringify(out, null, 2));
await db().$disconnect();
process.exit(0);
