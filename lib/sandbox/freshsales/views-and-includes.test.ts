import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFreshsalesEmulator, type FreshsalesEmulator } from "./server";
import { client } from "./test-client";

let emu: FreshsalesEmulator;
let call: ReturnType<typeof client>;
let asJoy: ReturnType<typeof client>;
let joyId: number;

beforeAll(async () => {
  emu = await startFreshsalesEmulator({ rateLimit: false, apiKeys: ["admin-key", { key: "joy-key", userId: 16_000_000_002 }] });
  call = client(emu, "admin-key");
  asJoy = client(emu, "joy-key");
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.admin.reset();
  joyId = emu.admin.addUser({ display_name: "Joy", email: "joy@example.com" }).id;
});

type Obj = Record<string, unknown> & { id: number; name: string };

async function viewId(entity: string, name: string): Promise<number> {
  const filters = (await call<{ filters: Obj[] }>("GET", `/${entity}/filters`)).body.filters;
  const v = filters.find((f) => f.name === name);
  if (!v) throw new Error(`no view ${name}`);
  return v.id;
}

describe("views", () => {
  it("has no All Deals; Open, Won and Lost follow the stage's forecast type", async () => {
    const names = (await call<{ filters: Obj[] }>("GET", "/deals/filters")).body.filters.map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(["My Deals", "Open Deals", "Won Deals", "Lost Deals"]));
    expect(names).not.toContain("All Deals");
    const stages = (await call<{ deal_stages: Obj[] }>("GET", "/selector/deal_stages")).body.deal_stages;
    const won = stages.find((s) => s.name === "Won")?.id;
    const lost = stages.find((s) => s.name === "Lost")?.id;
    await call("POST", "/deals", { name: "open one" });
    const w = (await call<{ deal: Obj }>("POST", "/deals", { name: "won one", deal_stage_id: won })).body.deal;
    expect(w.closed_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await call("POST", "/deals", { name: "lost one", deal_stage_id: lost });
    const list = async (view: string) => (await call<{ deals: Obj[] }>("GET", `/deals/view/${await viewId("deals", view)}`)).body.deals.map((d) => d.name);
    expect(await list("Open Deals")).toEqual(["open one"]);
    expect(await list("Won Deals")).toEqual(["won one"]);
    expect(await list("Lost Deals")).toEqual(["lost one"]);
    expect(await list("Recycle Bin")).toEqual([]);
  });

  it("My views follow the user the key belongs to", async () => {
    expect(joyId).toBe(16_000_000_002);
    await call("POST", "/contacts", { email: "admin-owned@example.com" });
    await asJoy("POST", "/contacts", { email: "joy-owned@example.com" });
    const mine = await asJoy<{ contacts: Obj[] }>("GET", `/contacts/view/${await viewId("contacts", "My Contacts")}`);
    expect(mine.body.contacts.map((c) => c.email)).toEqual(["joy-owned@example.com"]);
    const all = await asJoy<{ contacts: Obj[] }>("GET", `/contacts/view/${await viewId("contacts", "All Contacts")}`);
    expect(all.body.contacts).toHaveLength(2);
  });

  it("deal lists omit owner_id and deal_reason_id unless included, and sideload on request", async () => {
    const reason = (await call<{ deal_reasons: Obj[] }>("GET", "/selector/deal_reasons")).body.deal_reasons[0]?.id;
    await call("POST", "/deals", { name: "d", owner_id: joyId, deal_reason_id: reason });
    const id = await viewId("deals", "Open Deals");
    const bare = (await call<{ deals: Obj[] }>("GET", `/deals/view/${id}`)).body.deals[0];
    expect(bare).not.toHaveProperty("owner_id");
    expect(bare).not.toHaveProperty("deal_reason_id");
    const full = await call<{ deals: Obj[]; users: Obj[]; deal_reasons: Obj[] }>("GET", `/deals/view/${id}?include=owner,deal_reason`);
    expect(full.body.deals[0]).toMatchObject({ owner_id: joyId, deal_reason_id: reason });
    expect(full.body.users.map((u) => u.id)).toEqual([joyId]);
    expect(full.body.deal_reasons.map((r) => r.id)).toEqual([reason]);
  });

  it("creates or links an account by name from a deal, only when the deal is valid", async () => {
    expect((await call("POST", "/deals", { name: "bad", amount: "x", sales_account: { name: "Ghost Clinic" } })).status).toBe(400);
    const ghost = await call<{ sales_accounts: { sales_accounts: Obj[] } }>("GET", "/lookup?q=Ghost%20Clinic&f=name&entities=sales_account");
    expect(ghost.body.sales_accounts.sales_accounts).toEqual([]);
    const a = (await call<{ deal: Obj }>("POST", "/deals", { name: "d1", sales_account: { name: "New Clinic" } })).body.deal;
    const b = (await call<{ deal: Obj }>("POST", "/deals", { name: "d2", sales_account: { name: "new clinic" } })).body.deal;
    expect(a.sales_account_id).toBe(b.sales_account_id);
    const acc = await call<{ sales_account: Obj }>("GET", `/sales_accounts/${a.sales_account_id}`);
    expect(acc.body.sales_account.name).toBe("New Clinic");
    const withAcc = await call<{ sales_accounts: Obj[] }>("GET", `/deals/${a.id}?include=sales_account`);
    expect(withAcc.body.sales_accounts.map((x) => x.name)).toEqual(["New Clinic"]);
  });

  it("answers 404 for a deal upsert by an unknown id", async () => {
    expect((await call("POST", "/deals/upsert", { unique_identifier: { id: 5 }, deal: { name: "x" } })).status).toBe(404);
  });
});
