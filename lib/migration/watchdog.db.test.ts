/**
 * A run whose worker died between marking a phase done and enqueuing what follows has no job
 * left: the watchdog finds it, starts the ready phases and schedules every open phase; a run
 * with a job in the queue, or one that moved recently, is left alone.
 */
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBoss, ensureQueue } from "@/lib/server/jobs/boss";
import { db } from "@/lib/server/db";
import { advance, loadRun, openPhases, processBatch } from "./engine";
import { startFullRun } from "./engine";
import { resumeStalledRuns } from "./watchdog";
import { connectionTo, createTenant, setUpDestination, stageDataset, stageFiles, type Fixture } from "../../test/support/migration";

describe("stalled-run watchdog", () => {
  let fx: Fixture;
  let boss: PgBoss;
  let runId: string;
  let firstPhase: string;

  beforeAll(async () => {
    boss = createBoss(process.env.DATABASE_URL!, "producer");
    boss.on("error", () => {});
    await boss.start();
    await ensureQueue(boss, "migration.batch", 20);
    fx = await setUpDestination({ seed: 21, total: 120, dirtyRates: { control_chars: 0 } });
    const tenant = await createTenant(db());
    await stageDataset(db(), tenant.migrationId, fx.ds);
    const files = await stageFiles(fx.ds, tenant.migrationId);
    ({ runId } = await startFullRun(db(), { organizationId: tenant.organizationId, migrationId: tenant.migrationId, actor: { id: tenant.userId, email: "a@x" }, mapping: fx.mapping, destination: fx.destination }));
    const { stats } = await loadRun(db(), runId);
    const first = openPhases(stats).find((p) => p.phase === "companies:0");
    firstPhase = first!.phase;
    const conn = connectionTo(fx.emulator);
    // The ledger seeded first, so that the accounts' last batch has followers to start.
    for (const seed of openPhases(stats).filter((p) => p.phase.startsWith("seed:"))) {
      await processBatch({ db: db(), conn, files, bulkPollMs: 5 }, runId, seed.phase, 0);
      await advance(db(), runId, seed.phase, 0);
    }
    for (let b = 0; b < first!.batches; b++) await processBatch({ db: db(), conn, files, bulkPollMs: 5 }, runId, firstPhase, b);
    conn.close();
    // The first phase is marked done and its followers started, then the worker "dies": nothing is enqueued.
    const started = await advance(db(), runId, firstPhase);
    expect(started?.started.length).toBeGreaterThan(0);
  });
  afterAll(async () => {
    await boss?.stop({ graceful: false });
    await fx?.emulator.close();
  });

  it("leaves a run alone while it moved recently", async () => {
    expect(await resumeStalledRuns(db(), async () => {}, 3600)).toEqual([]);
  });

  it("leaves a run alone while a batch job of it is queued", async () => {
    const id = await boss.send("migration.batch", { runId, phase: "x", batch: 0 });
    try {
      expect(await resumeStalledRuns(db(), async () => {}, 0)).not.toContain(runId);
    } finally {
      await boss.cancel("migration.batch", id!);
    }
  });

  it("schedules every open phase of a run left without jobs, once", async () => {
    const scheduled: string[] = [];
    const resumed = await resumeStalledRuns(db(), async (id, phase, batches) => void scheduled.push(`${id}:${phase}:${batches}`), 0);
    // Other test files share the database and may leave idle runs of their own: only this run is checked.
    expect(resumed).toContain(runId);
    const { stats } = await loadRun(db(), runId);
    const open = openPhases(stats);
    expect(open.map((p) => p.phase)).not.toContain(firstPhase);
    expect(scheduled.filter((s) => s.startsWith(`${runId}:`)).sort()).toEqual(open.map((p) => `${runId}:${p.phase}:${p.batches}`).sort());
    // The claim moved the run's clock: a second worker sweeping now does not schedule it again.
    expect(await resumeStalledRuns(db(), async () => {}, 5)).not.toContain(runId);
  });
});
