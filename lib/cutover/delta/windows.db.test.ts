import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VisualPracticeClient } from "@/lib/connectors/visual-practice/client";
import type { FreshsalesConnection } from "@/lib/connectors/freshsales/connection";
import { getRecord } from "@/lib/connectors/freshsales/record-writes";
import { confirmGoLive } from "@/lib/cutover/go-live/go-live";
import { parseGateRecords } from "@/lib/gates/gates";
import { rollbackMigration } from "@/lib/migration/rollback";
import { db } from "@/lib/server/db";
import type { Actor } from "@/lib/server/roles";
import { type VisualPracticeServer } from "@/lib/sandbox/visual-practice/server";
import { createTenant, type Fixture } from "@/test/support/migration";
import { migratedPair, type MigratedPair } from "@/test/support/delta-window";
import { decideDeletion } from "./deletions";
import { endDeltaWindow, openDeltaWindow, pendingChanges } from "./delta-window";
import { pollOnce } from "./poll-source";
import { restoreDeletion } from "./restore-deletion";

// Windows that end early, a second window after a re-run, and a deleted record brought back.
const CONFIG = { seed: 41, total: 240, dirtyRates: { control_chars: 0 } };
let fx: Fixture;
let vp: VisualPracticeServer;
let tenant: Awaited<ReturnType<typeof createTenant>>;
let conn: FreshsalesConnection;
let admin: Actor;
let before: string;

let pair: MigratedPair;
beforeAll(async () => {
  pair = await migratedPair(CONFIG);
  ({ fx, vp, tenant, conn, admin } = pair);
  before = pair.dumpBefore;
});
afterAll(async () => pair?.close());

async function setGates(keys: string[]) {
  const by = { at: new Date().toISOString(), by: admin.email };
  await db().migration.update({ where: { id: tenant.migrationId }, data: { gates: Object.fromEntries(keys.map((k) => [k, by])) } });
}
const gates = async () => Object.keys(parseGateRecords((await db().migration.findUniqueOrThrow({ where: { id: tenant.migrationId } })).gates));
const client = () => new VisualPracticeClient({ baseUrl: vp.baseUrl, token: vp.token });
/** The source, except that listing `dieAt` throws: the poll stops there, as a killed worker would. */
function dyingSource(dieAt: string): VisualPracticeClient {
  const c = client();
  const iterate = c.iteratePages.bind(c);
  c.iteratePages = ((collection, options) => {
    if (collection === dieAt) throw new Error(`worker killed while listing ${dieAt}`);
    return iterate(collection, options);
  }) as typeof c.iteratePages;
  return c;
}
const poll = (runId: string, source = client()) => pollOnce({ db: db(), conn, source, mapping: fx.mapping }, runId);
const ledger = (objectType: string, sourceId: string) => db().ledgerEntry.findUniqueOrThrow({ where: { migrationId_objectType_sourceId: { migrationId: tenant.migrationId, objectType, sourceId } } });

describe("delta windows: closing early, going live, a second window, restoring a deletion", () => {
  it("holds go-live while a change is left unwritten, writes it in a second window, restores a deleted contact with its activities, a deal with its line items and an account with its links, and rolls back to before the run", async () => {
    const contacts = await db().ledgerEntry.findMany({ where: { migrationId: tenant.migrationId, objectType: "contacts", state: "written", target: "contacts", action: "created" }, orderBy: { sourceId: "asc" } });
    // The contact to delete has activities the run wrote on it (Freshsales removes those with it).
    const [withActivities] = await db().$queryRawUnsafe<{ id: string }[]>(
      `SELECT s.data->>'contact_id' AS id FROM "StagedRecord" s JOIN "LedgerEntry" l ON l."migrationId" = s."migrationId" AND l."objectType" = s.collection AND l."sourceId" = s."sourceId"
        WHERE s."migrationId" = $1 AND s.collection = 'activities' AND l.state = 'written' AND s.data->>'contact_id' = ANY($2::text[])
        GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
      tenant.migrationId, contacts.map((c) => c.sourceId),
    );
    const d = contacts.find((c) => c.sourceId === withActivities?.id)!;
    const [a, b, c] = contacts.filter((x) => x.sourceId !== d.sourceId);
    expect(d && a && b && c).toBeTruthy();

    const w1 = (await openDeltaWindow(db(), admin, tenant.migrationId, { windowHours: 24 })).runId;
    await new Promise((r) => setTimeout(r, 1100));
    vp.update("contacts", a!.sourceId, { first_name: "W1-A" });
    expect((await poll(w1))?.map((p) => `${p.sourceId}:${p.outcome}`)).toEqual([`${a!.sourceId}:updated`]);
    // b is picked up and marked, then the worker dies before writing it; the admin ends the window.
    vp.update("contacts", b!.sourceId, { last_name: "W1-B-Unwritten" });
    await expect(poll(w1, dyingSource("deals"))).rejects.toThrow(/worker killed/);
    expect(await pendingChanges(db(), tenant.migrationId)).toBe(1);
    expect(await endDeltaWindow(db(), admin, tenant.migrationId)).toMatchObject({ gateCompleted: false, openConflicts: 0, openDeletions: 0, pendingChanges: 1 });
    await expect(endDeltaWindow(db(), admin, tenant.migrationId)).rejects.toThrow(/No delta window is open/);
    expect(await gates()).not.toContain("delta");

    // Go-live refuses while the change is unwritten, even with the later steps signed off.
    await setGates(["connect", "inventory", "map", "preflight", "dry-run", "sample", "full-run", "delta", "reconcile"]);
    const name = (await db().migration.findUniqueOrThrow({ where: { id: tenant.migrationId } })).name;
    await expect(confirmGoLive(db(), admin, tenant.migrationId, name)).rejects.toThrow(/1 change\(s\) the window picked up and did not write/);
    expect((await db().migration.findUniqueOrThrow({ where: { id: tenant.migrationId } })).closedAt).toBeNull();

    // A re-run of failed records in progress holds the second window; once it has finished, it opens.
    // (The re-run is stood in for by its run row, with the first run's settings, as `retryFailed` makes it.)
    const first = await db().run.findFirstOrThrow({ where: { migrationId: tenant.migrationId, kind: "full" } });
    const rerun = await db().run.create({ data: { organizationId: tenant.organizationId, migrationId: tenant.migrationId, kind: "full", status: "running", startedAt: new Date(), settings: first.settings as object } });
    await expect(openDeltaWindow(db(), admin, tenant.migrationId, { windowHours: 24 })).rejects.toThrow(/after the full run has finished/);
    await db().run.update({ where: { id: rerun.id }, data: { status: "done", finishedAt: new Date() } });
    const w2 = (await openDeltaWindow(db(), admin, tenant.migrationId, { windowHours: 24 })).runId;
    const [r1, r2] = await Promise.all([w1, w2].map((id) => db().run.findUniqueOrThrow({ where: { id } })));
    expect(r2!.watermark?.toISOString()).toBe(r1!.watermark?.toISOString());
    const opened = await db().auditEvent.findFirstOrThrow({ where: { migrationId: tenant.migrationId, action: "delta.opened" }, orderBy: { seq: "desc" } });
    expect(opened.detail).toMatchObject({ runId: w2, previousRunId: w1, carried: 1 });
    // The step is open again (and what follows it): the new window's findings must be settled.
    expect(await gates()).toEqual(expect.not.arrayContaining(["delta", "reconcile"]));

    // A deal with line items is deleted in the source too.
    const [deal] = await db().$queryRawUnsafe<{ sourceId: string; destId: string }[]>(
      `SELECT l."sourceId", l."destId" FROM "LedgerEntry" l JOIN "StagedRecord" s ON s."migrationId" = l."migrationId" AND s.collection = l."objectType" AND s."sourceId" = l."sourceId"
        WHERE l."migrationId" = $1 AND l."objectType" = 'deals' AND l.state = 'written' AND l.action = 'created' AND jsonb_array_length(s.data->'line_items') > 0 ORDER BY 1 LIMIT 1`,
      tenant.migrationId,
    );
    const dealHeld = await getRecord(conn, "deal", Number(deal!.destId), ["products"]);
    expect((dealHeld?.fields.products as unknown[]).length).toBeGreaterThan(0);
    vp.update("contacts", c!.sourceId, { first_name: "W2-C" });
    vp.softDelete("contacts", d.sourceId);
    vp.softDelete("deals", deal!.sourceId);
    expect((await poll(w2))?.map((p) => `${p.sourceId}:${p.outcome}`).sort()).toEqual([`${c!.sourceId}:updated`, `${d.sourceId}:deleted_in_source`, `${deal!.sourceId}:deleted_in_source`].sort());
    expect((await getRecord(conn, "contact", Number(b!.destId)))?.fields.last_name).toBe("W1-B-Unwritten");
    expect((await getRecord(conn, "contact", Number(c!.destId)))?.fields.first_name).toBe("W2-C");
    expect(await pendingChanges(db(), tenant.migrationId)).toBe(0);

    // Deleted in Freshsales at the admin's choice: the record and the activities hanging off it go.
    const held = await getRecord(conn, "contact", Number(d.destId));
    const deletion = await db().deltaDeletion.findFirstOrThrow({ where: { migrationId: tenant.migrationId, sourceId: d.sourceId } });
    await decideDeletion({ db: db(), conn }, admin, tenant.migrationId, deletion.id, "delete");
    expect(await getRecord(conn, "contact", Number(d.destId))).toBeNull();
    const children = ((await db().deltaDeletion.findUniqueOrThrow({ where: { id: deletion.id } })).snapshot as { children: { sourceId: string; destId: string }[] }).children;
    expect(children.length).toBeGreaterThan(0);
    for (const ch of children) expect(await ledger("activities", ch.sourceId)).toMatchObject({ state: "skipped", destId: null });

    // Restored: a new Freshsales record with the same values, its activities written again, audited.
    const restored = await restoreDeletion({ db: db(), conn, mapping: fx.mapping }, admin, tenant.migrationId, deletion.id);
    expect(restored).toMatchObject({ children: children.length, childrenFailed: 0 });
    const back = await getRecord(conn, "contact", Number(restored.destId));
    for (const f of ["first_name", "last_name", "sales_account_id", "cf_vp_id", "owner_id"]) expect(back?.fields[f]).toEqual(held?.fields[f]);
    const emails = (r: typeof back) => (r?.fields.emails as { value: string; is_primary: boolean }[]).map((e) => `${e.value}:${e.is_primary}`);
    expect(emails(back)).toEqual(emails(held));
    expect(await ledger("contacts", d.sourceId)).toMatchObject({ state: "written", destId: restored.destId, action: "created" });
    for (const ch of children) {
      const row = await ledger("activities", ch.sourceId);
      expect(row.state).toBe("written");
      const kind = row.target === "appointments" ? "appointment" : row.target === "notes" ? "note" : "task";
      const body = (await conn.request("GET", `${row.target}/${row.destId}`)).body as Record<string, Record<string, unknown>>;
      expect(body[kind]?.targetable_id).toBe(Number(restored.destId));
    }
    await expect(restoreDeletion({ db: db(), conn, mapping: fx.mapping }, admin, tenant.migrationId, deletion.id)).rejects.toThrow(/nothing to restore/);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { migrationId: tenant.migrationId, action: "delta.deletion.restored" } });
    expect(audit.detail).toMatchObject({ sourceId: d.sourceId, from: d.destId, to: restored.destId, children: children.length });

    // The deal comes back with its fields and its line items.
    const dealDeletion = await db().deltaDeletion.findFirstOrThrow({ where: { migrationId: tenant.migrationId, sourceId: deal!.sourceId } });
    await decideDeletion({ db: db(), conn }, admin, tenant.migrationId, dealDeletion.id, "delete");
    expect(await getRecord(conn, "deal", Number(deal!.destId))).toBeNull();
    const dealBack = await getRecord(conn, "deal", Number((await restoreDeletion({ db: db(), conn, mapping: fx.mapping }, admin, tenant.migrationId, dealDeletion.id)).destId), ["products"]);
    for (const f of ["name", "amount", "deal_stage_id", "deal_pipeline_id", "sales_account_id", "cf_vp_id"]) expect(dealBack?.fields[f]).toEqual(dealHeld?.fields[f]);
    const lines = (r: typeof dealHeld) => (r?.fields.products as { id: number; quantity: number; unit_price: unknown }[]).map((l) => `${l.id}x${l.quantity}@${String(l.unit_price)}`);
    expect(lines(dealBack)).toEqual(lines(dealHeld));

    // An account deleted and restored: its contacts and deals get it back as their primary account.
    const busy = [held?.fields.sales_account_id, dealHeld?.fields.sales_account_id].map(String);
    const companies = await db().$queryRawUnsafe<{ sourceId: string; destId: string; contacts: string[] }[]>(
      `SELECT c."sourceId", c."destId", array_agg(l."destId") AS contacts FROM "LedgerEntry" c
         JOIN "StagedRecord" s ON s."migrationId" = c."migrationId" AND s.collection = 'contacts' AND s.data->>'company_id' = c."sourceId"
         JOIN "LedgerEntry" l ON l."migrationId" = s."migrationId" AND l."objectType" = 'contacts' AND l."sourceId" = s."sourceId" AND l.state = 'written' AND l.target = 'contacts'
        WHERE c."migrationId" = $1 AND c."objectType" = 'companies' AND c.state = 'written' AND c.action = 'created'
          AND NOT EXISTS (SELECT 1 FROM "StagedRecord" k WHERE k."migrationId" = c."migrationId" AND k.collection = 'companies' AND k.data->>'parent_company_id' = c."sourceId")
        GROUP BY 1, 2 ORDER BY 1`,
      tenant.migrationId,
    );
    const company = companies.find((x) => !busy.includes(x.destId))!;
    const member = company.contacts[0]!;
    expect((await getRecord(conn, "contact", Number(member)))?.fields.sales_account_id).toBe(Number(company.destId));
    vp.softDelete("companies", company.sourceId);
    expect((await poll(w2))?.map((p) => `${p.sourceId}:${p.outcome}`)).toEqual([`${company.sourceId}:deleted_in_source`]);
    const companyDeletion = await db().deltaDeletion.findFirstOrThrow({ where: { migrationId: tenant.migrationId, sourceId: company.sourceId } });
    await decideDeletion({ db: db(), conn }, admin, tenant.migrationId, companyDeletion.id, "delete");
    expect((await getRecord(conn, "contact", Number(member)))?.fields.sales_account_id ?? null).toBeNull();
    const account = (await restoreDeletion({ db: db(), conn, mapping: fx.mapping }, admin, tenant.migrationId, companyDeletion.id)).destId;
    expect(account).not.toBe(company.destId);
    expect((await getRecord(conn, "contact", Number(member)))?.fields.sales_account_id).toBe(Number(account));

    // Nothing left: ending the second window completes the step.
    expect(await endDeltaWindow(db(), admin, tenant.migrationId)).toMatchObject({ gateCompleted: true, pendingChanges: 0 });

    // A rollback after both windows (updated, created, deleted and restored records) leaves Freshsales as before the run.
    await rollbackMigration(db(), conn, { organizationId: tenant.organizationId, migrationId: tenant.migrationId, actor: admin });
    expect(JSON.parse(JSON.stringify(fx.emulator.admin.dump()))).toEqual(JSON.parse(before));
  });
});
