import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FreshsalesConnection } from "@/lib/connectors/freshsales/connection";
import { updateRecord } from "@/lib/connectors/freshsales/record-writes";
import { loadApprovedMapping, toApprovedMapping } from "@/lib/mapping/review/approved";
import { saveDrafts } from "@/lib/mapping/review/drafts";
import type { DraftData } from "@/lib/mapping/review/schemas";
import { connectionTo, createTenant, setUpDestination, stageDataset, stageFiles, type Fixture } from "@/test/support/migration";
import { parseGateRecords } from "@/lib/gates/gates";
import { db } from "@/lib/server/db";
import type { Actor } from "@/lib/server/roles";
import { executeSampleRun } from "./sample-run";
import { requestSample, signOffSample } from "./sample-service";
import { sampleView } from "./sample-view";

// The Sample step's server rules: who may run it, what a sign-off is bound to, and when it stops holding.
let fx: Fixture;
let tenant: Awaited<ReturnType<typeof createTenant>>;
let conn: FreshsalesConnection;
let admin: Actor;
let drafts: DraftData;

beforeAll(async () => {
  fx = await setUpDestination({ seed: 21, total: 1200, dirtyRates: { control_chars: 0 } });
  tenant = await createTenant(db());
  admin = { id: tenant.userId, email: (await db().user.findUniqueOrThrow({ where: { id: tenant.userId } })).email, role: "ADMIN", organizationId: tenant.organizationId };
  await stageDataset(db(), tenant.migrationId, fx.ds);
  conn = connectionTo(fx.emulator);
  const by = { at: new Date().toISOString(), by: admin.email };
  await db().migration.update({ where: { id: tenant.migrationId }, data: { gates: { connect: by, inventory: by, map: by, preflight: by, "dry-run": by } } });
  drafts = {
    fieldMap: { mappings: fx.mapping.fieldMap, handledElsewhere: [] },
    routing: { rules: fx.mapping.routing, existingRecords: "update", existingAccounts: "update", changeExistingOwner: false, duplicateEmails: "first_wins", accountNames: "suffix-city" },
    stageMap: fx.mapping.stageMap,
    owners: { report: { rows: [], fallbackOwnerId: fx.mapping.owners.fallbackOwnerId, summary: {} }, resolution: fx.mapping.owners },
  };
  await saveDrafts(db(), { organizationId: tenant.organizationId, migrationId: tenant.migrationId, actor: admin, action: "proposed" }, drafts);
});
afterAll(async () => {
  conn?.close();
  await fx?.emulator.close();
});

async function approveAll() {
  for (const d of await db().mappingDraft.findMany({ where: { migrationId: tenant.migrationId } })) {
    await db().approval.create({ data: { migrationId: tenant.migrationId, kind: d.kind, versionHash: d.versionHash, approvedById: admin.id, approvedBy: admin.email } });
  }
}

const gates = async () => parseGateRecords((await db().migration.findUniqueOrThrow({ where: { id: tenant.migrationId } })).gates);

describe("sample request and sign-off", () => {
  it("needs an admin and an approved map", async () => {
    await expect(requestSample(db(), { ...admin, role: "MEMBER" }, tenant.migrationId, 100)).rejects.toThrow(/Only an admin/);
    await expect(requestSample(db(), admin, tenant.migrationId, 100)).rejects.toThrow(/mapping is not approved/);
  });

  it("signs off only the latest finished sample, mismatches accepted explicitly, bound to the map's versions", async () => {
    await approveAll();
    const { runId, chosen } = await requestSample(db(), admin, tenant.migrationId, 100);
    expect(chosen).toBe(100);
    await expect(signOffSample(db(), admin, tenant.migrationId, runId, false)).rejects.toThrow(/not finished/);
    const approved = await loadApprovedMapping(db(), tenant.organizationId, tenant.migrationId);
    await executeSampleRun(
      {
        db: db(), conn, files: await stageFiles(fx.ds, tenant.migrationId), mapping: toApprovedMapping(approved),
        beforeDiff: async () => {
          const row = await db().ledgerEntry.findFirstOrThrow({ where: { runId, objectType: "companies", state: "written" } });
          await updateRecord(conn, "sales_account", Number(row.destId), { name: "Renamed in Freshsales" });
        },
      },
      runId,
    );
    await expect(signOffSample(db(), admin, tenant.migrationId, runId, false)).rejects.toThrow(/1 mismatched field/);
    await signOffSample(db(), admin, tenant.migrationId, runId, true);
    expect((await gates()).sample?.by).toBe(admin.email);
    const approval = await db().approval.findFirstOrThrow({ where: { migrationId: tenant.migrationId, kind: "sample", withdrawnAt: null } });
    const audit = await db().auditEvent.findFirstOrThrow({ where: { migrationId: tenant.migrationId, action: "sample.signed_off" } });
    expect(audit.detail).toMatchObject({ runId, versionHash: approval.versionHash, versions: approved.versions, acceptedMismatches: 1 });
    expect((await sampleView(db(), tenant.organizationId, tenant.migrationId)).signOff?.approvedBy).toBe(admin.email);
    // Its accounts, contacts and deals go back to the full run (to be upserted with every relation); the rest stays written.
    const rows = await db().ledgerEntry.findMany({ where: { runId, destId: { not: null } } });
    for (const r of rows) {
      const upsertable = ["companies", "contacts", "deals"].includes(r.objectType);
      expect(r.state, `${r.objectType} ${r.sourceId}`).toBe(upsertable ? (r.action === "updated" ? "intent" : "pending") : "written");
    }
  });

  it("a changed map withdraws the step, and the old sample can no longer be signed off", async () => {
    const run = (await db().run.findFirstOrThrow({ where: { migrationId: tenant.migrationId, kind: "sample" }, orderBy: { createdAt: "desc" } })).id;
    const edited = drafts.fieldMap.mappings.map((m, i) => (i === 0 ? { ...m, decision: { kind: "do_not_migrate" as const } } : m));
    await saveDrafts(db(), { organizationId: tenant.organizationId, migrationId: tenant.migrationId, actor: admin, action: "edited" }, { fieldMap: { ...drafts.fieldMap, mappings: edited } });
    expect((await gates()).sample).toBeUndefined();
    const view = await sampleView(db(), tenant.organizationId, tenant.migrationId);
    expect(view.signOff).toBeNull();
    expect(view.mapChanged).toBe(true);
    await expect(signOffSample(db(), admin, tenant.migrationId, run, true)).rejects.toThrow(/locked/);
  });
});
