import { beforeAll, describe, expect, it } from "vitest";
import type { AccountNamePolicy } from "@/lib/mapping/account-names";
import { db } from "@/lib/server/db";
import { driveRun } from "./driver";
import { startFullRun } from "./engine";
import { connectionTo, createTenant, setUpDestination, stageDataset, type Fixture } from "../../test/support/migration";

interface DumpRecord { id: number; data: Record<string, unknown>; custom_field?: Record<string, unknown> }
type Dump = { records: { sales_accounts: DumpRecord[]; contacts: DumpRecord[]; deals: DumpRecord[] }; pipelines: { id: number; name: string; stages: { id: number }[] }[] };

/**
 * Three live companies renamed to share "Acme" (two in Leeds, one without a city) and one to
 * "acme (leeds)": the emulator does not enforce unique names, so the test checks what the engine
 * sent: the names in Freshsales after the run, and where contacts and deals of a skipped one went.
 */
async function runWith(policy: AccountNamePolicy) {
  const fx: Fixture = await setUpDestination({ seed: 11, total: 200, dirtyRates: { parent_cycle: 0, soft_deleted: 0 } });
  const tenant = await createTenant(db());
  await stageDataset(db(), tenant.migrationId, fx.ds);
  const companies = await db().stagedRecord.findMany({ where: { migrationId: tenant.migrationId, collection: "companies", deleted: false }, orderBy: { sourceId: "asc" } });
  // The companies with the most contacts, so a skipped one has contacts to link.
  const contactCounts = new Map<string, number>();
  for (const c of await db().stagedRecord.findMany({ where: { migrationId: tenant.migrationId, collection: "contacts", deleted: false } })) {
    const id = (c.data as { company_id?: string }).company_id;
    if (id) contactCounts.set(id, (contactCounts.get(id) ?? 0) + 1);
  }
  const chosen = companies.filter((c) => !(c.data as { parent_company_id?: string }).parent_company_id && (contactCounts.get(c.sourceId) ?? 0) > 0).slice(0, 4).map((c) => c.sourceId).sort();
  expect(chosen).toHaveLength(4);
  const [a, b, c, d] = chosen as [string, string, string, string];
  const rename = async (id: string, name: string, city: string | null) => {
    const row = companies.find((x) => x.sourceId === id)!;
    await db().stagedRecord.update({ where: { migrationId_collection_sourceId: { migrationId: tenant.migrationId, collection: "companies", sourceId: id } }, data: { data: { ...(row.data as object), name, city } } });
  };
  await rename(a, "Acme", "York");
  await rename(b, " ACME", "Leeds");
  await rename(c, "acme", null);
  await rename(d, "Acme (Leeds)", "Leeds");
  // A call logged on company c alone: its only link is the company a first-wins policy skips.
  const call = (await db().stagedRecord.findMany({ where: { migrationId: tenant.migrationId, collection: "activities", deleted: false }, orderBy: { sourceId: "asc" } }))
    .find((r) => ["call", "email", "note"].includes(String((r.data as { type?: string }).type)))!;
  await db().stagedRecord.update({ where: { migrationId_collection_sourceId: { migrationId: tenant.migrationId, collection: "activities", sourceId: call.sourceId } }, data: { data: { ...(call.data as object), company_id: c, contact_id: null, deal_id: null } } });
  const conn = connectionTo(fx.emulator);
  const mapping = { ...fx.mapping, accountNames: policy };
  const { runId } = await startFullRun(db(), { organizationId: tenant.organizationId, migrationId: tenant.migrationId, actor: { id: tenant.userId, email: "a@x" }, mapping, destination: fx.destination });
  await driveRun(() => ({ db: db(), conn, bulkPollMs: 10 }), runId, { workers: 2, onError: (e) => console.error(e) });
  conn.close();
  const dump = fx.emulator.admin.dump() as Dump;
  await fx.emulator.close();
  const ledger = await db().ledgerEntry.findMany({ where: { migrationId: tenant.migrationId } });
  const staged = await db().stagedRecord.findMany({ where: { migrationId: tenant.migrationId, collection: { in: ["contacts", "deals", "activities"] }, deleted: false } });
  return { ids: { a, b, c, d }, dump, ledger, staged };
}

const accountOf = (dump: Dump, sourceId: string) => dump.records.sales_accounts.find((r) => r.custom_field?.cf_vp_id === sourceId);

describe("account-name policy in the full run", () => {
  let city: Awaited<ReturnType<typeof runWith>>;
  let first: Awaited<ReturnType<typeof runWith>>;
  beforeAll(async () => {
    [city, first] = await Promise.all([runWith("suffix-city"), runWith("first-wins")]);
  });

  it("suffix-city: every account name is unique in Freshsales; later namesakes carry their city, or their source id", () => {
    const { a, b, c, d } = city.ids;
    expect(accountOf(city.dump, a)?.data.name).toBe("Acme");
    // "ACME (Leeds)" is company d's own name, so b falls back to its source id.
    expect(accountOf(city.dump, b)?.data.name).toBe(`ACME (vp ${b})`);
    expect(accountOf(city.dump, c)?.data.name).toBe(`acme (vp ${c})`);
    expect(accountOf(city.dump, d)?.data.name).toBe("Acme (Leeds)");
    const names = city.dump.records.sales_accounts.map((r) => String(r.data.name).trim().toLowerCase());
    expect(names.length).toBeGreaterThan(10);
    expect(new Set(names).size).toBe(names.length);
    const row = city.ledger.find((l) => l.objectType === "companies" && l.sourceId === b);
    expect(row).toMatchObject({ state: "written", reason: expect.stringContaining(`is also the name of ${a} (policy suffix city)`) });
  });

  it("first-wins: later namesakes are skipped with the reason, and their contacts and deals link to the first", () => {
    const { a, b, c } = first.ids;
    for (const id of [b, c]) {
      expect(first.ledger.find((l) => l.objectType === "companies" && l.sourceId === id)).toMatchObject({ state: "skipped", reason: `account name "Acme" already used by ${a} (policy first wins)` });
      expect(accountOf(first.dump, id)).toBeUndefined();
    }
    const firstId = accountOf(first.dump, a)!.id;
    const contacts = first.staged.filter((s) => s.collection === "contacts" && [b, c].includes(String((s.data as { company_id?: string }).company_id)));
    expect(contacts.length).toBeGreaterThan(0);
    for (const s of contacts) {
      const l = first.ledger.find((x) => x.objectType === "contacts" && x.sourceId === s.sourceId);
      if (l?.target === "leads" || l?.state !== "written") continue;
      const fsContact = first.dump.records.contacts.find((r) => String(r.id) === l.destId)!;
      // The emulator keeps a contact's accounts as ids; a real Freshsales answers objects.
      const accounts = (fsContact.data.sales_accounts ?? []) as (number | { id: number })[];
      const linked = accounts.map((x) => Number(typeof x === "number" ? x : x.id));
      expect(linked, s.sourceId).toContain(Number(firstId));
    }
    const deals = first.staged.filter((s) => s.collection === "deals" && [b, c].includes(String((s.data as { company_id?: string }).company_id)));
    for (const s of deals) {
      const l = first.ledger.find((x) => x.objectType === "deals" && x.sourceId === s.sourceId);
      if (!l?.destId) continue;
      expect(Number(first.dump.records.deals.find((r) => String(r.id) === l.destId)?.data.sales_account_id), s.sourceId).toBe(Number(firstId));
    }
    // Activities hanging off the skipped company alone are written (on the first), not failed for a missing link.
    const onCompany = first.staged.filter((s) => {
      const d = s.data as { company_id?: string; contact_id?: string | null; deal_id?: string | null };
      return s.collection === "activities" && [b, c].includes(String(d.company_id)) && !d.contact_id && !d.deal_id;
    });
    expect(onCompany.length).toBeGreaterThan(0);
    for (const s of onCompany) {
      const l = first.ledger.find((x) => x.objectType === "activities" && x.sourceId === s.sourceId);
      expect(l, s.sourceId).toMatchObject({ state: "written" });
    }
  });

  it("sends every deal's stage with the pipeline it belongs to, each Visual Practice pipeline to its own", () => {
    const deals = city.dump.records.deals.filter((d) => d.data.deal_stage_id !== undefined && d.data.deal_stage_id !== null);
    expect(deals.length).toBeGreaterThan(10);
    for (const d of deals) {
      const pipeline = city.dump.pipelines.find((p) => p.id === Number(d.data.deal_pipeline_id));
      expect(pipeline?.stages.map((s) => s.id), `deal ${String(d.custom_field?.cf_vp_id)}`).toContain(Number(d.data.deal_stage_id));
    }
    expect(new Set(deals.map((d) => d.data.deal_pipeline_id)).size).toBe(3);
  });
});
