import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { assertGateReachable, GateLockedError } from "@/lib/gates/gate-service";
import { parseGateRecords } from "@/lib/gates/gates";
import { driveRun } from "./driver";
import { loadRun, startFullRun } from "./engine";
import { acceptFailures, setFailureThresholds } from "./failure-gate";
import { DEFAULT_FAILURE_THRESHOLDS } from "./failure-thresholds";
import { fullRunView } from "./live-view";
import { connectionTo, createTenant, setUpDestination, stageDataset, type Fixture } from "../../test/support/migration";

// A customer once saw "Written 0, Failed 10,568 … Done, Gate done" and the Delta step open. A
// run with more failures than the admin allows must end "done with failures" and hold its gate.
describe("a full run with failures over the thresholds", () => {
  let fx: Fixture;
  beforeAll(async () => {
    fx = await setUpDestination({ seed: 5, total: 200, dirtyRates: { control_chars: 0, cross_pipeline_stage: 0.2 } });
    // Freshsales refuses every deal: a required field the map does not fill.
    fx.emulator.admin.load({ fields: [{ entity: "deals", label: "Practice area", type: "text", name: "cf_practice_area", required: true }] });
  });
  afterAll(async () => fx?.emulator.close());

  async function migrateOnce(prepare?: (t: Awaited<ReturnType<typeof createTenant>>) => Promise<void>) {
    const tenant = await createTenant(db());
    const done = { at: new Date().toISOString(), by: "a@x" };
    await db().migration.update({ where: { id: tenant.migrationId }, data: { gates: { connect: done, inventory: done, map: done, preflight: done, "dry-run": done, sample: done } } });
    await prepare?.(tenant);
    await stageDataset(db(), tenant.migrationId, fx.ds);
    const { runId } = await startFullRun(db(), { organizationId: tenant.organizationId, migrationId: tenant.migrationId, actor: { id: tenant.userId, email: "a@x" }, mapping: fx.mapping, destination: fx.destination });
    const conn = connectionTo(fx.emulator);
    await driveRun(() => ({ db: db(), conn, bulkPollMs: 10 }), runId);
    conn.close();
    const admin = { id: tenant.userId, email: "a@x", role: "ADMIN", organizationId: tenant.organizationId };
    return { tenant, runId, admin };
  }

  it("ends done with failures, holds the gate, says why, and opens it only on a reason the audit log keeps", async () => {
    const { tenant, runId, admin } = await migrateOnce();
    const failedDeals = await db().ledgerEntry.count({ where: { migrationId: tenant.migrationId, objectType: "deals", state: "failed" } });
    expect(failedDeals).toBeGreaterThan(0);
    expect((await loadRun(db(), runId)).run.status).toBe("done_with_failures");
    const gates = async () => parseGateRecords((await db().migration.findUniqueOrThrow({ where: { id: tenant.migrationId } })).gates);
    expect((await gates())["full-run"]).toBeUndefined();
    await expect(assertGateReachable(db(), tenant.organizationId, tenant.migrationId, "delta")).rejects.toBeInstanceOf(GateLockedError);

    const view = await fullRunView(db(), tenant.organizationId, tenant.migrationId);
    expect(view.standing.over.map((o) => o.objectType)).toContain("deals");
    expect(view.standing.over.find((o) => o.objectType === "deals")?.text).toMatch(new RegExp(`^${failedDeals} of \\d+ deals failed \\(.*%, 0% allowed\\)$`));
    // Grouped by reason, biggest first, each with what to do; the groups add up to the failures.
    const required = view.failures.find((g) => /^deals: .*cf_practice_area/.test(g.reason))!;
    expect(required.count).toBeGreaterThan(0);
    expect(required.remedy.kind).toBe("source");
    expect(view.failures.filter((g) => g.reason.startsWith("deals:")).reduce((n, g) => n + g.count, 0)).toBe(failedDeals);
    expect(view.failures.map((g) => g.count)).toEqual([...view.failures.map((g) => g.count)].sort((a, b) => b - a));

    const finished = await db().auditEvent.findFirstOrThrow({ where: { migrationId: tenant.migrationId, action: "run.full.finished" } });
    expect(finished.detail).toMatchObject({ status: "done_with_failures" });

    const member = { ...admin, role: "MEMBER" };
    await expect(acceptFailures(db(), member, tenant.migrationId, "the practice will re-enter them by hand")).rejects.toThrow(/admin/);
    await expect(acceptFailures(db(), admin, tenant.migrationId, "  ok   ")).rejects.toThrow(/at least 10 characters/);
    expect((await gates())["full-run"]).toBeUndefined();
    await acceptFailures(db(), admin, tenant.migrationId, "the practice will re-enter them by hand");
    expect((await gates())["full-run"]?.by).toBe("a@x");
    await expect(assertGateReachable(db(), tenant.organizationId, tenant.migrationId, "delta")).resolves.toBeTruthy();
    const accepted = await db().auditEvent.findFirstOrThrow({ where: { migrationId: tenant.migrationId, action: "run.failures.accepted" } });
    expect(accepted.actorEmail).toBe("a@x");
    expect(accepted.detail).toMatchObject({ runId, reason: "the practice will re-enter them by hand", failed: expect.any(Number) });
    await expect(acceptFailures(db(), admin, tenant.migrationId, "a second time")).resolves.toBeUndefined();
  });

  it("ends done and opens the gate when the admin allows that many failures (the change audited)", async () => {
    const { tenant, runId } = await migrateOnce(async (t) => {
      await setFailureThresholds(db(), { id: t.userId, email: "a@x", role: "ADMIN", organizationId: t.organizationId }, t.migrationId, { ...DEFAULT_FAILURE_THRESHOLDS, deals: 100, contacts: 100, companies: 100, activities: 100, attachments: 100, products: 100 });
    });
    expect(await db().ledgerEntry.count({ where: { migrationId: tenant.migrationId, state: "failed" } })).toBeGreaterThan(0);
    expect((await loadRun(db(), runId)).run.status).toBe("done");
    const gates = parseGateRecords((await db().migration.findUniqueOrThrow({ where: { id: tenant.migrationId } })).gates);
    expect(gates["full-run"]?.by).toBe("system");
    const changed = await db().auditEvent.findFirstOrThrow({ where: { migrationId: tenant.migrationId, action: "run.failure_thresholds.changed" } });
    expect(changed.detail).toMatchObject({ before: DEFAULT_FAILURE_THRESHOLDS, after: { deals: 100 } });
  });
});
