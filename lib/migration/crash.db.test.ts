/**
 * Issue #6, for real: the run executed by worker processes (`scripts/worker.ts` running the
 * pg-boss `migration.batch` jobs), one of them SIGKILLed at three random moments and
 * restarted; then three workers on one run sharing the rate budget. Afterwards every record
 * the generator's manifest expects written is in the emulator exactly once, and nothing else,
 * and the ledger agrees with the emulator record by record. Both on the default emulator and
 * on the variant profile, which answers every open point of the doc the other way.
 * CRASH_SEED=<n> replays a kill schedule (the seed is printed).
 */
import { isFinishedRun } from "./run-status";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type PgBoss from "pg-boss";
import { afterAll, describe, expect, it } from "vitest";
import { budgetAccountKey } from "@/lib/connections/addresses";
import { LocalFolderFileStore } from "@/lib/connectors/visual-practice/file-store";
import { saveFreshsales } from "@/lib/connections/service";
import type { Collection, GeneratorConfig } from "@/lib/sandbox/generator/config";
import { Dataset } from "@/lib/sandbox/generator/dataset";
import { SandboxClock } from "@/lib/sandbox/shared/clock";
import { db } from "@/lib/server/db";
import type { FreshsalesEmulatorOptions } from "@/lib/sandbox/freshsales/server";
import { ledgerVsDestination, type EmulatorDump } from "@/test/ledger-vs-destination";
import { destinationMismatches, expectedStates, killAllWorkers, LEDGER_COLLECTIONS, seededRandom, spawnWorker, stageAttachmentBytes, type WorkerProcess } from "../../test/support/migration-crash";
import { loadRun, startFullRun, type RunStats } from "./engine";
import { scheduleBatches } from "./jobs";
import { stateCounts } from "./ledger";
import { createTenant, setUpDestination, stageDataset } from "../../test/support/migration";

// ~1,000 records with the dirty cases the manifest settles (failed, skipped, updated, leads)
// and attachments, among them empty and (small) "huge" ones.
const CONFIG: GeneratorConfig = {
  seed: 29,
  total: 1000,
  hugeAttachmentBytes: 300_000,
  dirtyRates: {
    control_chars: 0, parent_cycle: 0.05, duplicate_email: 0.03, exists_in_destination: 0.02, cross_pipeline_stage: 0.05,
    orphan_activity: 0.05, soft_deleted: 0.03, empty_attachment: 0.05, huge_attachment: 0.03,
  },
};
const PROFILES: [string, FreshsalesEmulatorOptions][] = [
  ["default", {}],
  ["variant", { profile: "variant" }],
];

// A quiet machine runs this in about a minute; each kill adds a worker boot and the orphan grace.
const RUN_DEADLINE_MS = 240_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Kill {
  at: string;
  settled: number;
  /** Batch jobs the killed worker had running: left active for the others to recover. */
  inFlight: number;
}

interface Outcome {
  problems: string[];
  ledger: { objectType: string; state: string; n: number }[];
  ledgerMismatches: string[];
  /** Where the ledger and the emulator disagree, record by record (ledger-vs-destination.ts). */
  destinationMismatches: string[];
  status: string;
  kills: Kill[];
  stats: ReturnType<Awaited<ReturnType<typeof setUpDestination>>["emulator"]["stats"]>;
  recoveries: number;
  /** Calls the workers reserved in the account's shared budget (rate_budget, kind 'hour'). */
  budgetCalls: number;
  /** Calls the emulator received from the workers. */
  runCalls: number;
  /** Why the run did not finish, when it did not. */
  stall: string | null;
}

/**
 * The phases the console enqueues when it starts a run (service.startFull): every started
 * phase not done yet, or the one current phase of a run that runs its phases one by one.
 */
function openPhases(stats: RunStats): { phase: string; batches: number }[] {
  const s = stats as RunStats & { active?: Record<string, number>; done?: string[] };
  if (!s.active) return [{ phase: s.phase, batches: s.batches }];
  return Object.entries(s.active).filter(([phase]) => !(s.done ?? []).includes(phase)).map(([phase, batches]) => ({ phase, batches }));
}

async function settledCount(migrationId: string): Promise<{ settled: number; total: number }> {
  const rows = await db().$queryRawUnsafe<{ settled: number; total: number }[]>(
    `SELECT count(*) FILTER (WHERE state IN ('written', 'skipped', 'failed'))::int AS settled, count(*)::int AS total FROM "LedgerEntry" WHERE "migrationId" = $1`,
    migrationId,
  );
  return rows[0]!;
}

async function activeBatchJobs(): Promise<number> {
  const rows = await db().$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name IN ('migration.batch', 'migration.leaf-batch') AND state = 'active'`);
  return rows[0]!.n;
}

/**
 * Stages the source, saves the Freshsales connection (the emulator) for the migration,
 * starts the run as the console does (first phase's batch jobs queued) and lets `workers`
 * worker processes execute it; `kills` times, worker 0 is SIGKILLed once the settled ledger
 * rows pass a random point of the run, and started again.
 */
async function runWithWorkers(opts: { workers: number; kills: number; seed: number; rateLimited: boolean; profile: FreshsalesEmulatorOptions }): Promise<Outcome> {
  // Rate-limited: an emulated hour per real minute (as the e2e tier), so the governor paces the
  // run's ~500 calls at about 16 a second and the emulator counts them in hour windows of 60 s.
  const clockScale = opts.rateLimited ? 60 : 1_000_000;
  const fx = await setUpDestination(CONFIG, opts.rateLimited ? { ...opts.profile, plan: "growth", clock: new SandboxClock(clockScale) } : opts.profile, opts.rateLimited);
  const fileDir = await mkdtemp(path.join(tmpdir(), "crash-files-"));
  const workers: WorkerProcess[] = [];
  try {
    const tenant = await createTenant(db());
    await stageDataset(db(), tenant.migrationId, fx.ds);
    await stageAttachmentBytes(fx.ds, tenant.migrationId, new LocalFolderFileStore(fileDir));
    const admin = { id: tenant.userId, email: "admin@example.test", organizationId: tenant.organizationId };
    await saveFreshsales(db(), admin, tenant.migrationId, { domain: fx.emulator.apiBase, apiKey: fx.emulator.apiKey, plan: "growth" });
    const { runId } = await startFullRun(db(), { organizationId: tenant.organizationId, migrationId: tenant.migrationId, actor: admin, mapping: fx.mapping, destination: fx.destination });
    for (const p of openPhases((await loadRun(db(), runId)).stats)) await scheduleBatches(runId, p.phase, p.batches);

    const env = {
      ...process.env,
      NODE_ENV: "test" as const,
      LOG_LEVEL: "warn",
      SERVICE_NAME: "crash-worker",
      WORKER_SKIP_MIGRATE: "1",
      WORKER_CONCURRENCY: "4",
      FILE_STORE_DIR: fileDir,
      SANDBOX_CLOCK_SCALE: String(clockScale),
    };
    const callsBefore = fx.emulator.stats().totalCalls; // the admin's setup, outside the run's budget
    const everyone: WorkerProcess[] = [];
    const start = () => {
      const w = spawnWorker(`w${everyone.length}`, env);
      everyone.push(w);
      return w;
    };
    for (let w = 0; w < opts.workers; w++) workers.push(start());
    await Promise.all(workers.map((w) => w.ready));

    // Kill points spread over the run: the k-th somewhere in the k-th share of the rows still to settle.
    const random = seededRandom(opts.seed);
    const first = await settledCount(tenant.migrationId);
    const points = Array.from({ length: opts.kills }, (_, k) => Math.round(first.settled + ((k + 0.1 + 0.7 * random()) / opts.kills) * (first.total - first.settled) * 0.95));
    const delays = points.map(() => Math.floor(random() * 400));
    const kills: Kill[] = [];
    const deadline = Date.now() + RUN_DEADLINE_MS;
    let status = "running";
    while (status === "running" && Date.now() < deadline) {
      await sleep(100);
      const next = points[kills.length];
      if (next !== undefined) {
        const { settled } = await settledCount(tenant.migrationId);
        // Each kill after some progress of the restarted worker, even when one bulk write passed two points.
        if (settled >= next && settled > (kills.at(-1)?.settled ?? -1)) {
          // A little later than the threshold, so the kill lands inside a batch rather than at its edge.
          await sleep(delays[kills.length]!);
          const victim = workers[0]!;
          const inFlight = await activeBatchJobs();
          victim.child.kill("SIGKILL");
          await victim.exited;
          const { settled: now } = await settledCount(tenant.migrationId);
          kills.push({ at: `${now}/${first.total} settled (threshold ${next})`, settled: now, inFlight });
          workers[0] = start();
          await workers[0].ready;
        }
      }
      status = (await db().run.findUniqueOrThrow({ where: { id: runId }, select: { status: true } })).status;
    }
    for (const w of workers) w.child.kill("SIGTERM");
    await Promise.all(workers.map((w) => w.exited));
    let stall: string | null = null;
    if (!isFinishedRun(status)) {
      const jobs = await db().$queryRawUnsafe<unknown[]>(`SELECT state::text, data, retry_count, start_after::text FROM pgboss.job WHERE name IN ('migration.batch', 'migration.leaf-batch') AND state <> 'completed'`);
      const runStats = (await loadRun(db(), runId)).stats;
      stall = jobs.length === 0
        ? `stalled: no batch job left to run, run stats ${JSON.stringify(runStats)}`
        : `not done in ${RUN_DEADLINE_MS / 1000} s: ${JSON.stringify(jobs)}`;
      console.error("run did not finish", { stall, kills }, everyone.flatMap((w) => [`-- ${w.name}`, ...w.output.slice(-30)]));
    }
    const budget = await db().$queryRawUnsafe<{ calls: number }[]>(
      `SELECT calls::int AS calls FROM rate_budget WHERE account_key = $1 AND kind = 'hour'`,
      budgetAccountKey(fx.emulator.apiBase, fx.emulator.apiKey),
    );

    const ledger = await stateCounts(db(), tenant.migrationId);
    const expected = expectedStates(fx.ds);
    const entries = await db().ledgerEntry.findMany({ where: { migrationId: tenant.migrationId }, select: { objectType: true, sourceId: true, state: true, reason: true } });
    const ledgerMismatches = entries
      .map((e) => ({ e, want: expected.get(`${e.objectType}/${e.sourceId}`) }))
      .filter(({ e, want }) => want?.state !== e.state)
      .map(({ e, want }) => `${e.objectType}/${e.sourceId}: ledger ${e.state} (${e.reason ?? ""}), manifest ${want?.state} (${want?.why})`);
    const rows = await db().ledgerEntry.findMany({ where: { migrationId: tenant.migrationId } });
    const recoveries = everyone.flatMap((w) => w.output).filter((l) => l.includes("retrying jobs whose worker stopped")).length;
    return {
      problems: destinationMismatches(fx.ds, expected, fx.emulator.admin.dump()),
      ledger,
      ledgerMismatches,
      destinationMismatches: ledgerVsDestination(rows, fx.emulator.admin.dump() as unknown as EmulatorDump),
      status,
      kills,
      stats: fx.emulator.stats(),
      recoveries,
      budgetCalls: budget[0]?.calls ?? 0,
      runCalls: fx.emulator.stats().totalCalls - callsBefore,
      stall,
    };
  } finally {
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill("SIGKILL");
    await fx.emulator.close();
    await rm(fileDir, { recursive: true, force: true });
  }
}

function expectLedgerAddsUp(outcome: Outcome, counts: (c: Collection) => number): void {
  for (const c of LEDGER_COLLECTIONS) {
    const rows = outcome.ledger.filter((r) => r.objectType === c);
    expect(rows.filter((r) => !["written", "skipped", "failed"].includes(r.state)), c).toEqual([]);
    expect(rows.reduce((n, r) => n + r.n, 0), c).toBe(counts(c));
  }
}

// Once for the file: every profile's runs schedule through the one producer.
afterAll(async () => {
  killAllWorkers();
  // scheduleBatches queued through this process's pg-boss producer.
  const producer = (globalThis as { producer?: Promise<PgBoss> }).producer;
  await (await producer)?.stop({ graceful: false });
});

describe.each(PROFILES)("full run executed by worker processes (%s)", (_name, profile) => {

  it("survives its worker SIGKILLed at three random moments: no record duplicated, none missing", async () => {
    const seed = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 1e9));
    console.log(`crash test seed ${seed} (CRASH_SEED=${seed} replays the kill points)`);
    const outcome = await runWithWorkers({ workers: 1, kills: 3, seed, rateLimited: false, profile });
    console.log("kills", outcome.kills, "orphan recoveries logged", outcome.recoveries);
    expect(outcome.stall).toBeNull();
    expect(isFinishedRun(outcome.status), outcome.status).toBe(true);
    expect({ destination: outcome.problems, ledger: outcome.ledgerMismatches, recordByRecord: outcome.destinationMismatches }).toEqual({ destination: [], ledger: [], recordByRecord: [] });
    expect(outcome.kills).toHaveLength(3);
    // At least one kill left a batch job active mid-flight, which the restarted worker recovered.
    expect(outcome.kills.some((k) => k.inFlight > 0)).toBe(true);

    const source = new Dataset(CONFIG);
    expectLedgerAddsUp(outcome, (c) => source.count(c));
  }, 300_000);

  it("three worker processes on one run share the rate budget, never exceed it, and write each record once", async () => {
    const outcome = await runWithWorkers({ workers: 3, kills: 0, seed: 0, rateLimited: true, profile });
    expect(outcome.stall).toBeNull();
    expect(isFinishedRun(outcome.status), outcome.status).toBe(true);
    expect({ destination: outcome.problems, ledger: outcome.ledgerMismatches, recordByRecord: outcome.destinationMismatches }).toEqual({ destination: [], ledger: [], recordByRecord: [] });
    expect(outcome.stats.rateLimited).toBe(0);
    expect(outcome.stats.maxCallsInHourWindow).toBeLessThanOrEqual(outcome.stats.hourLimit);
    const { maxCallsInHourWindow, hourLimit, maxCallsInMinuteWindow, minuteLimit } = outcome.stats;
    console.log("three workers", { runCalls: outcome.runCalls, budgetCalls: outcome.budgetCalls, maxCallsInHourWindow, hourLimit, maxCallsInMinuteWindow, minuteLimit });
    expect(maxCallsInMinuteWindow).toBeLessThanOrEqual(minuteLimit!);
    // Every call the workers made was reserved in the one shared budget row of the account.
    expect(outcome.budgetCalls).toBeGreaterThanOrEqual(outcome.runCalls);
    const source = new Dataset(CONFIG);
    expectLedgerAddsUp(outcome, (c) => source.count(c));
  }, 300_000);
});
