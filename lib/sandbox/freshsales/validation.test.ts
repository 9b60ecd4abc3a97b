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
beforeEach(() => {
  emu.admin.reset();
  emu.admin.load({
    fields: [
      { entity: "contacts", label: "VP id", type: "text", name: "cf_vp_id", unique: true },
      { entity: "contacts", label: "Visits", type: "number", name: "cf_visits" },
      { entity: "contacts", label: "Birthday", type: "date", name: "cf_birthday" },
      { entity: "contacts", label: "Last visit", type: "datetime", name: "cf_last_visit" },
      { entity: "contacts", label: "Consent", type: "checkbox", name: "cf_consent" },
      { entity: "contacts", label: "Alt email", type: "email", name: "cf_alt_email" },
      { entity: "contacts", label: "Tier", type: "dropdown", name: "cf_tier", choices: ["Gold", "Silver"] },
      { entity: "contacts", label: "Tags", type: "multi_select_dropdown", name: "cf_tags", choices: ["a", "b", "c"] },
    ],
    users: [{ display_name: "Gone", email: "gone@example.com", is_active: false }],
  });
});

async function expect400(path: string, body: unknown, field: string, method = "POST"): Promise<void> {
  const res = await call(method, path, body);
  expect(res.status).toBe(400);
  expect(res.body).toMatchObject({ errors: { code: 400 } });
  expect(errorText(res.body)).toContain(field);
}

describe("validation like a real account", () => {
  it("requires the fields marked required in metadata", async () => {
    await expect400("/contacts", { contact: { first_name: "No email" } }, "emails");
    await expect400("/sales_accounts", { sales_account: { website: "https://x.example" } }, "name");
    await expect400("/deals", { deal: { amount: 5 } }, "name");
  });

  it("follows a changed required flag", async () => {
    emu.admin.addField({ entity: "contacts", name: "last_name", label: "Last name", type: "text", required: true });
    await expect400("/contacts", { email: "a@example.com" }, "last_name");
    emu.admin.addField({ entity: "contacts", name: "cf_tier", label: "Tier", type: "dropdown", required: true });
    await expect400("/contacts", { email: "a@example.com", last_name: "A" }, "cf_tier");
    const okRes = await call("POST", "/contacts", { email: "a@example.com", last_name: "A", custom_field: { cf_tier: "Gold" } });
    expect(okRes.status).toBe(200);
  });

  it("takes extra required fields from the options", async () => {
    const strict = await startFreshsalesEmulator({ rateLimit: false, requiredFields: { contacts: ["last_name"], deals: ["amount"] } });
    try {
      const res = await client(strict)("POST", "/contacts", { email: "a@example.com" });
      expect(res.status).toBe(400);
      expect(errorText(res.body)).toContain("last_name");
      expect(errorText((await client(strict)("POST", "/deals", { name: "D" })).body)).toContain("amount");
    } finally {
      await strict.close();
    }
  });

  it("rejects unknown custom fields and values outside the choices", async () => {
    await expect400("/contacts", { email: "a@example.com", custom_field: { cf_nope: 1 } }, "cf_nope");
    await expect400("/contacts", { email: "a@example.com", custom_field: { cf_tier: "Bronze" } }, "cf_tier");
    await expect400("/contacts", { email: "a@example.com", custom_field: { cf_tags: "a;z" } }, "cf_tags");
    const ok = await call<{ contact: { custom_field: Record<string, unknown> } }>("POST", "/contacts", { email: "a@example.com", custom_field: { cf_tags: "a;c", cf_tier: "Silver" } });
    expect(ok.body.contact.custom_field).toMatchObject({ cf_tags: "a;c", cf_tier: "Silver", cf_visits: null });
  });

  it("checks value types: number, date, datetime, checkbox, email", async () => {
    await expect400("/contacts", { email: "a@example.com", custom_field: { cf_visits: "many" } }, "cf_visits");
    await expect400("/contacts", { email: "a@example.com", custom_field: { cf_birthday: "31/12/1990" } }, "cf_birthday");
    await expect400("/contacts", { email: "a@example.com", custom_field: { cf_birthday: "1990-02-30" } }, "cf_birthday");
    await expect400("/contacts", { email: "a@example.com", custom_field: { cf_last_visit: "yesterday" } }, "cf_last_visit");
    await expect400("/contacts", { email: "a@example.com", custom_field: { cf_consent: "yes" } }, "cf_consent");
    await expect400("/contacts", { email: "a@example.com", custom_field: { cf_alt_email: "not-an-email" } }, "cf_alt_email");
    await expect400("/contacts", { email: "not-an-email" }, "emails");
    await expect400("/deals", { name: "D", amount: "lots" }, "amount");
    await expect400("/deals", { name: "D", expected_close: "2026-13-01" }, "expected_close");
    const ok = await call<{ contact: { time_zone: string; custom_field: Record<string, unknown> } }>("POST", "/contacts", {
      email: "a@example.com",
      time_zone: "Europe/Oslo",
      custom_field: { cf_visits: "3", cf_birthday: "1990-12-31", cf_last_visit: "2026-07-14T10:00:00-04:00", cf_consent: true },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.contact.time_zone).toBe("Europe/Oslo");
    expect(ok.body.contact.custom_field).toMatchObject({ cf_visits: 3, cf_birthday: "1990-12-31", cf_last_visit: "2026-07-14T14:00:00Z", cf_consent: true });
  });

  it("rejects unknown and inactive owners", async () => {
    await expect400("/contacts", { email: "a@example.com", owner_id: 123 }, "owner_id");
    const inactive = (await call<{ users: Array<{ id: number; is_active: boolean }> }>("GET", "/selector/owners")).body.users.find((u) => !u.is_active);
    expect(inactive).toBeDefined();
    await expect400("/contacts", { email: "a@example.com", owner_id: inactive?.id }, "owner_id");
  });

  it("rejects unknown pipelines, unknown stages and a stage outside the pipeline", async () => {
    const second = emu.admin.addPipeline({ name: "Renewals", stages: [{ name: "Due" }, { name: "Renewed", forecast_type: "Won" }] });
    const defaultStage = emu.admin.dump() as { pipelines: Array<{ stages: Array<{ id: number }> }> };
    const firstStage = defaultStage.pipelines[0]?.stages[0]?.id;
    await expect400("/deals", { name: "D", deal_pipeline_id: 42 }, "deal_pipeline_id");
    await expect400("/deals", { name: "D", deal_stage_id: 42 }, "deal_stage_id");
    await expect400("/deals", { name: "D", deal_pipeline_id: second.id, deal_stage_id: firstStage }, "deal_stage_id");
    const ok = await call<{ deal: { deal_pipeline_id: number; deal_stage_id: number } }>("POST", "/deals", { name: "D", deal_pipeline_id: second.id });
    expect(ok.body.deal).toMatchObject({ deal_pipeline_id: second.id, deal_stage_id: second.stages[0]?.id });
  });

  it("rejects a unique custom field collision and a duplicate contact email", async () => {
    expect((await call("POST", "/contacts", { email: "a@example.com", custom_field: { cf_vp_id: "c_1" } })).status).toBe(200);
    await expect400("/contacts", { email: "b@example.com", custom_field: { cf_vp_id: "c_1" } }, "cf_vp_id");
    await expect400("/contacts", { email: "A@example.com" }, "emails");
  });

  it("rejects relations to records that do not exist", async () => {
    await expect400("/contacts", { email: "a@example.com", sales_account_id: 99 }, "sales_account_id");
    await expect400("/deals", { name: "D", contacts_added_list: [99] }, "contacts_added_list");
    await expect400("/sales_accounts", { name: "X", parent_sales_account_id: 99 }, "parent_sales_account_id");
    await expect400("/contacts", { email: "a@example.com", lifecycle_stage_id: 99 }, "lifecycle_stage_id");
  });

  it("validates an update and leaves the record unchanged when it fails", async () => {
    const c = (await call<{ contact: { id: number } }>("POST", "/contacts", { email: "a@example.com", job_title: "Dr" })).body.contact;
    await expect400(`/contacts/${c.id}`, { job_title: "Prof", custom_field: { cf_visits: "x" } }, "cf_visits", "PUT");
    const after = await call<{ contact: { job_title: string } }>("GET", `/contacts/${c.id}`);
    expect(after.body.contact.job_title).toBe("Dr");
  });
});
