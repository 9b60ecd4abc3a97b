import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { db } from "@/lib/server/db";
import { GateLockedError } from "@/lib/gates/gate-service";
import { parseGateRecords } from "@/lib/gates/gates";
import { driveRun } from "./driver";
import { loadRun, startFullRun } from "./engine";
import { failuresCsv } from "./failures-csv";
import { failureGroups, runProgress } from "./progress";
import { pauseRun, resumeRun, startFull, type Scheduler } from "./service";
import { connectionTo, createTenant, setUpDestination, stageDataset, type Fixture } from "../../test/support/migration";

describe("full-run service", () => {
  let fx: Fixture;
  let tenant: Awaited<ReturnType<typeof createTenant>>;
  const scheduled: string[] = [];
  const scheduler: Scheduler = {
    batches: async (runId, phase, n) => void scheduled.push(`${phase}x${n}`),
    rollback: async () => {},
  };

  beforeAll(async () => {
    fx = await setUpDestination({ seed: 5, total: 200, dirtyRates: { control_chars: 0, cross_pipeline_stage: 0.2 } });
    tenant = await createTenant(db());
    await stageDataset(db(), tenant.migrationId, fx.ds);
  });
  afterAll(async () => fx?.emulator.close());

  it("refuses to start before the sample is signed off", async () => {
    const user = { id: tenant.userId, email: "a@x", organizationId: tenant.organizationId };
    await expect(startFull(db(), user, tenant.migrationId, scheduler)).rejects.toBeInstanceOf(GateLockedError);
    expect(await db().run.count({ where: { migrationId: tenant.migrationId } })).toBe(0);
  });

  it("pauses and resumes (audited), shows counts adding up, lists failures by reason and exports them", async () => {
    const user = { id: tenant.userId, email: "a@x", organizationId: tenant.organizationId };
    const { runId } = await startFullRun(db(), { organizationId: tenant.organizationId, migrationId: tenant.migrationId, actor: user, mapping: fx.mapping, destination: fx.destination });
    await pauseRun(db(), user, tenant.migrationId, runId);
    const conn = connectionTo(fx.emulator);
    await driveRun(() => ({ db: db(), conn, bulkPollMs: 10 }), runId);
    expect((await loadRun(db(), runId)).run.status).toBe("paused");
    expect(await db().ledgerEntry.count({ where: { migrationId: tenant.migrationId, state: "written" } })).toBe(0);
    await resumeRun(db(), user, tenant.migrationId, runId, scheduler);
    // Resuming schedules the open phases: the remaining ledger rows and the top-level accounts beside them.
    expect(scheduled).toContain("seed:contactsx1");
    expect(scheduled.some((s) => /^companies:0x\d+$/.test(s))).toBe(true);
    await driveRun(() => ({ db: db(), conn, bulkPollMs: 10 }), runId);
    conn.close();

    const progress = await runProgress(db(), tenant.organizationId, tenant.migrationId, { perHour: 1000, perMinute: 400 });
    expect(progress.run?.status).toMatch(/^done/);
    expect(progress.objects.every((o) => o.addsUp && o.pending === 0 && o.intent === 0)).toBe(true);
    expect(progress.calls.used).toBeGreaterThan(0);
    expect(progress.timeLeftSeconds).toBe(0);

    const audit = await db().auditEvent.findMany({ where: { migrationId: tenant.migrationId }, orderBy: { seq: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["run.full.started", "run.paused", "run.resumed", "run.full.finished"]));

    const groups = await failureGroups(db(), tenant.migrationId);
    const stage = groups.find((g) => g.reason.includes("does not belong to pipeline"));
    expect(stage?.count).toBe(await db().ledgerEntry.count({ where: { migrationId: tenant.migrationId, state: "failed", reason: { contains: "does not belong to pipeline" } } }));

    let text = "";
    for await (const chunk of failuresCsv(db(), tenant.migrationId)) text += String(chunk);
    const rows = parse(text, { columns: true }) as { object: string; source_id: string; reason: string }[];
    expect(rows.length).toBe(await db().ledgerEntry.count({ where: { migrationId: tenant.migrationId, state: "failed" } }));
    expect(rows.every((r) => r.reason.length > 0 && r.source_id.length > 0)).toBe(true);
    // The gate stays with the flow: this migration's earlier gates are not done, so it is not completed here.
    const migration = await db().migration.findUniqueOrThrow({ where: { id: tenant.migrationId } });
    expect(parseGateRecords(migration.gates)["full-run"]).toBeUndefined();
  });

  it("fails records whose batch keeps stopping after the attempt limit, so the run still ends", async () => {
    const other = await createTenant(db());
    await stageDataset(db(), other.migrationId, fx.ds);
    const { runId } = await startFullRun(db(), { organizationId: other.organizationId, migrationId: other.migrationId, actor: { id: other.userId, email: "a@x" }, mapping: fx.mapping, destination: fx.destination });
    const conn = connectionTo(fx.emulator);
    const chaos = (point: string) => {
      if (point === "contacts:before-bulk") throw new Error("connection to the CRM dropped");
    };
    await driveRun(() => ({ db: db(), conn, bulkPollMs: 10, chaos }), runId);
    conn.close();
    // Every contact failed: more than the default thresholds allow, so the run did not pass.
    expect((await loadRun(db(), runId)).run.status).toBe("done_with_failures");
    const contacts = await db().ledgerEntry.findMany({ where: { migrationId: other.migrationId, objectType: "contacts", state: { in: ["pending", "intent", "written"] } } });
    expect(contacts).toEqual([]);
    const stuck = await db().ledgerEntry.findFirst({ where: { migrationId: other.migrationId, objectType: "contacts", reason: { contains: "gave up after 10 attempts: connection to the CRM dropped" } } });
    expect(stuck).not.toBeNull();
  });

});
