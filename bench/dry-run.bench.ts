/**
 * Bench: the dry run over a staged dataset against the Freshsales emulator (unlimited rate, a
 * child process), its read calls counted by the emulator, then the full run it plans and the
 * plan's accuracy record by record (comparePlan), and the calls the plan named against the
 * calls the run made.
 *   DATABASE_URL=postgres://… npx tsx bench/dry-run.bench.ts [--total 200000] [--workers 8] [--skip-full-run]
 * Prints one JSON object. Target: the dry run of 200,000 records in under 60 s.
 * The data leaves out NUL characters and multi-megabyte attachments, as the migration bench does.
 */
import { spawn } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { requireBenchDatabase } from "./bench-env";

const { values } = parseArgs({
  options: {
    total: { type: "string", default: "200000" },
    workers: { type: "string", default: "8" },
    "skip-full-run": { type: "boolean", default: false },
    "stage-only": { type: "boolean", default: false },
    migration: { type: "string" },
    files: { type: "string" },
  },
});
requireBenchDatabase();

const { db } = await import("@/lib/server/db");
const { FreshsalesConnection } = await import("@/lib/connectors/freshsales/connection");
const { RateGovernor } = await import("@/lib/connectors/freshsales/rate-governor");
const { MemoryBudgetStore } = await import("@/lib/connectors/freshsales/budget-store");
const { FRESHSALES_PLAN_LIMITS } = await import("@/lib/connectors/freshsales/plan-facts");
const { Dataset } = await import("@/lib/sandbox/generator/dataset");
const { createTenant, httpAdmin, prepareDestination, stageDataset, stageFiles } = await import("@/test/support/migration");
const { LocalFolderFileStore } = await import("@/lib/connectors/visual-practice/file-store");
const { startFullRun } = await import("@/lib/migration/engine");
const { driveRun } = await import("@/lib/migration/driver");
const { DEFAULT_POLICIES } = await import("@/lib/migration/types");
const { runDryRun } = await import("@/lib/migration/dry-run/dry-run");
const { comparePlan } = await import("@/lib/migration/dry-run/compare-plan");

const total = Number(values.total);
const dataset = () => new Dataset({ seed: 1, total, dirtyRates: { control_chars: 0, huge_attachment: 0 } });

if (values["stage-only"]) {
  const ds = dataset();
  await stageDataset(db(), values.migration!, ds);
  await stageFiles(ds, values.migration!, values.files!);
  await db().$disconnect();
  process.exit(0);
}

/** Staging in a child process, as the migration bench does, so this process measures only the dry run. */
async function stageInChild(migrationId: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "dry-run-files-"));
  const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!, "--stage-only", "--migration", migrationId, "--total", String(total), "--files", dir], { stdio: ["ignore", "inherit", "inherit"] });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`staging exited with ${code}`);
  return dir;
}

async function startEmulator() {
  const script = `
    const { startFreshsalesEmulator } = await import("./lib/sandbox/freshsales/server.ts");
    const emu = await startFreshsalesEmulator({ rateLimit: false, bulkJobDelayMs: 5, storageQuotaBytes: 1e12 });
    process.on("SIGTERM", () => process.exit(0));
    console.log(JSON.stringify({ url: emu.url, apiBase: emu.apiBase, apiKey: emu.apiKey }));`;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`emulator exited with ${code}`)));
  });
  return { ...(JSON.parse(line) as { url: string; apiBase: string; apiKey: string }), stop: () => child.kill("SIGTERM") };
}

type Stats = { totalCalls: number; callsByEndpoint: Record<string, number> };
const diff = (a: Stats, b: Stats) => Object.fromEntries(Object.entries(b.callsByEndpoint).flatMap(([k, n]) => (n - (a.callsByEndpoint[k] ?? 0) > 0 ? [[k, n - (a.callsByEndpoint[k] ?? 0)]] : [])));

const emu = await startEmulator();
const admin = httpAdmin(emu.url);
try {
  const ds = dataset();
  const tenant = await createTenant(db());
  let t = performance.now();
  const files = new LocalFolderFileStore(await stageInChild(tenant.migrationId));
  const stagingMs = performance.now() - t;
  const { mapping, destination } = await prepareDestination({ apiBase: emu.apiBase, apiKey: emu.apiKey, admin }, ds);
  const connection = () => new FreshsalesConnection({ baseUrl: emu.apiBase, apiKey: emu.apiKey, governor: new RateGovernor({ accountKey: `bench-${tenant.migrationId}`, store: new MemoryBudgetStore(), plan: "growth", clockScale: 1e9 }), timeoutMs: 30_000 });

  const conn = connection();
  const before = (await admin.stats()) as unknown as Stats;
  t = performance.now();
  const { dryRunId, summary } = await runDryRun({ db: db(), organizationId: tenant.organizationId, migrationId: tenant.migrationId, actorId: tenant.userId, conn, mapping, destination, policies: DEFAULT_POLICIES, files, limits: FRESHSALES_PLAN_LIMITS.growth });
  const dryRunMs = performance.now() - t;
  const afterDry = (await admin.stats()) as unknown as Stats;
  conn.close();
  const emulatorReads = diff(before, afterDry);
  const out: Record<string, unknown> = {
    records: total,
    stagingMs: Math.round(stagingMs),
    dryRun: {
      ms: Math.round(dryRunMs),
      targetMs: 60_000,
      readCallsCountedByEmulator: emulatorReads,
      readCallsCountedByPlan: summary.reads,
      outcomes: Object.fromEntries(Object.entries(summary.objects).map(([o, p]) => [o, p.outcomes])),
      plannedCalls: { minimum: summary.calls.minimum, expected: summary.calls.expected, byObject: summary.calls.byObject },
      timeAtGrowthLimits: summary.calls.time,
    },
  };

  if (!values["skip-full-run"]) {
    const workers = Number(values.workers);
    const conns = Array.from({ length: workers }, connection);
    t = performance.now();
    const { runId } = await startFullRun(db(), { organizationId: tenant.organizationId, migrationId: tenant.migrationId, actor: { id: tenant.userId, email: "bench" }, mapping, destination });
    await db().run.update({ where: { id: runId }, data: { dryRunId } });
    await driveRun((w) => ({ db: db(), conn: conns[w]!, files, bulkPollMs: 5 }), runId, { workers, onError: () => {} });
    const fullRunMs = performance.now() - t;
    for (const c of conns) c.close();
    const afterRun = (await admin.stats()) as unknown as Stats;
    const comparison = await comparePlan(db(), tenant.migrationId, dryRunId, 20);
    const runCalls = afterRun.totalCalls - afterDry.totalCalls;
    out.fullRun = {
      ms: Math.round(fullRunMs),
      calls: runCalls,
      callsOverPlannedMinimum: Number((runCalls / summary.calls.minimum - 1).toFixed(3)),
    };
    out.accuracy = {
      records: comparison.records,
      agreeing: comparison.agreeing,
      share: Number((comparison.agreeing / Math.max(1, comparison.records)).toFixed(5)),
      byObject: comparison.byObject,
      firstDifferences: comparison.differences,
    };
  }
  console.log(JSON.stringify(out, null, 2));
} finally {
  emu.stop();
  await db().$disconnect();
}
