import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VisualPracticeClient } from "@/lib/connectors/visual-practice/client";
import type { FreshsalesConnection } from "@/lib/connectors/freshsales/connection";
import { lookup } from "@/lib/connectors/freshsales/lookups";
import { getRecord, updateRecord } from "@/lib/connectors/freshsales/record-writes";
import { createTenant, type Fixture } from "@/test/support/migration";
import { migratedPair, type MigratedPair } from "@/test/support/delta-window";
import { parseGateRecords } from "@/lib/gates/gates";
import { db } from "@/lib/server/db";
import { type VisualPracticeServer } from "@/lib/sandbox/visual-practice/server";
import type { Actor } from "@/lib/server/roles";
import { decideConflict } from "./conflicts";
import { decideDeletion } from "./deletions";
import { endDeltaWindow, extendDeltaWindow, openDeltaWindow } from "./delta-window";
import { pollOnce } from "./poll-source";
import type { ConflictField, DeltaStats } from "./types";

// The delta window against the Visual Practice sandbox and the Freshsales emulator, after a full run.
const CONFIG = { seed: 9, total: 400, dirtyRates: { control_chars: 0 } };
let fx: Fixture;
let vp: VisualPracticeServer;
let tenant: Awaited<ReturnType<typeof createTenant>>;
let conn: FreshsalesConnection;
let admin: Actor;

let pair: MigratedPair;
beforeAll(async () => {
  pair = await migratedPair(CONFIG);
  ({ fx, vp, tenant, conn, admin } = pair);
});
afterAll(async () => pair?.close());

async function writtenContacts() {
  return db().ledgerEntry.findMany({ where: { migrationId: tenant.migrationId, objectType: "contacts", state: "written", target: "contacts", action: "created" }, orderBy: { sourceId: "asc" } });
}

describe("delta window", () => {
  it("applies a source change, creates a new record, and turns a Freshsales edit into a conflict", async () => {
    const { runId } = await openDeltaWindow(db(), admin, tenant.migrationId, { windowHours: 24 });
    const [a, b] = await writtenContacts();
    const company = await db().ledgerEntry.findFirstOrThrow({ where: { migrationId: tenant.migrationId, objectType: "companies", state: "written" } });
    const owner = String(fx.ds.record("contacts", fx.ds.indexOf("contacts", a!.sourceId)!).owner_id);
    const bBefore = await getRecord(conn, "contact", Number(b!.destId));

    await new Promise((r) => setTimeout(r, 1100));
    vp.update("contacts", a!.sourceId, { first_name: "Changed-In-Source" });
    vp.update("contacts", b!.sourceId, { first_name: "Also-Changed-In-Source", last_name: "Source-Last" });
    await updateRecord(conn, "contact", Number(b!.destId), { last_name: "Edited-In-Freshsales" });
    const [, , c] = await writtenContacts();
    vp.softDelete("contacts", c!.sourceId);
    const made = vp.create("contacts", { first_name: "New", last_name: "During-Window", email: "new.during.window@example.test", company_id: company.sourceId, owner_id: owner });

    const source = new VisualPracticeClient({ baseUrl: vp.baseUrl, token: vp.token });
    const picked = await pollOnce({ db: db(), conn, source, mapping: fx.mapping }, runId);
    expect(picked?.map((p) => `${p.collection}/${p.sourceId}:${p.outcome}`).sort()).toEqual(
      [`contacts/${a!.sourceId}:updated`, `contacts/${b!.sourceId}:conflict`, `contacts/${made.id}:created`, `contacts/${c!.sourceId}:deleted_in_source`].sort(),
    );

    expect((await getRecord(conn, "contact", Number(a!.destId)))?.fields.first_name).toBe("Changed-In-Source");
    const newOne = (await lookup(conn, { value: String(made.id), field: "cf_vp_id", entities: ["contact"] })).contact[0];
    expect(newOne?.fields.last_name).toBe("During-Window");
    expect(newOne?.fields.sales_account_id).toBe(Number(company.destId));

    // Not overwritten: Freshsales keeps the admin's edit until someone decides; the field only the source changed is merged.
    const bNow = await getRecord(conn, "contact", Number(b!.destId));
    expect(bNow?.fields.last_name).toBe("Edited-In-Freshsales");
    expect(bNow?.fields.first_name).toBe("Also-Changed-In-Source");
    const conflicts = await db().deltaConflict.findMany({ where: { migrationId: tenant.migrationId } });
    expect(conflicts).toHaveLength(1);
    const fields = conflicts[0]!.fields as unknown as ConflictField[];
    expect(fields.map((f) => f.field)).toEqual(["last_name"]);
    expect(fields[0]).toMatchObject({ source: "Source-Last", destination: "Edited-In-Freshsales", written: bBefore?.fields.last_name });

    const stats = (await db().run.findUniqueOrThrow({ where: { id: runId } })).stats as unknown as DeltaStats;
    expect(stats).toMatchObject({ polls: 1, pickedUp: 4, created: 1, updated: 1, conflicts: 1, deletedInSource: 1 });
    // Nothing is deleted in Freshsales during the window: the deletion is listed with its record.
    expect(await getRecord(conn, "contact", Number(c!.destId))).not.toBeNull();
    const deletions = await db().deltaDeletion.findMany({ where: { migrationId: tenant.migrationId } });
    expect(deletions.map((d) => `${d.objectType}/${d.sourceId}->${d.destId}:${d.status}`)).toEqual([`contacts/${c!.sourceId}->${c!.destId}:open`]);

    // A second poll with nothing new changes nothing.
    expect(await pollOnce({ db: db(), conn, source, mapping: fx.mapping }, runId)).toEqual([]);

    // The window can be kept open longer; each poll's findings are kept for the chart.
    const endsAt = (s: unknown) => Date.parse((s as { endsAt: string }).endsAt);
    const before = endsAt((await db().run.findUniqueOrThrow({ where: { id: runId } })).settings);
    await extendDeltaWindow(db(), admin, tenant.migrationId, 12);
    const extended = await db().run.findUniqueOrThrow({ where: { id: runId } });
    expect(endsAt(extended.settings) - before).toBe(12 * 3_600_000);
    expect((extended.stats as unknown as DeltaStats).history?.map((h) => h.created + h.updated + h.conflicts + h.deleted)).toEqual([4, 0]);

    // Ending the window with a conflict and a deletion open leaves the gate open; deciding both completes it.
    expect(await endDeltaWindow(db(), admin, tenant.migrationId)).toMatchObject({ gateCompleted: false, openConflicts: 1, openDeletions: 1 });
    const decided = await decideConflict({ db: db(), conn, mapping: fx.mapping }, admin, tenant.migrationId, conflicts[0]!.id, "apply_source");
    expect(decided.gateCompleted).toBe(false);
    expect((await decideDeletion({ db: db(), conn }, admin, tenant.migrationId, deletions[0]!.id, "delete")).gateCompleted).toBe(true);
    expect(await getRecord(conn, "contact", Number(c!.destId))).toBeNull();
    // The ledger no longer points at it, so a rollback does not try to remove it again.
    expect(await db().ledgerEntry.findUniqueOrThrow({ where: { migrationId_objectType_sourceId: { migrationId: tenant.migrationId, objectType: "contacts", sourceId: c!.sourceId } } })).toMatchObject({ state: "skipped", destId: null });
    await expect(decideDeletion({ db: db(), conn }, admin, tenant.migrationId, deletions[0]!.id, "keep")).rejects.toThrow(/decided already/);
    const bAfter = await getRecord(conn, "contact", Number(b!.destId));
    expect(bAfter?.fields.first_name).toBe("Also-Changed-In-Source");
    expect(bAfter?.fields.last_name).toBe("Source-Last");
    const migration = await db().migration.findUniqueOrThrow({ where: { id: tenant.migrationId } });
    expect(parseGateRecords(migration.gates).delta?.by).toBe(admin.email);
    const audit = await db().auditEvent.findMany({ where: { migrationId: tenant.migrationId, action: { startsWith: "delta." } }, orderBy: { seq: "asc" } });
    expect(audit.map((e) => e.action)).toEqual(["delta.opened", "delta.extended", "delta.closed", "delta.conflict.decided", "delta.deletion.decided"]);
    // Closing leaves a summary of what the window brought in.
    expect(audit.find((e) => e.action === "delta.closed")?.detail).toMatchObject({ reason: "ended_by_admin", polls: 2, created: 1, updated: 1, conflicts: 1, deletedInSource: 1 });
  });
});
