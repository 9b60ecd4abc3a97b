/**
 * The run's figures against what Freshsales holds: a record the ledger calls failed (or
 * skipped) while Freshsales holds it under its source id is what an earlier version did
 * against an independently written Freshsales. Reconciliation must name that divergence, on
 * either emulator profile, and find none when the two agree.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FreshsalesConnection } from "@/lib/connectors/freshsales/connection";
import { driveRun } from "@/lib/migration/driver";
import { startFullRun } from "@/lib/migration/engine";
import type { FreshsalesEmulatorOptions } from "@/lib/sandbox/freshsales/server";
import { db } from "@/lib/server/db";
import { ledgerVsDestination, type EmulatorDump } from "@/test/ledger-vs-destination";
import { connectionTo, createTenant, setUpDestination, stageDataset, type Fixture } from "@/test/support/migration";
import { buildReconcileReport } from "./reconcile";
import { reportCsv } from "./report-export";

const PROFILES: [string, FreshsalesEmulatorOptions][] = [
  ["default", {}],
  ["variant", { profile: "variant" }],
];

describe.each(PROFILES)("reconciliation of the ledger's written records with Freshsales (%s)", (_name, profile) => {
  let fx: Fixture;
  let conn: FreshsalesConnection;
  let tenant: Awaited<ReturnType<typeof createTenant>>;
  let runId: string;

  beforeAll(async () => {
    fx = await setUpDestination({ seed: 17, total: 200, dirtyRates: { control_chars: 0 } }, profile);
    tenant = await createTenant(db());
    await stageDataset(db(), tenant.migrationId, fx.ds);
    conn = connectionTo(fx.emulator);
    ({ runId } = await startFullRun(db(), { organizationId: tenant.organizationId, migrationId: tenant.migrationId, actor: { id: tenant.userId, email: "a@x" }, mapping: fx.mapping, destination: fx.destination }));
    await driveRun(() => ({ db: db(), conn, bulkPollMs: 10 }), runId);
  });
  afterAll(async () => {
    conn?.close();
    await fx?.emulator.close();
  });

  const report = () => buildReconcileReport({ db: db(), conn, mapping: fx.mapping, samplePerObject: 3 }, runId, tenant.migrationId);

  it("finds nothing unrecorded when the ledger agrees with the destination", async () => {
    const rows = await db().ledgerEntry.findMany({ where: { migrationId: tenant.migrationId } });
    expect(ledgerVsDestination(rows, fx.emulator.admin.dump() as unknown as EmulatorDump)).toEqual([]);
    // Not vacuous: there are failed or skipped rows, and they were searched.
    expect(rows.filter((r) => ["companies", "contacts", "deals"].includes(r.objectType) && r.state !== "written").length).toBeGreaterThan(0);
    const r = await report();
    expect(r.divergences.filter((d) => d.kind === "unrecorded")).toEqual([]);
    for (const o of r.objects.filter((x) => ["companies", "contacts", "deals"].includes(x.objectType))) expect(o.unrecorded, o.objectType).toEqual([]);
  });

  it("names each record Freshsales holds that the ledger calls failed or skipped", async () => {
    // The ledger tells less than the destination: one contact "failed", one account "skipped".
    const contact = await db().ledgerEntry.findFirstOrThrow({ where: { migrationId: tenant.migrationId, objectType: "contacts", state: "written", action: "created" }, orderBy: { sourceId: "asc" } });
    const company = await db().ledgerEntry.findFirstOrThrow({ where: { migrationId: tenant.migrationId, objectType: "companies", state: "written" }, orderBy: { sourceId: "asc" } });
    const key = (r: typeof contact) => ({ migrationId_objectType_sourceId: { migrationId: r.migrationId, objectType: r.objectType, sourceId: r.sourceId } });
    await db().ledgerEntry.update({ where: key(contact), data: { state: "failed", reason: "reported failed by the bulk job" } });
    await db().ledgerEntry.update({ where: key(company), data: { state: "skipped", reason: "test" } });
    const rows = await db().ledgerEntry.findMany({ where: { migrationId: tenant.migrationId } });
    expect(ledgerVsDestination(rows, fx.emulator.admin.dump() as unknown as EmulatorDump).length).toBeGreaterThan(0);

    const r = await report();
    const unrecorded = r.divergences.filter((d) => d.kind === "unrecorded");
    expect(unrecorded.map((d) => d.key).sort()).toEqual(["unrecorded:companies", "unrecorded:contacts"]);
    const said = unrecorded.find((d) => d.objectType === "contacts")!.message;
    expect(said).toContain(`${contact.sourceId} (failed) is contact ${contact.destId}`);
    expect(said).toMatch(/Freshsales holds 1 contacts carrying the source id/);
    expect(r.objects.find((o) => o.objectType === "contacts")!.unrecorded).toEqual([`${contact.sourceId}=${contact.destId}`]);
    expect(r.objects.find((o) => o.objectType === "companies")!.unrecorded).toEqual([`${company.sourceId}=${company.destId}`]);
    expect(reportCsv(r, "counts", false)).toContain(`${contact.sourceId}=${contact.destId}`);
  });
});
