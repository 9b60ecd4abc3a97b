import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFreshsalesEmulator, type FreshsalesEmulator } from "./server";
import { client } from "./test-client";

let emu: FreshsalesEmulator;
let call: ReturnType<typeof client>;

beforeAll(async () => {
  emu = await startFreshsalesEmulator({ rateLimit: false, classic: true });
  call = client(emu);
});
afterAll(() => emu.close());
beforeEach(() => emu.admin.reset());

type Obj = Record<string, unknown> & { id: number; name: string };

describe("a fresh Growth account", () => {
  it("has one admin, the default pipeline and standard selectors", async () => {
    const owners = (await call<{ users: Obj[] }>("GET", "/selector/owners")).body.users;
    expect(owners).toHaveLength(1);
    expect(owners[0]).toMatchObject({ is_active: true, email: "admin@example.com" });
    const pipelines = (await call<{ deal_pipelines: Array<Obj & { deal_stages: Obj[] }> }>("GET", "/selector/deal_pipelines")).body.deal_pipelines;
    expect(pipelines.map((p) => p.name)).toEqual(["Sales Pipeline"]);
    expect(pipelines[0]?.deal_stages.map((s) => s.name)).toEqual(["New", "Contacted", "Proposal Sent", "Negotiation", "Won", "Lost"]);
    const stages = (await call<{ deal_stages: Obj[] }>("GET", `/selector/deal_pipelines/${pipelines[0]?.id}/deal_stages`)).body.deal_stages;
    expect(stages).toHaveLength(6);
    expect((await call<{ deal_stages: Obj[] }>("GET", "/selector/deal_stages")).body.deal_stages).toHaveLength(6);
    const currencies = (await call<{ currencies: Array<{ currency_code: string }> }>("GET", "/selector/currencies")).body.currencies;
    expect(currencies.map((c) => c.currency_code)).toEqual(["USD"]);
    const taskTypes = (await call<{ task_types: Obj[] }>("GET", "/selector/task_types")).body.task_types.map((t) => t.name);
    expect(taskTypes).toEqual(expect.arrayContaining(["Call", "Email", "Meeting", "Follow up"]));
    for (const key of ["lifecycle_stages", "contact_statuses", "sales_activity_types", "sales_activity_outcomes", "industry_types", "business_types", "territories", "lead_sources", "deal_reasons", "deal_types", "deal_payment_statuses", "campaigns"]) {
      const res = await call<Record<string, unknown>>("GET", `/selector/${key}`);
      expect(res.status).toBe(200);
      expect(Array.isArray(res.body[key])).toBe(true);
    }
    const fields = (await call<{ fields: Array<{ name: string; default: boolean }> }>("GET", "/settings/contacts/fields")).body.fields;
    expect(fields.every((f) => f.default && !f.name.startsWith("cf_"))).toBe(true);
  });

  it("describes custom fields with choices, required and unique flags", async () => {
    const res = await call<{ field: Obj }>("POST", "/_emulator/fields", { entity: "deals", label: "Clinic type", type: "dropdown", choices: ["GP", "Dental"], required: true });
    expect(res.status).toBe(201);
    expect(res.body.field.name).toBe("cf_clinic_type");
    await call("POST", "/_emulator/choices", { entity: "deals", field: "cf_clinic_type", values: ["Vet"] });
    await call("POST", "/_emulator/fields", { entity: "deals", label: "VP id", type: "text", name: "cf_vp_id", unique: true });
    const fields = (await call<{ fields: Array<Record<string, unknown>> }>("GET", "/settings/deals/fields")).body.fields;
    const clinic = fields.find((f) => f.name === "cf_clinic_type");
    expect(clinic).toMatchObject({ label: "Clinic type", type: "dropdown", required: true, default: false, base_model: "Deal", field_options: { unique: false } });
    expect((clinic?.choices as Array<{ value: string }>).map((c) => c.value)).toEqual(["GP", "Dental", "Vet"]);
    expect(fields.find((f) => f.name === "cf_vp_id")).toMatchObject({ field_options: { unique: true } });
    const stage = fields.find((f) => f.name === "deal_stage_id");
    expect((stage?.choices as unknown[]).length).toBe(6);
    expect((await call("GET", "/settings/sales_activities/fields")).status).toBe(200);
  });

  it("adds users and pipelines through the admin endpoints", async () => {
    expect((await call("POST", "/_emulator/users", { display_name: "Nurse Joy", email: "joy@example.com" })).status).toBe(201);
    const p = await call<{ deal_pipeline: Obj }>("POST", "/_emulator/pipelines", { name: "Referrals", stages: [{ name: "Received" }, { name: "Booked", probability: 90 }] });
    expect(p.status).toBe(201);
    expect((await call<{ users: Obj[] }>("GET", "/selector/owners")).body.users).toHaveLength(2);
    expect((await call<{ deal_pipelines: Obj[] }>("GET", "/selector/deal_pipelines")).body.deal_pipelines).toHaveLength(2);
  });
});

describe("dump, reset and load", () => {
  it("dumps deterministically, so a rollback can be compared with the state before a run", async () => {
    await call("POST", "/_emulator/load", {
      fields: [{ entity: "contacts", label: "VP id", type: "text", name: "cf_vp_id", unique: true }],
      selectors: { lifecycle_stages: ["Patient"], currencies: ["EUR"] },
      records: { contacts: [{ email: "keep@example.com", job_title: "Dr" }] },
    });
    const before = JSON.stringify((await call("GET", "/_emulator/dump")).body);
    const keep = (await call<{ contacts: { contacts: Obj[] } }>("GET", "/lookup?q=keep@example.com&f=email&entities=contact")).body.contacts.contacts[0];
    // a "run": create records, update an existing one; then its "rollback"
    const created = (await call<{ contact: Obj }>("POST", "/contacts", { email: "new@example.com", custom_field: { cf_vp_id: "c_9" } })).body.contact;
    const acc = (await call<{ sales_account: Obj }>("POST", "/sales_accounts", { name: "Temp" })).body.sales_account;
    await call("POST", "/notes", { description: "n", targetable_type: "Contact", targetable_id: created.id });
    await call("PUT", `/contacts/${keep?.id}`, { job_title: "Prof", sales_account_id: acc.id });
    expect(JSON.stringify((await call("GET", "/_emulator/dump")).body)).not.toBe(before);
    await call("PUT", `/contacts/${keep?.id}`, { job_title: "Dr", sales_account_id: null });
    await call("DELETE", `/contacts/${created.id}`);
    await call("DELETE", `/sales_accounts/${acc.id}`);
    expect(JSON.stringify((await call("GET", "/_emulator/dump")).body)).toBe(before);
  });

  it("resets to the initial state and counts calls in stats", async () => {
    const initial = JSON.stringify(emu.admin.dump());
    await call("POST", "/contacts", { email: "x@example.com" });
    await call("GET", "/selector/owners");
    const stats = (await call<{ callsByEndpoint: Record<string, number>; totalCalls: number }>("GET", "/_emulator/stats")).body;
    expect(stats.callsByEndpoint["POST /contacts"]).toBe(1);
    expect(stats.callsByEndpoint["GET /selector/owners"]).toBe(1);
    expect((await call("POST", "/_emulator/reset")).status).toBe(200);
    expect(JSON.stringify(emu.admin.dump())).toBe(initial);
    expect(emu.stats().totalCalls).toBe(0);
  });

  it("rejects malformed admin bodies with a 400 naming the problem", async () => {
    const res = await call("POST", "/_emulator/fields", { entity: "contacts", label: "X", type: "colour" });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain("type");
    expect((await call("POST", "/_emulator/pipelines", { name: "Empty", stages: [] })).status).toBe(400);
    expect((await call("POST", "/_emulator/load", { selectors: { moods: ["happy"] } })).status).toBe(400);
  });

  it("rejects an invalid record in a load with the record named", () => {
    expect(() => emu.admin.load({ records: { deals: [{ name: "ok" }, { amount: 3 }] } })).toThrow(/records\.deals\[1\]/);
  });
});

describe("classic leads", () => {
  it("serves /api/leads create, read, update, views, upsert and delete", async () => {
    const created = await call<{ lead: Obj }>("POST", "/api/leads", { lead: { first_name: "Lia", last_name: "Moss", email: "lia@example.com", company: { name: "Moss GP" } } });
    expect(created.status).toBe(200);
    expect(created.body.lead).toMatchObject({ email: "lia@example.com", company: { name: "Moss GP" } });
    expect(String(created.body.lead.created_at)).toMatch(/\+00:00$/);
    const id = created.body.lead.id;
    expect((await call<{ lead: Obj }>("PUT", `/api/leads/${id}`, { lead: { job_title: "GP" } })).body.lead.job_title).toBe("GP");
    const views = (await call<{ filters: Obj[] }>("GET", "/api/leads/filters")).body.filters;
    const list = await call<{ leads: Obj[]; meta: { total: number } }>("GET", `/api/leads/view/${views[0]?.id}`);
    expect(list.body.meta.total).toBe(1);
    const up = await call<{ lead: Obj }>("POST", "/api/leads/upsert", { unique_identifier: { email: "lia@example.com" }, lead: { city: "Oslo" } });
    expect(up.status).toBe(200);
    expect(up.body.lead).toMatchObject({ id, city: "Oslo" });
    expect((await call("POST", "/api/leads", { lead: { first_name: "NoKey" } })).status).toBe(400);
    expect((await call("DELETE", `/api/leads/${id}`)).status).toBe(204);
    expect((await call("GET", `/api/leads/${id}`)).status).toBe(404);
  });
});
