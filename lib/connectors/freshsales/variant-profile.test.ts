import { Readable } from "node:stream";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFreshsalesEmulator, type FreshsalesEmulator } from "@/lib/sandbox/freshsales/server";
import { SandboxClock } from "@/lib/sandbox/shared/clock";
import { createAppointment, createNote, createTask } from "./activities";
import { MemoryBudgetStore } from "./budget-store";
import { bulkUpsert, type BulkUpsertItem } from "./bulk-upsert";
import { FreshsalesConnection } from "./connection";
import { uploadDocument } from "./documents";
import { FreshsalesError, FreshsalesOutcomeUnknownError, FreshsalesValidationError } from "./errors";
import { findBySourceIds } from "./find-by-source-id";
import { lookup } from "./lookups";
import { RateGovernor } from "./rate-governor";
import { createRecord, getRecord, updateRecord, upsertRecord } from "./record-writes";

/**
 * The connector against the emulator's "variant" profile: a Freshsales that answers every open
 * point of the doc the other way (lib/sandbox/freshsales/README.md). Each write's id must be the
 * one the emulator holds, and no item may be reported failed that the emulator holds.
 */
const SCALE = 720;
let variant: FreshsalesEmulator;
let silent: FreshsalesEmulator;
const conns: FreshsalesConnection[] = [];

function connect(emu: FreshsalesEmulator): FreshsalesConnection {
  const governor = new RateGovernor({ accountKey: `variant-${conns.length}`, store: new MemoryBudgetStore(), plan: "growth", clockScale: SCALE });
  const conn = new FreshsalesConnection({ baseUrl: emu.apiBase, apiKey: emu.apiKey, governor, timeoutMs: 5_000, retry: { minBackoffMs: 5, maxBackoffMs: 20, retries: 1 } });
  conns.push(conn);
  return conn;
}

interface Held {
  id: number;
  data: Record<string, unknown>;
  custom_field: Record<string, unknown>;
}
const held = (emu: FreshsalesEmulator) => emu.admin.dump() as { records: Record<string, Held[]>; activities: Record<string, Held[]>; documents: Array<{ id: number; name: string }> };
/** Source id → destination id, as the emulator holds them. */
const heldIds = (emu: FreshsalesEmulator, entity: string): Map<string, number> =>
  new Map((held(emu).records[entity] ?? []).flatMap((r) => (typeof r.custom_field.cf_vp_id === "string" ? [[r.custom_field.cf_vp_id, r.id] as const] : [])));

beforeAll(async () => {
  variant = await startFreshsalesEmulator({ profile: "variant", plan: "growth", clock: new SandboxClock(SCALE), bulkJobDelayMs: 5 });
  silent = await startFreshsalesEmulator({ profile: "variant", bulkResults: "none", plan: "growth", clock: new SandboxClock(SCALE), bulkJobDelayMs: 5 });
});
afterAll(async () => {
  for (const c of conns) c.close();
  await Promise.all([variant.close(), silent.close()]);
});
beforeEach(() => {
  for (const emu of [variant, silent]) {
    emu.admin.reset();
    for (const entity of ["contacts", "sales_accounts", "deals"] as const) emu.admin.addField({ entity, label: "VP id", name: "cf_vp_id", type: "text", unique: true });
  }
});

const contacts = (n: number, bad?: number): BulkUpsertItem[] =>
  Array.from({ length: n }, (_, i) => ({
    identifier: { cf_vp_id: `c_${i}` },
    fields: { first_name: `C${i}`, last_name: "Variant", emails: i === bad ? "not-an-email" : `c${i}@example.com`, cf_vp_id: `c_${i}` },
  }));

describe("connector against the variant Freshsales", () => {
  it("bulk upsert: items named only by identifier, shuffled, string ids, success/partial words, read right", async () => {
    const conn = connect(variant);
    const results = await bulkUpsert(conn, "contact", contacts(130, 7), { pollIntervalMs: 10 });
    const ids = heldIds(variant, "contacts");
    expect(ids.size).toBe(129);
    expect(results[7]).toMatchObject({ status: "failed", errors: expect.arrayContaining([expect.stringMatching(/not a valid email/)]) });
    for (const r of results) {
      if (r.index === 7) continue;
      expect(r.status, `item ${r.index}`).toBe("success");
      expect(r.id, `item ${r.index}`).toBe(ids.get(String(r.identifier.cf_vp_id)));
    }
  });

  it("bulk upsert of accounts: a name the destination already holds fails that item alone, with the reason", async () => {
    const conn = connect(variant);
    await createRecord(conn, "sales_account", { name: "Acme Ltd" });
    const items = ["ACME ltd", "Beta", "Gamma"].map((name, i) => ({ identifier: { cf_vp_id: `a_${i}` }, fields: { name, cf_vp_id: `a_${i}` } }));
    const results = await bulkUpsert(conn, "sales_account", items, { pollIntervalMs: 10 });
    expect(results.map((r) => r.status)).toEqual(["failed", "success", "success"]);
    expect(results[0]?.errors.join(" ")).toMatch(/name.*already exists/);
    const ids = heldIds(variant, "sales_accounts");
    expect(ids.has("a_0")).toBe(false);
    expect(results.slice(1).map((r) => r.id)).toEqual([ids.get("a_1"), ids.get("a_2")]);
  });

  it("bulk upsert whose job lists no items: every item is unknown, none failed, and findBySourceIds settles each from the destination", async () => {
    const conn = connect(silent);
    const results = await bulkUpsert(conn, "contact", contacts(150, 7), { pollIntervalMs: 10 });
    expect(results.every((r) => r.status === "unknown")).toBe(true);
    const found = await findBySourceIds(conn, "contact", results.map((r) => String(r.identifier.cf_vp_id)));
    const ids = heldIds(silent, "contacts");
    expect(ids.size).toBe(149);
    expect(found.size).toBe(149);
    for (const [sourceId, id] of ids) expect(found.get(sourceId)?.id, sourceId).toBe(id);
    expect(found.has("c_7")).toBe(false);
  });

  it("findBySourceIds pages a filtered search without meta, and lookups nest once", async () => {
    const conn = connect(variant);
    await bulkUpsert(conn, "contact", contacts(230), { pollIntervalMs: 10 });
    const wanted = Array.from({ length: 230 }, (_, i) => `c_${i}`);
    const found = await findBySourceIds(conn, "contact", [...wanted, "c_missing"]);
    const ids = heldIds(variant, "contacts");
    expect(found.size).toBe(230);
    for (const [sourceId, id] of ids) expect(found.get(sourceId)?.id).toBe(id);
    const hit = await lookup(conn, { value: "c_5", field: "cf_vp_id", entities: ["contact"] });
    expect(hit.contact.map((r) => r.id)).toEqual([ids.get("c_5")]);
    expect((await lookup(conn, { value: "c5@example.com", field: "email", entities: ["contact"] })).contact.map((r) => r.id)).toEqual([ids.get("c_5")]);
  });

  it("single creates answered 201 and bare with string ids come back with the id the emulator holds", async () => {
    const conn = connect(variant);
    const contact = await createRecord(conn, "contact", { first_name: "Ada", emails: "ada@example.com", cf_vp_id: "c_ada" });
    const account = await createRecord(conn, "sales_account", { name: "Analytical Engines", cf_vp_id: "a_ae" });
    const deal = await createRecord(conn, "deal", { name: "Engine", amount: 100, cf_vp_id: "d_1" });
    expect(contact.id).toBe(heldIds(variant, "contacts").get("c_ada"));
    expect(account.id).toBe(heldIds(variant, "sales_accounts").get("a_ae"));
    expect(deal.id).toBe(heldIds(variant, "deals").get("d_1"));
    expect(contact.fields).toMatchObject({ first_name: "Ada", cf_vp_id: "c_ada" });

    const up = await upsertRecord(conn, "contact", { cf_vp_id: "c_new" }, { emails: "new@example.com", cf_vp_id: "c_new" });
    expect(up).toMatchObject({ created: true, record: { id: heldIds(variant, "contacts").get("c_new") } });
    const again = await upsertRecord(conn, "contact", { cf_vp_id: "c_new" }, { last_name: "Again", cf_vp_id: "c_new" });
    expect(again).toMatchObject({ created: false, record: { id: up.record.id } });
    expect((await updateRecord(conn, "deal", deal.id, { amount: 5 })).id).toBe(deal.id);
    expect((await getRecord(conn, "deal", deal.id))?.id).toBe(deal.id);

    const target = { targetableType: "Contact" as const, targetableId: contact.id };
    const note = await createNote(conn, { description: "Hello [vp:n_1]", ...target });
    const task = await createTask(conn, { title: "Call [vp:t_1]", dueDate: "2030-01-01T10:00:00Z", ...target });
    const appointment = await createAppointment(conn, { title: "Visit [vp:ap_1]", fromDate: "2030-01-01T10:00:00Z", endDate: "2030-01-01T11:00:00Z", ...target });
    const activities = held(variant).activities;
    expect([note.id, task.id, appointment.id]).toEqual([activities.note?.[0]?.id, activities.task?.[0]?.id, activities.appointment?.[0]?.id]);

    const bytes = Buffer.from("%PDF-1.4 variant");
    const doc = await uploadDocument(conn, { content: () => Readable.from([bytes]), size: bytes.length, fileName: "x-ray.pdf", contentType: "application/pdf", ...target });
    expect(doc.id).toBe(held(variant).documents[0]?.id);
    expect(doc.url).toMatch(/^http/);
  });

  it("errors in the {field, message} shape name their field; destination rules come back as validation errors", async () => {
    const conn = connect(variant);
    const bad = await createRecord(conn, "contact", { first_name: "No email" }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(FreshsalesValidationError);
    expect((bad as FreshsalesValidationError).messages).toContain("emails is required");
    await createRecord(conn, "sales_account", { name: "Taken" });
    const clash = await createRecord(conn, "sales_account", { name: "TAKEN" }).catch((e: unknown) => e);
    expect(clash).toBeInstanceOf(FreshsalesValidationError);
    expect((clash as FreshsalesValidationError).messages.join(" ")).toMatch(/^name .*already exists/);
    const pipeline = variant.admin.addPipeline({ name: "Renewals", stages: [{ name: "Due" }] });
    const stage = await createRecord(conn, "deal", { name: "Wrong stage", amount: 1, deal_stage_id: pipeline.stages[0]?.id ?? 0 }).catch((e: unknown) => e);
    expect(stage).toBeInstanceOf(FreshsalesValidationError);
    expect((stage as FreshsalesValidationError).messages.join(" ")).toMatch(/^deal_stage_id /);
    expect(held(variant).records.sales_accounts).toHaveLength(1);
    expect(held(variant).records.deals).toHaveLength(0);
  });

  it("an HTML gateway 502 reads as its title: a create's outcome is unknown, a read fails transiently", async () => {
    const conn = connect(variant);
    variant.admin.setFaults({ rules: [{ path: "/crm/sales/api/contacts", errorRates: { 502: 1 } }] });
    try {
      const create = await createRecord(conn, "contact", { emails: "gw@example.com" }).catch((e: unknown) => e);
      expect(create).toBeInstanceOf(FreshsalesOutcomeUnknownError);
      expect(String((create as Error).message)).toContain("502 Bad Gateway");
      const read = await getRecord(conn, "contact", 1).catch((e: unknown) => e);
      expect(read).toBeInstanceOf(FreshsalesError);
      expect((read as FreshsalesError).messages).toEqual(["502 Bad Gateway"]);
    } finally {
      variant.admin.setFaults({ rules: [] });
    }
  });

  it("429s without Retry-After or X-RateLimit-* headers are waited out a minute window at a time, and the calls then succeed", async () => {
    const bare = await startFreshsalesEmulator({ profile: "variant", rateLimitHeaders: false, plan: "growth", clock: new SandboxClock(SCALE) });
    try {
      const conn = connect(bare);
      const contact = await createRecord(conn, "contact", { emails: "rl@example.com" });
      bare.admin.setFaults({ seed: 3, rules: [{ path: "/crm/sales/api/contacts", errorRates: { 429: 0.4 } }] });
      const probe = await fetch(`${bare.apiBase}/contacts/${contact.id}`, { headers: { authorization: `Token token=${bare.apiKey}` } });
      expect([...probe.headers.keys()].filter((k) => k.startsWith("x-ratelimit") || k === "retry-after")).toEqual([]);
      const started = Date.now();
      const reads = [];
      for (let i = 0; i < 8; i++) reads.push((await getRecord(conn, "contact", contact.id))?.id);
      expect(reads).toEqual(Array.from({ length: 8 }, () => contact.id));
      // Some answers were 429s (seeded), each waited out for an emulated minute (60 s / 720 ≈ 83 ms).
      expect(Date.now() - started).toBeGreaterThanOrEqual(80);
    } finally {
      await bare.close();
    }
  });
});
