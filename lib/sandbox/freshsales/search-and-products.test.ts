import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "./manual-clock";
import { startFreshsalesEmulator, type FreshsalesEmulator } from "./server";
import { client, errorText } from "./test-client";

const clock = new ManualClock(1, Date.UTC(2026, 0, 1));
let emu: FreshsalesEmulator;
let call: ReturnType<typeof client>;

beforeAll(async () => {
  emu = await startFreshsalesEmulator({ rateLimit: false, clock });
  call = client(emu);
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.admin.reset();
  emu.admin.load({
    fields: [{ entity: "contacts", label: "VP id", type: "text", name: "cf_vp_id", unique: true }],
    records: {
      sales_accounts: [{ name: "Acme Clinic" }],
      contacts: [
        { first_name: "Ann", last_name: "Lee", email: "ann@example.com", mobile_number: "+100", custom_field: { cf_vp_id: "c_1" } },
        { first_name: "Bob", last_name: "Ray", email: "bob@example.com", mobile_number: "+200", custom_field: { cf_vp_id: "c_2" } },
      ],
      deals: [{ name: "Acme renewal", amount: 10 }],
    },
  });
});

type Obj = Record<string, unknown> & { id: number };

describe("lookup and search", () => {
  it("looks up exactly by email, name, mobile number and a custom field, double-nested", async () => {
    const byEmail = await call<{ contacts: { contacts: Obj[] } }>("GET", "/lookup?q=ANN@example.com&f=email&entities=contact");
    expect(byEmail.body.contacts.contacts.map((c) => c.first_name)).toEqual(["Ann"]);
    expect(Object.keys(byEmail.body)).toEqual(["contacts"]);
    const byCf = await call<{ contacts: { contacts: Obj[] } }>("GET", "/lookup?q=c_2&f=cf_vp_id&entities=contact");
    expect(byCf.body.contacts.contacts.map((c) => c.first_name)).toEqual(["Bob"]);
    const byMobile = await call<{ contacts: { contacts: Obj[] } }>("GET", "/lookup?q=%2B100&f=mobile_number&entities=contact");
    expect(byMobile.body.contacts.contacts).toHaveLength(1);
    const byName = await call<{ sales_accounts: { sales_accounts: Obj[] }; deals: { deals: Obj[] } }>("GET", "/lookup?q=acme%20clinic&f=name&entities=sales_account,deal");
    expect(byName.body.sales_accounts.sales_accounts.map((a) => a.name)).toEqual(["Acme Clinic"]);
    expect(byName.body.deals.deals).toEqual([]);
    expect((await call("GET", "/lookup?f=email")).status).toBe(400);
    expect((await call("GET", "/lookup?q=x&f=cf_nope&entities=contact")).status).toBe(400);
  });

  it("answers /search with an array across entities", async () => {
    const res = await call<Array<{ type: string; name: string }>>("GET", "/search?q=acme&include=sales_account,deal");
    expect(Array.isArray(res.body)).toBe(true);
    expect(res.body.map((r) => `${r.type}:${r.name}`).sort()).toEqual(["deal:Acme renewal", "sales_account:Acme Clinic"]);
  });

  it("filters by is_in and is_after with thin records and paging", async () => {
    const res = await call<{ contacts: Obj[]; meta: { total: number } }>("POST", "/filtered_search/contact", {
      filter_rule: [{ attribute: "contact_email.email", operator: "is_in", value: ["bob@example.com", "zed@example.com"] }],
    });
    expect(res.body.contacts.map((c) => c.first_name)).toEqual(["Bob"]);
    expect(res.body.contacts[0]).not.toHaveProperty("owner_id");
    expect(res.body.meta.total).toBe(1);
    clock.advance(60_000);
    const later = (await call<{ contacts: Obj[] }>("GET", "/lookup?q=c_1&f=cf_vp_id&entities=contact")).body;
    const annId = (later as unknown as { contacts: { contacts: Obj[] } }).contacts.contacts[0]?.id;
    await call("PUT", `/contacts/${annId}`, { job_title: "Nurse" });
    const after = await call<{ contacts: Obj[] }>("POST", "/filtered_search/contact", {
      filter_rule: [{ attribute: "updated_at", operator: "is_after", value: "2026-01-01T00:00:30Z" }],
    });
    expect(after.body.contacts.map((c) => c.first_name)).toEqual(["Ann"]);
    const byCf = await call<{ contacts: Obj[] }>("POST", "/filtered_search/contact", { filter_rule: [{ attribute: "cf_vp_id", operator: "is_in", value: "c_2" }], page: 1, per_page: 10 });
    expect(byCf.body.contacts).toHaveLength(1);
    const bad = await call("POST", "/filtered_search/contact", { filter_rule: [{ attribute: "cf_nope", operator: "is_in", value: "x" }] });
    expect(bad.status).toBe(400);
    expect(errorText(bad.body)).toContain("cf_nope");
    expect((await call("POST", "/filtered_search/contact", { filter_rule: [{ attribute: "name", operator: "is_in", value: "x" }], per_page: 500 })).status).toBe(400);
  });
});

describe("CPQ products and deal products", () => {
  it("creates, reads, updates, filters and deletes products", async () => {
    const p = await call<{ product: Obj }>("POST", "/cpq/products", { product: { name: "Checkup", product_code: "CHK", unit_price: 120 } });
    expect(p.status).toBe(200);
    expect(p.body.product).toMatchObject({ name: "Checkup", unit_price: "120.0" });
    expect((await call("POST", "/cpq/products", { product: { description: "no name" } })).status).toBe(400);
    const put = await call<{ product: Obj }>("PUT", `/cpq/products/${p.body.product.id}`, { product: { product_pricings: [{ currency_code: "USD", currency_value: 99 }] } });
    expect(put.body.product.product_pricings).toEqual([{ currency_code: "USD", currency_value: 99 }]);
    const found = await call<{ products: Obj[] }>("POST", "/cpq/products/filterize", { filter_rule: [{ attribute: "product_code", operator: "is_in", value: ["CHK"] }] });
    expect(found.body.products.map((x) => x.id)).toEqual([p.body.product.id]);
    expect((await call("DELETE", `/cpq/products/${p.body.product.id}`)).status).toBe(204);
    expect((await call("GET", `/cpq/products/${p.body.product.id}`)).status).toBe(404);
  });

  it("puts products on a deal and reads them back with include=products", async () => {
    const p = (await call<{ product: Obj }>("POST", "/cpq/products", { name: "Scan", unit_price: 50 })).body.product;
    const deal = (await call<{ deal: Obj }>("POST", "/deals", { name: "With lines" })).body.deal;
    const put = await call("PUT", `/deals/${deal.id}`, { deal: { products: [{ id: p.id, quantity: 2, unit_price: 45 }] } });
    expect(put.status).toBe(200);
    const got = await call<{ deal: { products: Array<Record<string, unknown>> } }>("GET", `/deals/${deal.id}?include=products`);
    expect(got.body.deal.products).toEqual([{ id: p.id, name: "Scan", quantity: 2, unit_price: "45.0" }]);
    expect((await call("PUT", `/deals/${deal.id}`, { deal: { products: [{ id: 1, quantity: 1 }] } })).status).toBe(400);
  });
});
