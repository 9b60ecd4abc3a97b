import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFreshsalesEmulator, type FreshsalesEmulator } from "./server";
import { client, errorText } from "./test-client";

let emu: FreshsalesEmulator;
let call: ReturnType<typeof client>;

beforeAll(async () => {
  emu = await startFreshsalesEmulator({ rateLimit: false });
  call = client(emu);
});
afterAll(() => emu.close());
beforeEach(() => emu.admin.reset());

type Rec = Record<string, unknown> & { id: number };

describe("contacts, accounts and deals", () => {
  it("creates a contact from a wrapped or unwrapped body and reads it back", async () => {
    const a = await call<{ contact: Rec }>("POST", "/contacts", { contact: { first_name: "Ada", last_name: "Lovelace", email: "ada@example.com" } });
    expect(a.status).toBe(200);
    expect(a.body.contact).toMatchObject({ first_name: "Ada", display_name: "Ada Lovelace", email: "ada@example.com" });
    expect(Number.isInteger(a.body.contact.id)).toBe(true);
    expect(a.body.contact.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const b = await call<{ contact: Rec }>("POST", "/contacts", { last_name: "Hopper", emails: ["grace@example.com"] });
    expect(b.status).toBe(200);
    const got = await call<{ contact: Rec }>("GET", `/contacts/${b.body.contact.id}`);
    expect(got.body.contact).toMatchObject({ last_name: "Hopper", email: "grace@example.com" });
  });

  it("updates with PUT and deletes with 204, then 404", async () => {
    const { body } = await call<{ contact: Rec }>("POST", "/contacts", { contact: { email: "x@example.com", job_title: "CTO" } });
    const id = body.contact.id;
    const put = await call<{ contact: Rec }>("PUT", `/contacts/${id}`, { contact: { job_title: "CEO" } });
    expect(put.status).toBe(200);
    expect(put.body.contact.job_title).toBe("CEO");
    expect((await call("DELETE", `/contacts/${id}`)).status).toBe(204);
    const gone = await call("GET", `/contacts/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({ errors: { code: 404 } });
  });

  it("links contacts to accounts and deals to accounts and contacts", async () => {
    const acc = (await call<{ sales_account: Rec }>("POST", "/sales_accounts", { sales_account: { name: "Acme" } })).body.sales_account;
    const child = await call<{ sales_account: Rec }>("POST", "/sales_accounts", { sales_account: { name: "Acme EU", parent_sales_account_id: acc.id } });
    expect(child.body.sales_account.parent_sales_account_id).toBe(acc.id);
    const c = (await call<{ contact: Rec }>("POST", "/contacts", { contact: { email: "c@example.com", sales_accounts: [{ id: acc.id, is_primary: true }] } })).body.contact;
    expect(c.sales_account_id).toBe(acc.id);
    const withAcc = await call<{ contact: Rec; sales_accounts: Rec[] }>("GET", `/contacts/${c.id}?include=sales_accounts,owner`);
    expect(withAcc.body.sales_accounts.map((x) => x.name)).toEqual(["Acme"]);
    expect(withAcc.body).toHaveProperty("users");
    const d = await call<{ deal: Rec; users: Rec[] }>("POST", "/deals", { deal: { name: "Big", amount: 1200, sales_account_id: acc.id, contacts_added_list: [c.id] } });
    expect(d.status).toBe(200);
    expect(d.body.deal).toMatchObject({ amount: "1200.0", sales_account_id: acc.id, contact_ids: [c.id] });
    expect(d.body.users).toHaveLength(1);
    const pipeline = (await call<{ deal_pipelines: Array<{ id: number; name: string; deal_stages: Rec[] }> }>("GET", "/selector/deal_pipelines")).body.deal_pipelines[0];
    expect(pipeline?.name).toBe("Sales Pipeline");
    expect(d.body.deal.deal_stage_id).toBe(pipeline?.deal_stages[0]?.id);
  });

  it("ignores unknown and read-only keys instead of storing them", async () => {
    const d = await call<{ deal: Rec }>("POST", "/deals", { deal: { name: "D", contacts: [1, 2], favourite_colour: "blue", id: 5 } });
    expect(d.status).toBe(200);
    expect(d.body.deal.contact_ids).toEqual([]);
    expect(d.body.deal).not.toHaveProperty("favourite_colour");
    expect(d.body.deal.id).not.toBe(5);
  });

  it("deletes an account alone, or with its contacts and deals when asked", async () => {
    const acc = (await call<{ sales_account: Rec }>("POST", "/sales_accounts", { name: "A" })).body.sales_account;
    const c = (await call<{ contact: Rec }>("POST", "/contacts", { email: "a@example.com", sales_account_id: acc.id })).body.contact;
    expect((await call("DELETE", `/sales_accounts/${acc.id}`)).status).toBe(204);
    expect((await call<{ contact: Rec }>("GET", `/contacts/${c.id}`)).body.contact.sales_account_id).toBeNull();
    const acc2 = (await call<{ sales_account: Rec }>("POST", "/sales_accounts", { name: "B" })).body.sales_account;
    const c2 = (await call<{ contact: Rec }>("POST", "/contacts", { email: "b@example.com", sales_account_id: acc2.id })).body.contact;
    const d2 = (await call<{ deal: Rec }>("POST", "/deals", { name: "D", sales_account_id: acc2.id })).body.deal;
    expect((await call("DELETE", `/sales_accounts/${acc2.id}?delete_associated_contacts_deals=true`)).status).toBe(204);
    expect((await call("GET", `/contacts/${c2.id}`)).status).toBe(404);
    expect((await call("GET", `/deals/${d2.id}`)).status).toBe(404);
  });

  it("upserts by email: 201 when created, 200 when updated", async () => {
    const first = await call<{ contact: Rec }>("POST", "/contacts/upsert", { unique_identifier: { emails: "u@example.com" }, contact: { first_name: "U" } });
    expect(first.status).toBe(201);
    expect(first.body.contact.email).toBe("u@example.com");
    const second = await call<{ contact: Rec }>("POST", "/contacts/upsert", { unique_identifier: { emails: "u@example.com" }, contact: { first_name: "V" } });
    expect(second.status).toBe(200);
    expect(second.body.contact).toMatchObject({ id: first.body.contact.id, first_name: "V" });
    const acc = await call<{ sales_account: Rec }>("POST", "/sales_accounts/upsert", { unique_identifier: { name: "Initech" }, sales_account: { website: "https://initech.example" } });
    expect(acc.status).toBe(201);
    expect(acc.body.sales_account.name).toBe("Initech");
    const bad = await call("POST", "/contacts/upsert", { unique_identifier: { first_name: "x" }, contact: {} });
    expect(bad.status).toBe(400);
    expect(errorText(bad.body)).toContain("first_name");
  });

  it("bulk destroys selected ids", async () => {
    const ids: number[] = [];
    for (const e of ["p@example.com", "q@example.com", "r@example.com"]) {
      ids.push((await call<{ contact: Rec }>("POST", "/contacts", { email: e })).body.contact.id);
    }
    const res = await call<{ message: string }>("POST", "/contacts/bulk_destroy", { selected_ids: ids.slice(0, 2) });
    expect(res.status).toBe(200);
    expect((await call("GET", `/contacts/${ids[0]}`)).status).toBe(404);
    expect((await call("GET", `/contacts/${ids[2]}`)).status).toBe(200);
  });

  it("reassigns owners in bulk and forgets a contact", async () => {
    const joy = emu.admin.addUser({ display_name: "Joy", email: "joy@example.com" });
    const c = (await call<{ contact: Rec }>("POST", "/contacts", { email: "o@example.com" })).body.contact;
    expect((await call("POST", "/contacts/bulk_assign_owner", { owner_id: 5, selected_ids: [c.id] })).status).toBe(400);
    expect((await call("POST", "/contacts/bulk_assign_owner", { owner_id: joy.id, selected_ids: [c.id] })).status).toBe(200);
    expect((await call<{ contact: Rec }>("GET", `/contacts/${c.id}`)).body.contact.owner_id).toBe(joy.id);
    expect((await call("DELETE", `/contacts/${c.id}/forget`)).status).toBe(204);
    expect((await call("GET", `/contacts/${c.id}`)).status).toBe(404);
  });

  it("drops references to a deleted record and deletes what hangs off it", async () => {
    const c = (await call<{ contact: Rec }>("POST", "/contacts", { email: "gone@example.com" })).body.contact;
    const keep = (await call<{ contact: Rec }>("POST", "/contacts", { email: "keep@example.com" })).body.contact;
    const p = (await call<{ product: Rec }>("POST", "/cpq/products", { name: "Scan", unit_price: 5 })).body.product;
    const d = (await call<{ deal: Rec }>("POST", "/deals", { name: "D", contacts_added_list: [c.id, keep.id], products: [{ id: p.id, quantity: 1 }] })).body.deal;
    const task = (await call<{ task: Rec }>("POST", "/tasks", { title: "t", due_date: "2026-01-01T00:00:00Z", targetable_type: "Contact", targetable_id: c.id })).body.task;
    const other = (await call<{ task: Rec }>("POST", "/tasks", { title: "t2", due_date: "2026-01-01T00:00:00Z", targetable_type: "Contact", targetable_id: keep.id })).body.task;
    expect((await call("DELETE", `/contacts/${c.id}`)).status).toBe(204);
    expect((await call("DELETE", `/cpq/products/${p.id}`)).status).toBe(204);
    const after = await call<{ deal: Rec & { products: unknown[] } }>("GET", `/deals/${d.id}?include=products`);
    expect(after.body.deal.contact_ids).toEqual([keep.id]);
    expect(after.body.deal.products).toEqual([]);
    expect((await call("GET", `/tasks/${task.id}`)).status).toBe(404);
    expect((await call("GET", `/tasks/${other.id}`)).status).toBe(200);
  });
});
