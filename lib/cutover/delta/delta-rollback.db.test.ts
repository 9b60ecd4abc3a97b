import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VisualPracticeClient } from "@/lib/connectors/visual-practice/client";
import type { LocalFolderFileStore } from "@/lib/connectors/visual-practice/file-store";
import type { FreshsalesConnection } from "@/lib/connectors/freshsales/connection";
import { driveRun } from "@/lib/migration/driver";
import { startFullRun } from "@/lib/migration/engine";
import { rollbackMigration } from "@/lib/migration/rollback";
import { db } from "@/lib/server/db";
import type { Actor } from "@/lib/server/roles";
import { type VisualPracticeServer } from "@/lib/sandbox/visual-practice/server";
import type { JsonObject } from "@/lib/sandbox/generator/json";
import { createTenant, type Fixture } from "@/test/support/migration";
import { migratedPair, type MigratedPair } from "@/test/support/delta-window";
import { openDeltaWindow } from "./delta-window";
import { pollOnce } from "./poll-source";

// Rollback after a delta window that created and updated records of every kind: Freshsales is
// left exactly as it was before the run (the emulator's dump leaves out only timestamps).
const CONFIG = { seed: 41, total: 300, dirtyRates: { control_chars: 0 } };
let fx: Fixture;
let vp: VisualPracticeServer;
let tenant: Awaited<ReturnType<typeof createTenant>>;
let conn: FreshsalesConnection;
let files: LocalFolderFileStore;
let admin: Actor;

let pair: MigratedPair;
beforeAll(async () => {
  pair = await migratedPair(CONFIG, { files: true, run: false });
  ({ fx, vp, tenant, conn, admin } = pair);
  if (!pair.files) throw new Error("the files were not staged");
  files = pair.files;
});
afterAll(async () => pair?.close());

const source = (collection: Parameters<Fixture["ds"]["record"]>[0], id: string) => fx.ds.record(collection, fx.ds.indexOf(collection, id)!) as Record<string, unknown>;
const shapedLike = (collection: Parameters<Fixture["ds"]["record"]>[0], id: string): JsonObject => {
  const { id: _id, created_at: _c, updated_at: _u, deleted_at: _d, ...rest } = source(collection, id);
  return rest as JsonObject;
};
const written = (objectType: string, where: Record<string, unknown> = {}) =>
  db().ledgerEntry.findMany({ where: { migrationId: tenant.migrationId, objectType, state: "written", action: "created", ...where }, orderBy: { sourceId: "asc" } });

describe("rollback after a delta window", () => {
  it("leaves the emulator's dump equal to its dump from before the run", async () => {
    const before = JSON.stringify(fx.emulator.admin.dump());
    const full = await startFullRun(db(), { organizationId: tenant.organizationId, migrationId: tenant.migrationId, actor: admin, mapping: fx.mapping, destination: fx.destination });
    await driveRun(() => ({ db: db(), conn, files, bulkPollMs: 10 }), full.runId);
    const by = { at: new Date().toISOString(), by: admin.email };
    await db().migration.update({ where: { id: tenant.migrationId }, data: { gates: { connect: by, inventory: by, map: by, preflight: by, "dry-run": by, sample: by, "full-run": by } } });
    const { runId } = await openDeltaWindow(db(), admin, tenant.migrationId, { windowHours: 24 });
    await new Promise((r) => setTimeout(r, 1100));

    // Updates of every kind, and new records hanging off each other.
    const [parent, child] = await written("companies");
    const [lead] = await written("contacts", { target: "leads" });
    const [customer] = await written("contacts", { target: "contacts" });
    const [product] = await written("products");
    const [deal] = (await written("deals")).filter((d) => (source("deals", d.sourceId).line_items as unknown[]).length > 0);
    const [task] = await written("activities", { target: "tasks" });
    const [meeting] = await written("activities", { target: "appointments" });
    const doc = (await written("attachments"))[0]!;
    vp.update("companies", child!.sourceId, { parent_company_id: parent!.sourceId, name: "Renamed in the window" });
    vp.update("contacts", lead!.sourceId, { company_id: parent!.sourceId });
    vp.update("contacts", customer!.sourceId, { first_name: "Edited", company_id: null });
    vp.update("products", product!.sourceId, { name: "Renamed product" });
    vp.update("deals", deal!.sourceId, { amount: "777.00", line_items: [] });
    vp.update("activities", task!.sourceId, { subject: "Edited task" });
    vp.update("activities", meeting!.sourceId, { start_at: "2027-05-01T09:00:00Z", end_at: "2027-05-01T10:00:00Z" });
    vp.update("attachments", doc.sourceId, { filename: "replaced.pdf", content_type: "application/pdf", size_bytes: 1500 });
    const company = vp.create("companies", { ...shapedLike("companies", parent!.sourceId), name: "New in the window", parent_company_id: parent!.sourceId });
    const contact = vp.create("contacts", { ...shapedLike("contacts", customer!.sourceId), email: "new.in.window@example.test", company_id: company.id });
    const made = vp.create("products", { ...shapedLike("products", product!.sourceId), name: "New product", sku: "NEW-1" });
    vp.create("deals", { ...shapedLike("deals", deal!.sourceId), name: "New deal", company_id: company.id, contact_ids: [contact.id], line_items: [{ product_id: made.id, quantity: 1, unit_price: "3.00" }] });
    vp.create("activities", { ...shapedLike("activities", task!.sourceId), subject: "New task", contact_id: contact.id, company_id: null, deal_id: null });
    vp.create("attachments", { filename: "new.txt", content_type: "text/plain", size_bytes: 64, parent_type: "contact", parent_id: contact.id, uploaded_by: String(source("contacts", customer!.sourceId).owner_id) });

    const picked = await pollOnce({ db: db(), conn, source: new VisualPracticeClient({ baseUrl: vp.baseUrl, token: vp.token }), mapping: fx.mapping, files }, runId);
    expect(picked?.filter((p) => p.outcome === "created")).toHaveLength(6);
    expect(picked?.filter((p) => p.outcome === "updated")).toHaveLength(8);
    const open = await db().ledgerEntry.findMany({ where: { migrationId: tenant.migrationId, runId, state: { not: "written" } } });
    expect(open.map((r) => `${r.objectType}/${r.sourceId}:${r.state}:${r.reason}`)).toEqual([]);
    expect(JSON.stringify(fx.emulator.admin.dump())).not.toBe(before);

    await rollbackMigration(db(), conn, { organizationId: tenant.organizationId, migrationId: tenant.migrationId, actor: admin });
    expect(JSON.parse(JSON.stringify(fx.emulator.admin.dump()))).toEqual(JSON.parse(before));
  });
});
