import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FreshsalesConnection } from "@/lib/connectors/freshsales/connection";
import { deleteRecord } from "@/lib/connectors/freshsales/record-writes";
import { VisualPracticeClient } from "@/lib/connectors/visual-practice/client";
import { pollOnce } from "@/lib/cutover/delta/poll-source";
import { confirmGoLive } from "@/lib/cutover/go-live/go-live";
import { driveRun } from "@/lib/migration/driver";
import { startFullRun } from "@/lib/migration/engine";
import { connectionTo, createTenant, setUpDestination, stageDataset, type Fixture } from "@/test/support/migration";
import { parseGateRecords } from "@/lib/gates/gates";
import { db } from "@/lib/server/db";
import type { Actor } from "@/lib/server/roles";
import { executeReconcile, explainDivergence, requestReconcile } from "./reconcile-service";
import { reportCsv } from "./report-export";
import { requestSample } from "./sample-service";

// Reconciliation and go-live after a full run on the emulator.
let fx: Fixture;
let tenant: Awaited<ReturnType<typeof createTenant>>;
let conn: FreshsalesConnection;
let admin: Actor;

beforeAll(async () => {
  fx = await setUpDestination({ seed: 13, total: 400, dirtyRates: { control_chars: 0 } });
  tenant = await createTenant(db());
  admin = { id: tenant.userId, email: (await db().user.findUniqueOrThrow({ where: { id: tenant.userId } })).email, role: "ADMIN", organizationId: tenant.organizationId };
  await stageDataset(db(), tenant.migrationId, fx.ds);
  conn = connectionTo(fx.emulator);
  const { runId } = await startFullRun(db(), { organizationId: tenant.organizationId, migrationId: tenant.migrationId, actor: admin, mapping: fx.mapping, destination: fx.destination });
  await driveRun(() => ({ db: db(), conn, bulkPollMs: 10 }), runId);
  const by = { at: new Date().toISOString(), by: admin.email };
  await db().migration.update({ where: { id: tenant.migrationId }, data: { gates: { connect: by, inventory: by, map: by, preflight: by, "dry-run": by, sample: by, "full-run": by, delta: by } } });
});
afterAll(async () => {
  conn?.close();
  await fx?.emulator.close();
});

const gates = async () => parseGateRecords((await db().migration.findUniqueOrThrow({ where: { id: tenant.migrationId } })).gates);

describe("reconciliation and go-live", () => {
  it("counts add up, a deleted destination record is a divergence until explained", async () => {
    const victim = await db().ledgerEntry.findFirstOrThrow({ where: { migrationId: tenant.migrationId, objectType: "contacts", state: "written", action: "created" }, orderBy: { sourceId: "desc" } });
    expect(await deleteRecord(conn, "contact", Number(victim.destId))).toBe(true);

    const { runId } = await requestReconcile(db(), admin, tenant.migrationId);
    const report = (await executeReconcile({ db: db(), conn, mapping: fx.mapping, samplePerObject: 15 }, runId))!;
    for (const o of report.objects) {
      expect(Object.values(o.ledger).reduce((a, b) => a + b, 0), o.objectType).toBe(o.source);
      expect(o.ledger.pending + o.ledger.intent, o.objectType).toBe(0);
    }
    const contacts = report.objects.find((o) => o.objectType === "contacts")!;
    expect(contacts.source).toBe(fx.ds.count("contacts"));
    expect(contacts.missing).toEqual([victim.destId]);
    const companies = report.objects.find((o) => o.objectType === "companies")!;
    expect(companies.destination).toBe(companies.writtenRecords);
    const deals = report.objects.find((o) => o.objectType === "deals")!;
    expect(deals.destination).toBe(deals.writtenRecords);
    expect(report.diff.length).toBeGreaterThan(0);
    const keys = report.divergences.map((d) => d.key);
    expect(keys).toContain("missing:contacts");
    expect(keys.filter((k) => !k.startsWith("mismatch:") || !k.includes(`:${victim.sourceId}:`))).toEqual(["missing:contacts"]);
    expect((await gates()).reconcile).toBeUndefined();

    const csv = reportCsv(report, "counts", false);
    expect(csv.split("\n")[0]).toBe("object,source,written,skipped,failed,pending,intent,written_records,destination,missing,unrecorded");
    expect(csv).toContain(`contacts,${contacts.source},`);

    let left = report.divergences.length;
    for (const d of report.divergences) {
      const r = await explainDivergence(db(), admin, tenant.migrationId, runId, d.key, "Deleted by the customer on purpose during testing");
      left--;
      expect(r.left).toBe(left);
    }
    expect((await gates()).reconcile?.by).toBe(admin.email);
    const audit = await db().auditEvent.count({ where: { migrationId: tenant.migrationId, action: "reconcile.divergence.explained" } });
    expect(audit).toBe(report.divergences.length);
  });

  it("go-live closes the migration and a later write is refused", async () => {
    await expect(confirmGoLive(db(), admin, tenant.migrationId, "not the name")).rejects.toThrow(/Type the migration's name/);
    const member = { ...admin, role: "MEMBER" };
    await expect(confirmGoLive(db(), member, tenant.migrationId, "Full run")).rejects.toThrow(/Only an admin/);
    const { closedAt } = await confirmGoLive(db(), admin, tenant.migrationId, "Full run");
    expect(closedAt).toBeInstanceOf(Date);
    expect((await gates())["go-live"]?.by).toBe(admin.email);
    expect(await db().auditEvent.count({ where: { migrationId: tenant.migrationId, action: "migration.went_live" } })).toBe(1);

    await expect(requestReconcile(db(), admin, tenant.migrationId)).rejects.toThrow(/closed to further writes/);
    await expect(requestSample(db(), admin, tenant.migrationId, 100)).rejects.toThrow(/closed to further writes/);
    const delta = await db().run.create({ data: { organizationId: tenant.organizationId, migrationId: tenant.migrationId, kind: "delta", status: "running", watermark: new Date() } });
    const source = new VisualPracticeClient({ baseUrl: "http://127.0.0.1:9", token: "unused" });
    await expect(pollOnce({ db: db(), conn, source, mapping: fx.mapping }, delta.id)).rejects.toThrow(/closed to further writes/);
    await expect(confirmGoLive(db(), admin, tenant.migrationId, "Full run")).rejects.toThrow(/closed/);
  });
});
