import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lookup } from "@/lib/connectors/freshsales/lookups";
import { getRecord, updateRecord } from "@/lib/connectors/freshsales/record-writes";
import type { FsEntity } from "@/lib/connectors/freshsales/wire";
import type { FreshsalesConnection } from "@/lib/connectors/freshsales/connection";
import { connectionTo, createTenant, setUpDestination, stageDataset, stageFiles, type Fixture } from "@/test/support/migration";
import { db } from "@/lib/server/db";
import type { DiffRow } from "./field-diff";
import { executeSampleRun, type SampleStats } from "./sample-run";
import { chooseSlice, emptySlice, sliceSize, type Slice } from "./sample-slice";

// A sample on the Freshsales emulator: slice, write through the engine, read back, diff.
let fx: Fixture;
let tenant: Awaited<ReturnType<typeof createTenant>>;
let conn: FreshsalesConnection;
let files: Awaited<ReturnType<typeof stageFiles>>;

beforeAll(async () => {
  fx = await setUpDestination({ seed: 5, total: 1500, dirtyRates: { control_chars: 0, exists_in_destination: 0.03 } });
  tenant = await createTenant(db());
  await stageDataset(db(), tenant.migrationId, fx.ds);
  files = await stageFiles(fx.ds, tenant.migrationId);
  conn = connectionTo(fx.emulator);
});
afterAll(async () => {
  conn?.close();
  await fx?.emulator.close();
});

async function sampleRun(slice: Slice, size: number) {
  return db().run.create({ data: { organizationId: tenant.organizationId, migrationId: tenant.migrationId, kind: "sample", settings: { size, slice } as object } });
}

const stats = async (runId: string) => (await db().run.findUniqueOrThrow({ where: { id: runId } })).stats as unknown as SampleStats;
const ENTITY: Record<string, FsEntity> = { companies: "sales_account", contacts: "contact", deals: "deal" };

describe("sample migration with field-level diff", () => {
  let first: { runId: string; slice: Slice; diff: DiffRow[]; rows: number };

  it("picks a connected slice of the requested size", async () => {
    const slice = await chooseSlice(db(), tenant.migrationId, 150, "one");
    expect(sliceSize(slice)).toBe(150);
    const staged = async (collection: string, ids: string[]) =>
      new Map((await db().stagedRecord.findMany({ where: { migrationId: tenant.migrationId, collection, sourceId: { in: ids } } })).map((r) => [r.sourceId, r.data as Record<string, unknown>]));
    const companies = new Set(slice.companies);
    for (const [id, c] of await staged("companies", slice.companies)) if (c.parent_company_id) expect(companies.has(String(c.parent_company_id)), id).toBe(true);
    for (const [id, c] of await staged("contacts", slice.contacts)) expect(companies.has(String(c.company_id)), id).toBe(true);
    for (const [id, d] of await staged("deals", slice.deals)) {
      expect(companies.has(String(d.company_id)), id).toBe(true);
      for (const li of (d.line_items ?? []) as { product_id: string }[]) expect(slice.products, id).toContain(li.product_id);
    }
    const inSlice = new Set([...slice.companies, ...slice.contacts, ...slice.deals]);
    for (const [id, a] of await staged("activities", slice.activities)) expect([a.contact_id, a.company_id, a.deal_id].some((l) => inSlice.has(String(l))), id).toBe(true);
    expect(slice.contacts.length).toBeGreaterThan(0);
    expect(slice.deals.length).toBeGreaterThan(0);
    expect(slice.activities.length).toBeGreaterThan(0);
  });

  it("writes the slice, reads it back and reports equal, transformed, mismatch and dropped", async () => {
    const slice = await chooseSlice(db(), tenant.migrationId, 150, "one");
    // job_title is not migrated: its values must show as dropped.
    const fieldMap = fx.mapping.fieldMap.map((m) => (m.source.object === "contact" && m.source.path === "job_title" ? { ...m, decision: { kind: "do_not_migrate" as const } } : m));
    const run = await sampleRun(slice, 150);
    let edited: { destId: string; field: string } | null = null;
    await executeSampleRun(
      {
        db: db(), conn, files, mapping: { ...fx.mapping, fieldMap },
        beforeDiff: async () => {
          const row = await db().ledgerEntry.findFirstOrThrow({ where: { runId: run.id, objectType: "contacts", state: "written", target: "contacts" }, orderBy: { sourceId: "asc" } });
          await updateRecord(conn, "contact", Number(row.destId), { last_name: "Edited-In-Freshsales" });
          edited = { destId: row.destId!, field: "last_name" };
        },
      },
      run.id,
    );
    const s = await stats(run.id);
    expect(s.phase).toBe("done");
    const sampleRows = await db().ledgerEntry.findMany({ where: { migrationId: tenant.migrationId } });
    expect(sampleRows.every((r) => r.sample && r.runId === run.id)).toBe(true);
    expect(sampleRows.length).toBeLessThanOrEqual(150);
    expect(sampleRows.filter((r) => r.state === "written").length).toBeGreaterThan(100);
    const diff = s.diff!;
    const byVerdict = (v: string) => diff.filter((r) => r.verdict === v);
    expect(byVerdict("equal").length).toBeGreaterThan(0);
    expect(byVerdict("transformed").some((r) => r.field === "owner_id")).toBe(true);
    const mismatches = byVerdict("mismatch");
    expect(mismatches.map((r) => `${r.objectType}/${r.sourceId}/${r.field}: ${r.expected} vs ${r.destination} ${r.note ?? ""}`)).toEqual([
      expect.stringContaining("/last_name: "),
    ]);
    const mismatch = mismatches[0]!;
    expect(mismatch.destId).toBe(edited!.destId);
    expect(mismatch.destination).toBe("Edited-In-Freshsales");
    const dropped = byVerdict("dropped").filter((r) => r.field === "job_title");
    expect(dropped.length).toBeGreaterThan(0);
    expect(dropped.every((r) => r.source !== null && r.destination === null)).toBe(true);
    first = { runId: run.id, slice, diff, rows: sampleRows.length };
  });

  it("a re-run first removes the previous sample's records from Freshsales and the ledger", async () => {
    const written = await db().ledgerEntry.findMany({ where: { runId: first.runId, state: "written", objectType: { in: ["companies", "contacts", "deals"] } } });
    const created = written.filter((r) => r.action !== "updated");
    expect(created.length).toBeGreaterThan(0);
    const slice = await chooseSlice(db(), tenant.migrationId, 120, "two");
    const run = await sampleRun(slice, 120);
    await executeSampleRun({ db: db(), conn, files, mapping: fx.mapping }, run.id);
    const s = await stats(run.id);
    expect(s.removed?.rows).toBe(first.rows);
    expect(s.removed!.deleted).toBeGreaterThan(0);
    const kept = new Set([...slice.companies, ...slice.contacts, ...slice.deals]);
    for (const r of created.filter((c) => !kept.has(c.sourceId))) {
      expect(await getRecord(conn, ENTITY[r.objectType]!, Number(r.destId)), `${r.objectType} ${r.sourceId}`).toBeNull();
    }
    expect(await db().ledgerEntry.count({ where: { runId: first.runId } })).toBe(0);
    expect(await db().ledgerEntry.count({ where: { migrationId: tenant.migrationId, NOT: { runId: run.id } } })).toBe(0);
    expect(s.diff!.filter((r) => r.verdict === "mismatch")).toEqual([]);
  });

  it("a contact that existed in Freshsales before gets its own values back when the sample is removed", async () => {
    const ds = fx.ds;
    // One the sample now in Freshsales does not hold, so Freshsales still has its own values.
    const inSample = new Set((await db().ledgerEntry.findMany({ where: { migrationId: tenant.migrationId, objectType: "contacts" } })).map((r) => r.sourceId));
    const index = [...ds.indicesWithCase("contacts", "exists_in_destination")].find((i) => {
      const c = ds.record("contacts", i);
      if (inSample.has(String(c.id))) return false;
      if (typeof c.company_id !== "string") return false;
      const company = ds.record("companies", ds.indexOf("companies", c.company_id)!);
      return !company.deleted_at && !company.parent_company_id;
    });
    expect(index, "a pre-existing contact with a root company").toBeDefined();
    const contact = ds.record("contacts", index!);
    const email = String(contact.email);
    const before = (await lookup(conn, { value: email, field: "email", entities: ["contact"] })).contact[0]!;
    expect(before.fields.job_title).toBe("Imported earlier");

    const slice: Slice = { ...emptySlice(), companies: [String(contact.company_id)], contacts: [String(contact.id)] };
    const run = await sampleRun(slice, 100);
    await executeSampleRun({ db: db(), conn, files, mapping: fx.mapping }, run.id);
    const row = await db().ledgerEntry.findUniqueOrThrow({ where: { migrationId_objectType_sourceId: { migrationId: tenant.migrationId, objectType: "contacts", sourceId: String(contact.id) } } });
    expect(row).toMatchObject({ state: "written", action: "updated", destId: String(before.id), sample: true });
    expect(row.priorValues).toMatchObject({ job_title: "Imported earlier" });
    const during = await getRecord(conn, "contact", before.id);
    expect(during?.fields.cf_vp_id).toBe(String(contact.id));

    const next = await sampleRun(await chooseSlice(db(), tenant.migrationId, 100, "three"), 100);
    await executeSampleRun({ db: db(), conn, files, mapping: fx.mapping }, next.id);
    const after = await getRecord(conn, "contact", before.id);
    expect(after, "the pre-existing contact is not deleted").not.toBeNull();
    expect(after?.fields.job_title).toBe("Imported earlier");
    expect(after?.fields.first_name).toBe(before.fields.first_name);
  });
});
