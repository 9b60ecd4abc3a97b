/**
 * A full run on the rate-limited Freshsales emulator on the compressed clock, with the run
 * page's time left (`runProgress`, as the page polls it) sampled while it goes, and the run's
 * real end beside every sample: what the time-left test and bench/timeline.bench.ts check.
 */
import { FreshsalesConnection } from "@/lib/connectors/freshsales/connection";
import { MemoryBudgetStore } from "@/lib/connectors/freshsales/budget-store";
import { FRESHSALES_PLAN_LIMITS } from "@/lib/connectors/freshsales/plan-facts";
import { RateGovernor } from "@/lib/connectors/freshsales/rate-governor";
import { driveRun } from "@/lib/migration/driver";
import { startFullRun } from "@/lib/migration/engine";
import { runProgress } from "@/lib/migration/progress";
import type { Db } from "@/lib/server/db";
import { startFreshsalesEmulator } from "@/lib/sandbox/freshsales/server";
import { Dataset } from "@/lib/sandbox/generator/dataset";
import { SandboxClock } from "@/lib/sandbox/shared/clock";
import { createTenant, prepareDestination, stageDataset, stageFiles } from "./migration";

export interface TimeLeftSample {
  /** Real seconds since the run started. */
  elapsed: number;
  /** Settled records over all records. */
  done: number;
  seconds: number;
  lowSeconds: number;
  highSeconds: number;
  basis: string;
  retryRate: number;
  /** Real seconds the run actually had left (known once it ended). */
  actualLeft: number;
}

export async function timeLeftRun(db: Db, options: { total: number; plan: "growth" | "enterprise"; clockScale: number; workers?: number; sampleMs?: number; seed?: number }) {
  const ds = new Dataset({ seed: options.seed ?? 3, total: options.total, dirtyRates: { control_chars: 0, huge_attachment: 0 } });
  const emulator = await startFreshsalesEmulator({ plan: options.plan, clock: new SandboxClock(options.clockScale), bulkJobDelayMs: 5, storageQuotaBytes: 1e12 });
  try {
    const admin = { load: (b: unknown) => emulator.admin.load(b as never), addField: (b: unknown) => emulator.admin.addField(b as never) };
    const { mapping, destination } = await prepareDestination({ apiBase: emulator.apiBase, apiKey: emulator.apiKey, admin }, ds);
    const tenant = await createTenant(db);
    await stageDataset(db, tenant.migrationId, ds);
    const files = await stageFiles(ds, tenant.migrationId);
    const store = new MemoryBudgetStore();
    const workers = options.workers ?? 2;
    const conns = Array.from({ length: workers }, () => new FreshsalesConnection({
      baseUrl: emulator.apiBase, apiKey: emulator.apiKey, timeoutMs: 30_000,
      governor: new RateGovernor({ accountKey: `time-left-${tenant.migrationId}`, store, plan: options.plan, clockScale: options.clockScale }),
    }));
    const limits = FRESHSALES_PLAN_LIMITS[options.plan];
    const started = performance.now();
    const { runId } = await startFullRun(db, { organizationId: tenant.organizationId, migrationId: tenant.migrationId, actor: { id: tenant.userId, email: "time-left" }, mapping, destination });
    const raw: Omit<TimeLeftSample, "actualLeft">[] = [];
    let running = true;
    const sampler = (async () => {
      while (running) {
        await new Promise((r) => setTimeout(r, options.sampleMs ?? 250));
        if (!running) break;
        const elapsed = (performance.now() - started) / 1000;
        const gauge = await conns[0]!.governor.gauge();
        const p = await runProgress(db, tenant.organizationId, tenant.migrationId, { ...limits, clockScale: options.clockScale, waitSeconds: gauge.backlogMs / 1000 });
        const all = p.objects.reduce((n, o) => n + o.source, 0);
        const settled = p.objects.reduce((n, o) => n + o.written + o.skipped + o.failed, 0);
        // Before seeding has written every collection's rows the counts are not the run's yet.
        const seeded = (await db.run.findUniqueOrThrow({ where: { id: runId }, select: { stats: true } })).stats as { ledgerSeeded?: boolean };
        if (p.timeLeft && seeded.ledgerSeeded && all > 0) raw.push({ elapsed, done: settled / all, ...p.timeLeft });
      }
    })();
    await driveRun((w) => ({ db, conn: conns[w]!, files, bulkPollMs: 20 }), runId, { workers });
    const totalSeconds = (performance.now() - started) / 1000;
    running = false;
    await sampler;
    for (const c of conns) c.close();
    const stats = emulator.admin.stats() as { totalCalls?: number; rateLimited?: number };
    return {
      runId,
      totalSeconds,
      calls: stats.totalCalls ?? null,
      rateLimited: stats.rateLimited ?? null,
      samples: raw.map((s): TimeLeftSample => ({ ...s, actualLeft: totalSeconds - s.elapsed })),
    };
  } finally {
    await emulator.close();
  }
}

/** The sample nearest to `fraction` done, at or after it. */
export function sampleAt(samples: readonly TimeLeftSample[], fraction: number): TimeLeftSample | undefined {
  return samples.find((s) => s.done >= fraction);
}
