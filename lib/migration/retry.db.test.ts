import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { parseGateRecords } from "@/lib/gates/gates";
import { assertGateReachable, GateLockedError } from "@/lib/gates/gate-service";
import { DIRTY_CASES } from "@/lib/sandbox/generator/config";
import { driveRun } from "./driver";
import { loadRun } from "./engine";
import { retryFailed, startFull, type Scheduler } from "./service";
import { ledgerVsDestination, type EmulatorDump } from "../../test/ledger-vs-destination";
import { connectionTo } from "../../test/support/migration";
import { CLOCK_SCALE, createReviewFixture, type ReviewFixture } from "../../test/support/review";
import { throughPreflight } from "../../test/support/through-preflight";

process.env.SANDBOX_CLOCK_SCALE = String(CLOCK_SCALE);

// A run held by its failures must be able to pass by a retry once the cause is gone, as the
// failure card promises ("retry brings them under the thresholds"), with no admin override.
describe("retrying a held run's failures", () => {
  let fx: ReviewFixture;
  const scheduler: Scheduler = { batches: async () => {}, rollback: async () => {} };
  beforeAll(async () => {
    // Clean data: every failure below comes from the dropped connection, none from the source.
    fx = await createReviewFixture("retry", 200, Object.fromEntries(DIRTY_CASES.map((c) => [c, 0])));
    await throughPreflight(fx);
  });
  afterAll(async () => fx?.close());

  it("writes the failed records, ends done and opens the gate, the ledger agreeing with Freshsales", async () => {
    const user = { id: fx.admin.id, email: fx.admin.email, organizationId: fx.organizationId };
    const { runId } = await startFull(db(), user, fx.migrationId, scheduler);
    const conn = connectionTo(fx.emulator, undefined, { clockScale: CLOCK_SCALE });
    // The connection drops before every contacts batch: each contact fails after the attempt limit.
    const chaos = (point: string) => {
      if (point === "contacts:before-bulk") throw new Error("connection to the CRM dropped");
    };
    await driveRun(() => ({ db: db(), conn, bulkPollMs: 10, chaos }), runId);
    expect((await loadRun(db(), runId)).run.status).toBe("done_with_failures");
    const failedBefore = await db().ledgerEntry.count({ where: { migrationId: fx.migrationId, objectType: "contacts", state: "failed" } });
    expect(failedBefore).toBeGreaterThan(0);
    await expect(assertGateReachable(db(), fx.organizationId, fx.migrationId, "delta")).rejects.toBeInstanceOf(GateLockedError);

    // The cause is gone: the retry takes exactly the failed records and writes them.
    const retry = await retryFailed(db(), user, fx.migrationId, scheduler);
    expect(retry.records).toBeGreaterThanOrEqual(failedBefore);
    await driveRun(() => ({ db: db(), conn, bulkPollMs: 10 }), retry.runId);
    conn.close();

    const stillFailed = await db().ledgerEntry.findMany({ where: { migrationId: fx.migrationId, state: "failed" }, select: { objectType: true, sourceId: true, reason: true, attempts: true } });
    expect(stillFailed).toEqual([]);
    expect((await loadRun(db(), retry.runId)).run.status).toBe("done");
    expect(await db().ledgerEntry.count({ where: { migrationId: fx.migrationId, objectType: "contacts", state: "failed" } })).toBe(0);
    const gates = parseGateRecords((await db().migration.findUniqueOrThrow({ where: { id: fx.migrationId } })).gates);
    expect(gates["full-run"]?.by).toBe("system");
    await expect(assertGateReachable(db(), fx.organizationId, fx.migrationId, "delta")).resolves.toBeTruthy();
    const audit = await db().auditEvent.findMany({ where: { migrationId: fx.migrationId, action: { in: ["run.retry_failed", "run.failures.accepted"] } } });
    expect(audit.map((a) => a.action)).toEqual(["run.retry_failed"]);

    const rows = await db().ledgerEntry.findMany({ where: { migrationId: fx.migrationId }, select: { objectType: true, sourceId: true, state: true, target: true, destId: true, reason: true } });
    expect(ledgerVsDestination(rows, fx.emulator.admin.dump() as EmulatorDump)).toEqual([]);
  });
});

describe("retrying when some failures come from the source data", () => {
  let fx: ReviewFixture;
  const scheduler: Scheduler = { batches: async () => {}, rollback: async () => {} };
  beforeAll(async () => {
    fx = await createReviewFixture("retry-dirty", 200, { ...Object.fromEntries(DIRTY_CASES.map((c) => [c, 0])), malformed_email: 0.05 });
    await throughPreflight(fx);
  });
  afterAll(async () => fx?.close());

  it("writes what the connection lost, keeps the gate held on what only a source fix can cure, and says which", async () => {
    const user = { id: fx.admin.id, email: fx.admin.email, organizationId: fx.organizationId };
    const { runId } = await startFull(db(), user, fx.migrationId, scheduler);
    const conn = connectionTo(fx.emulator, undefined, { clockScale: CLOCK_SCALE });
    const chaos = (point: string) => {
      if (point === "deals:before-bulk") throw new Error("connection to the CRM dropped");
    };
    await driveRun(() => ({ db: db(), conn, bulkPollMs: 10, chaos }), runId);
    const retry = await retryFailed(db(), user, fx.migrationId, scheduler);
    await driveRun(() => ({ db: db(), conn, bulkPollMs: 10 }), retry.runId);
    conn.close();

    expect((await loadRun(db(), retry.runId)).run.status).toBe("done_with_failures");
    expect(await db().ledgerEntry.count({ where: { migrationId: fx.migrationId, objectType: "deals", state: "failed" } })).toBe(0);
    const left = await db().ledgerEntry.findMany({ where: { migrationId: fx.migrationId, state: "failed" }, select: { objectType: true, reason: true } });
    expect(left.length).toBeGreaterThan(0);
    for (const f of left) expect(f).toMatchObject({ objectType: "contacts", reason: expect.stringMatching(/email/) });
    await expect(assertGateReachable(db(), fx.organizationId, fx.migrationId, "delta")).rejects.toBeInstanceOf(GateLockedError);
    const rows = await db().ledgerEntry.findMany({ where: { migrationId: fx.migrationId }, select: { objectType: true, sourceId: true, state: true, target: true, destId: true, reason: true } });
    expect(ledgerVsDestination(rows, fx.emulator.admin.dump() as EmulatorDump)).toEqual([]);
  });
});
