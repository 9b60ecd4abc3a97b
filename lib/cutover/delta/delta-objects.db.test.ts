import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VisualPracticeClient } from "@/lib/connectors/visual-practice/client";
import type { LocalFolderFileStore } from "@/lib/connectors/visual-practice/file-store";
import type { FreshsalesConnection } from "@/lib/connectors/freshsales/connection";
import { listDocumentAssociations } from "@/lib/connectors/freshsales/documents";
import { lookup } from "@/lib/connectors/freshsales/lookups";
import { getRecord } from "@/lib/connectors/freshsales/record-writes";
import { db } from "@/lib/server/db";
import type { Actor } from "@/lib/server/roles";
import { type VisualPracticeServer } from "@/lib/sandbox/visual-practice/server";
import type { JsonObject } from "@/lib/sandbox/generator/json";
import { createTenant, type Fixture } from "@/test/support/migration";
import { migratedPair, type MigratedPair } from "@/test/support/delta-window";
import { openDeltaWindow } from "./delta-window";
import { pollOnce, type PollDeps } from "./poll-source";

// Every object and every kind of change during the window, against what the test changed in
// the Visual Practice sandbox: each change arrives in Freshsales exactly once, or is listed.
// Parent cycles more often than the default, so that a company the run cut from its parent is here.
const CONFIG = { seed: 33, total: 400, dirtyRates: { control_chars: 0, parent_cycle: 0.2 } };
let fx: Fixture;
let vp: VisualPracticeServer;
let tenant: Awaited<ReturnType<typeof createTenant>>;
let conn: FreshsalesConnection;
let files: LocalFolderFileStore;
let admin: Actor;
let runId: string;

let pair: MigratedPair;
beforeAll(async () => {
  pair = await migratedPair(CONFIG, { files: true });
  ({ fx, vp, tenant, conn, admin } = pair);
  if (!pair.files) throw new Error("the files were not staged");
  files = pair.files;
  runId = (await openDeltaWindow(db(), admin, tenant.migrationId, { windowHours: 24 })).runId;
  // Changes must be stamped after the watermark's second.
  await new Promise((r) => setTimeout(r, 1100));
});
afterAll(async () => pair?.close());

const deps = (extra: Partial<PollDeps> = {}): PollDeps => ({
  db: db(), conn, source: new VisualPracticeClient({ baseUrl: vp.baseUrl, token: vp.token }), mapping: fx.mapping, files, ...extra,
});
const source = (collection: Parameters<Fixture["ds"]["record"]>[0], id: string) => fx.ds.record(collection, fx.ds.indexOf(collection, id)!) as Record<string, unknown>;
/** A source record's fields without its identity, to create a new record shaped like it. */
const shapedLike = (collection: Parameters<Fixture["ds"]["record"]>[0], id: string): JsonObject => {
  const { id: _id, created_at: _c, updated_at: _u, deleted_at: _d, ...rest } = source(collection, id);
  return rest as JsonObject;
};
const written = (objectType: string, where: Record<string, unknown> = {}) =>
  db().ledgerEntry.findMany({ where: { migrationId: tenant.migrationId, objectType, state: "written", action: "created", ...where }, orderBy: { sourceId: "asc" } });
const ledgerRow = (objectType: string, sourceId: string) =>
  db().ledgerEntry.findUniqueOrThrow({ where: { migrationId_objectType_sourceId: { migrationId: tenant.migrationId, objectType, sourceId } } });
const get = async (path: string, query?: Record<string, string>) => (await conn.request("GET", path, { query })).body as Record<string, Record<string, unknown>>;
const byVpId = async (entity: "contact" | "sales_account" | "deal", id: string) => (await lookup(conn, { value: id, field: "cf_vp_id", entities: [entity] }))[entity];
const leadStageId = () => fx.destination.pickers["contacts.lifecycle_stage_id"]?.["lead"];

describe("delta window: every object and kind of change", () => {
  it("creates, updates, moves Lead <-> Contact, changes parents, stages, line items, meetings and replaces files, each once", async () => {
    const companies = await written("companies");
    const noParent = companies.filter((c) => !source("companies", c.sourceId).parent_company_id);
    const [child, parent] = noParent;
    const orphaned = companies.find((c) => source("companies", c.sourceId).parent_company_id && (companies.some((p) => p.sourceId === source("companies", c.sourceId).parent_company_id)))!;
    expect((await getRecord(conn, "sales_account", Number(orphaned.destId)))?.fields.parent_sales_account_id).toBeTruthy();
    vp.update("companies", child!.sourceId, { parent_company_id: parent!.sourceId });
    vp.update("companies", orphaned.sourceId, { parent_company_id: null });
    const newCompany = vp.create("companies", { ...shapedLike("companies", parent!.sourceId), name: "Opened During The Window", parent_company_id: parent!.sourceId });

    const [lead] = await written("contacts", { target: "leads" });
    const [customer] = await written("contacts", { target: "contacts" });
    vp.update("contacts", lead!.sourceId, { company_id: parent!.sourceId });
    vp.update("contacts", customer!.sourceId, { company_id: null });
    const newContact = vp.create("contacts", { ...shapedLike("contacts", customer!.sourceId), email: "joined.during.window@example.test", company_id: newCompany.id });

    const [product] = await written("products");
    vp.update("products", product!.sourceId, { name: "Renamed in the window", unit_price: "99.50" });
    const newProduct = vp.create("products", { ...shapedLike("products", product!.sourceId), name: "Launched in the window", sku: "WIN-1", unit_price: "5.00" });

    const deals = (await written("deals")).filter((d) => (source("deals", d.sourceId).line_items as unknown[]).length > 0);
    const [staged, emptied] = deals;
    const pipelines = Array.from({ length: fx.ds.count("pipelines") }, (_, i) => fx.ds.record("pipelines", i) as Record<string, unknown>);
    const dealSource = source("deals", staged!.sourceId);
    const stages = (pipelines.find((p) => p.id === dealSource.pipeline_id)!.stages as { id: string }[]).map((s) => s.id);
    const nextStage = stages.find((s) => s !== dealSource.stage_id)!;
    vp.update("deals", staged!.sourceId, { stage_id: nextStage, amount: "4321.00", line_items: [{ product_id: newProduct.id, quantity: 3, unit_price: "5.00" }] });
    vp.update("deals", emptied!.sourceId, { line_items: [] });
    const newDeal = vp.create("deals", { ...shapedLike("deals", staged!.sourceId), name: "Won during the window", company_id: newCompany.id, contact_ids: [newContact.id], line_items: [{ product_id: product!.sourceId, quantity: 2, unit_price: "10.00" }] });

    const [meeting] = await written("activities", { target: "appointments" });
    const [task] = await written("activities", { target: "tasks" });
    const leadEmail = String(source("contacts", lead!.sourceId).email);
    vp.update("activities", meeting!.sourceId, { start_at: "2027-04-01T14:00:00Z", end_at: "2027-04-01T15:30:00Z", attendees: [{ email: leadEmail, name: "The former lead" }] });
    vp.update("activities", task!.sourceId, { subject: "Called back during the window" });

    const docs = await written("attachments");
    const replaced = docs.find((d) => source("attachments", d.sourceId).parent_type === "contact")!;
    const replacedParent = String(source("attachments", replaced.sourceId).parent_id);
    const parentRow = await ledgerRow("contacts", replacedParent);
    vp.update("attachments", replaced.sourceId, { filename: "treatment-plan-v2.pdf", content_type: "application/pdf", size_bytes: 2048 });
    const newFile = vp.create("attachments", { filename: "consent-signed-in-window.txt", content_type: "text/plain", size_bytes: 321, parent_type: "contact", parent_id: lead!.sourceId, uploaded_by: String(source("contacts", lead!.sourceId).owner_id) });

    const picked = await pollOnce(deps(), runId);
    const expected = [
      `companies/${child!.sourceId}:updated`, `companies/${orphaned.sourceId}:updated`, `companies/${newCompany.id}:created`,
      `contacts/${lead!.sourceId}:updated`, `contacts/${customer!.sourceId}:updated`, `contacts/${newContact.id}:created`,
      `products/${product!.sourceId}:updated`, `products/${newProduct.id}:created`,
      `deals/${staged!.sourceId}:updated`, `deals/${emptied!.sourceId}:updated`, `deals/${newDeal.id}:created`,
      `activities/${meeting!.sourceId}:updated`, `activities/${task!.sourceId}:updated`,
      `attachments/${replaced.sourceId}:updated`, `attachments/${newFile.id}:created`,
    ];
    expect(picked?.map((p) => `${p.collection}/${p.sourceId}:${p.outcome}`).sort()).toEqual(expected.sort());
    // Every change landed: no row of this poll is left pending, in intent or failed.
    const rows = await db().ledgerEntry.findMany({ where: { migrationId: tenant.migrationId, runId } });
    expect(rows.filter((r) => r.state !== "written").map((r) => `${r.objectType}/${r.sourceId}:${r.state}:${r.reason}`)).toEqual([]);

    // Companies: a new parent, a parent dropped, a new company under an existing parent.
    expect((await getRecord(conn, "sales_account", Number(child!.destId)))?.fields.parent_sales_account_id).toBe(Number(parent!.destId));
    expect((await getRecord(conn, "sales_account", Number(orphaned.destId)))?.fields.parent_sales_account_id ?? null).toBeNull();
    const company = await byVpId("sales_account", newCompany.id);
    expect(company).toHaveLength(1);
    expect(company[0]?.fields.parent_sales_account_id).toBe(Number(parent!.destId));

    // Contacts: the lead gained a company and is a Contact; the contact lost it and is a Lead.
    const promoted = await getRecord(conn, "contact", Number(lead!.destId));
    expect(promoted?.fields.sales_account_id).toBe(Number(parent!.destId));
    expect(promoted?.fields.lifecycle_stage_id ?? null).toBeNull();
    expect((await ledgerRow("contacts", lead!.sourceId)).target).toBe("contacts");
    const demoted = await getRecord(conn, "contact", Number(customer!.destId));
    expect(demoted?.fields.sales_account_id ?? null).toBeNull();
    expect(demoted?.fields.lifecycle_stage_id).toBe(leadStageId());
    expect((await ledgerRow("contacts", customer!.sourceId)).target).toBe("leads");
    const joined = await byVpId("contact", newContact.id);
    expect(joined).toHaveLength(1);
    expect(joined[0]?.fields.sales_account_id).toBe(company[0]?.id);

    // Products: the same record renamed; a new one created once.
    const p = (await get(`cpq/products/${product!.destId}`)).product;
    expect([p?.name, String(p?.description).includes(`[vp:${product!.sourceId}]`)]).toEqual(["Renamed in the window", true]);
    const newProductRow = await ledgerRow("products", newProduct.id);
    expect((await get(`cpq/products/${newProductRow.destId}`)).product?.name).toBe("Launched in the window");

    // Deals: stage, amount and line items replaced; the emptied deal has none; the new one sells the renamed product.
    const stagedDeal = (await get(`deals/${staged!.destId}`, { include: "products" })) as Record<string, unknown> & { deal: Record<string, unknown> };
    const stageMap = fx.mapping.stageMap.pipelines.find((m) => m.sourcePipelineId === dealSource.pipeline_id)!;
    expect(stagedDeal.deal.deal_stage_id).toBe(Number(stageMap.stages.find((s) => s.sourceStageId === nextStage)!.destinationStageId));
    expect(Number(stagedDeal.deal.amount)).toBe(4321);
    const lines = (d: Record<string, unknown>) => ((d.products ?? (d.deal as Record<string, unknown>).products ?? []) as { id: number; quantity: number }[]).map((l) => `${l.id}x${l.quantity}`);
    expect(lines(stagedDeal)).toEqual([`${newProductRow.destId}x3`]);
    expect(lines(await get(`deals/${emptied!.destId}`, { include: "products" }))).toEqual([]);
    const born = await byVpId("deal", newDeal.id);
    expect(born).toHaveLength(1);
    expect(lines(await get(`deals/${born[0]!.id}`, { include: "products" }))).toEqual([`${product!.destId}x2`]);

    // Meetings: new time and the new attendee (the promoted contact); the task's new subject.
    const m = (await get(`appointments/${meeting!.destId}`, { include: "appointment_attendees" })).appointment!;
    expect(Date.parse(String(m.from_date))).toBe(Date.parse("2027-04-01T14:00:00Z"));
    expect(Date.parse(String(m.end_date))).toBe(Date.parse("2027-04-01T15:30:00Z"));
    const attendees = JSON.stringify((await get(`appointments/${meeting!.destId}`, { include: "appointment_attendees" })));
    expect(attendees).toContain(String(lead!.destId));
    expect(String((await get(`tasks/${task!.destId}`)).task?.title)).toContain("Called back during the window");

    // Files: the replacement is on the contact, the old file is gone, the new file is on the promoted contact.
    const onParent = await listDocumentAssociations(conn, "contact", Number(parentRow.destId));
    const now = await ledgerRow("attachments", replaced.sourceId);
    expect(now.destId).not.toBe(replaced.destId);
    expect(now.priorValues).toBeNull();
    expect(onParent.map((d) => String(d.id))).toContain(now.destId);
    expect(onParent.map((d) => String(d.id))).not.toContain(replaced.destId);
    expect(onParent.filter((d) => d.name === "treatment-plan-v2.pdf")).toHaveLength(1);
    const onLead = await listDocumentAssociations(conn, "contact", Number(lead!.destId));
    expect(onLead.filter((d) => d.name === "consent-signed-in-window.txt").map((d) => d.size)).toEqual([321]);

    // Read again inside the look-back, nothing is applied a second time.
    expect(await pollOnce(deps(), runId)).toEqual([]);
  });

  it("does not take a deal for edited in Freshsales when its contact changed in the same poll", async () => {
    const contacts = new Set((await written("contacts")).map((c) => c.sourceId));
    const deal = (await written("deals")).find((d) => {
      const ids = source("deals", d.sourceId).contact_ids as string[];
      return ids.length > 1 && ids.every((id) => contacts.has(id));
    })!;
    // One of its two contacts changes: its row is being sent again while the deal is checked.
    const contactId = (source("deals", deal.sourceId).contact_ids as string[])[1]!;
    vp.update("contacts", contactId, { job_title: "Changed with its deal" });
    vp.update("deals", deal.sourceId, { amount: "2468.00" });
    const picked = await pollOnce(deps(), runId);
    expect(picked?.map((p) => `${p.collection}/${p.sourceId}:${p.outcome}`).sort()).toEqual([`contacts/${contactId}:updated`, `deals/${deal.sourceId}:updated`].sort());
    expect(Number((await get(`deals/${deal.destId}`)).deal?.amount)).toBe(2468);
    expect(await db().deltaConflict.count({ where: { migrationId: tenant.migrationId } })).toBe(0);
  });

  it("does not take a company written without its parent (a cycle cut) for edited in Freshsales", async () => {
    const cut = (await written("companies")).find((c) => c.reason?.startsWith("parent-company cycle"));
    expect(cut).toBeDefined();
    vp.update("companies", cut!.sourceId, { website: "https://cycle-cut.example.test" });
    const picked = await pollOnce(deps(), runId);
    expect(picked?.map((p) => `${p.collection}/${p.sourceId}:${p.outcome}`)).toEqual([`companies/${cut!.sourceId}:updated`]);
    const account = await getRecord(conn, "sales_account", Number(cut!.destId));
    expect([account?.fields.website, account?.fields.parent_sales_account_id ?? null]).toEqual(["https://cycle-cut.example.test", null]);
  });

  it("fails a file whose new bytes cannot be read, keeps its old document, and goes on polling", async () => {
    const doc = (await written("attachments")).filter((d) => source("attachments", d.sourceId).parent_type === "company")[0]!;
    const company = await ledgerRow("companies", String(source("attachments", doc.sourceId).parent_id));
    vp.update("attachments", doc.sourceId, { filename: "unreadable.pdf", content_type: "application/pdf", size_bytes: 999 });
    const broken = new VisualPracticeClient({ baseUrl: vp.baseUrl, token: vp.token });
    broken.openAttachment = () => Promise.reject(new Error("connection reset while streaming"));
    const picked = await pollOnce(deps({ source: broken }), runId);
    expect(picked?.map((p) => `${p.collection}/${p.sourceId}:${p.outcome}`)).toEqual([`attachments/${doc.sourceId}:updated`]);
    const row = await ledgerRow("attachments", doc.sourceId);
    expect([row.state, row.reason]).toEqual(["failed", `attachment ${doc.sourceId} (unreadable.pdf): the extracted bytes are missing from the file store`]);
    const onCompany = await listDocumentAssociations(conn, "sales_account", Number(company.destId));
    expect(onCompany.map((d) => String(d.id))).toContain(doc.destId);
    expect(onCompany.filter((d) => d.name === "unreadable.pdf")).toEqual([]);
  });

  it("finishes a file replacement, a deal's line items and a product after three kills, without doubles", async () => {
    const [, product] = await written("products");
    const deal = (await written("deals")).filter((d) => (source("deals", d.sourceId).line_items as unknown[]).length > 0)[3]!;
    const doc = (await written("attachments")).filter((d) => source("attachments", d.sourceId).parent_type === "deal")[0]!;
    const dealOfDoc = await ledgerRow("deals", String(source("attachments", doc.sourceId).parent_id));
    const productId = product?.sourceId ?? (await written("products"))[0]!.sourceId;
    const productRow = await ledgerRow("products", productId);
    vp.update("products", productId, { name: "Killed three times" });
    vp.update("deals", deal.sourceId, { line_items: [{ product_id: productId, quantity: 9, unit_price: "1.00" }] });
    vp.update("attachments", doc.sourceId, { filename: "invoice-corrected.pdf", content_type: "application/pdf", size_bytes: 4096 });

    // Each poll dies at a different point: after the deals' upsert, after the new file's intent,
    // and between the new file's upload and the old one's removal.
    for (const point of ["deals:after-bulk", "attachments:after-intent", "attachments:before-remove-replaced"]) {
      const chaos = (at: string) => {
        if (at === point) throw new Error(`worker killed at ${at}`);
      };
      await expect(pollOnce(deps({ chaos }), runId)).rejects.toThrow(/worker killed/);
    }
    await pollOnce(deps(), runId);

    expect((await get(`cpq/products/${productRow.destId}`)).product?.name).toBe("Killed three times");
    const lines = (((await get(`deals/${deal.destId}`, { include: "products" })) as Record<string, unknown>).products ?? []) as { id: number; quantity: number }[];
    expect(lines.map((l) => `${l.id}x${l.quantity}`)).toEqual([`${productRow.destId}x9`]);
    const after = await ledgerRow("attachments", doc.sourceId);
    expect([after.state, after.priorValues]).toEqual(["written", null]);
    const onDeal = await listDocumentAssociations(conn, "deal", Number(dealOfDoc.destId));
    expect(onDeal.filter((d) => d.name === "invoice-corrected.pdf").map((d) => String(d.id))).toEqual([after.destId]);
    expect(onDeal.map((d) => String(d.id))).not.toContain(doc.destId);
    expect(await pollOnce(deps(), runId)).toEqual([]);
  });
});
