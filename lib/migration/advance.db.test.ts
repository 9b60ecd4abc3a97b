/**
 * A phase advances when its last batch settles, not before: each settled batch is noted once
 * (a retried job counts once), and only the batch that completes the set checks the ledger
 * and starts what follows.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { advance, loadRun, openPhases, processBatch, startFullRun } from "./engine";
import { connectionTo, createTenant, setUpDestination, stageDataset, stageFiles, type Fixture } from "../../test/support/migration";

describe("advancing a phase batch by batch", () => {
  let fx: Fixture;
  let runId: string;
  let phase: string;
  let batches: number;
  let deps: Parameters<typeof processBatch>[0];

  beforeAll(async () => {
    fx = await setUpDestination({ seed: 22, total: 400, dirtyRates: { control_chars: 0 } });
    const tenant = await createTenant(db());
    await stageDataset(db(), tenant.migrationId, fx.ds);
    const files = await stageFiles(fx.ds, tenant.migrationId);
    // Batches of 10, so the first phase (top-level accounts) has several.
    ({ runId } = await startFullRun(db(), { organizationId: tenant.organizationId, migrationId: tenant.migrationId, actor: { id: tenant.userId, email: "a@x" }, mapping: fx.mapping, destination: fx.destination, batchSize: 10 }));
    // The top-level accounts (the "seed" phase beside them is one batch).
    const first = openPhases((await loadRun(db(), runId)).stats).find((p) => p.phase === "companies:0");
    phase = first!.phase;
    batches = first!.batches;
    deps = { db: db(), conn: connectionTo(fx.emulator), files, bulkPollMs: 5 };
  });
  afterAll(async () => {
    // Not left "running": another file's watchdog sweep would take this idle run up.
    if (runId) await db().run.update({ where: { id: runId }, data: { status: "failed" } });
    deps?.conn.close();
    await fx?.emulator.close();
  });

  it("starts the next phases only once every batch has settled, whatever the order and repeats", async () => {
    expect(batches).toBeGreaterThan(2);
    const order = Array.from({ length: batches }, (_, b) => b).reverse();
    for (const b of order.slice(0, -1)) {
      expect(await processBatch(deps, runId, phase, b)).toBe(true);
      expect(await advance(db(), runId, phase, b)).toBeNull();
      // A retried job for the same batch counts once.
      expect(await advance(db(), runId, phase, b)).toBeNull();
    }
    expect((await loadRun(db(), runId)).stats.done).not.toContain(phase);
    const last = order[order.length - 1]!;
    await processBatch(deps, runId, phase, last);
    const next = await advance(db(), runId, phase, last);
    expect(next?.started.length).toBeGreaterThan(0);
    const { stats } = await loadRun(db(), runId);
    expect(stats.done).toContain(phase);
    // The phase's notes are dropped once it is done.
    expect((stats as unknown as { settled?: Record<string, unknown> }).settled?.[phase]).toBeUndefined();
    // A late duplicate of the last batch starts nothing twice.
    expect(await advance(db(), runId, phase, last)).toBeNull();
  });
});
