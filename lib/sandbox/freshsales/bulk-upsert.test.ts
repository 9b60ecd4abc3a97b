import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFreshsalesEmulator, type FreshsalesEmulator } from "./server";
import { client, errorText } from "./test-client";

let emu: FreshsalesEmulator;
let call: ReturnType<typeof client>;

beforeAll(async () => {
  emu = await startFreshsalesEmulator({ rateLimit: false, bulkJobDelayMs: 200 });
  call = client(emu);
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.admin.reset();
  emu.admin.addField({ entity: "contacts", label: "VP id", type: "text", name: "cf_vp_id", unique: true });
  emu.admin.addField({ entity: "contacts", label: "Visits", type: "number", name: "cf_visits" });
  emu.admin.addField({ entity: "deals", label: "VP id", type: "text", name: "cf_vp_id", unique: true });
});

interface JobStatus {
  job_status: {
    id: number;
    status: string;
    progress: number;
    job_type_name: string;
    data: { records: Array<{ index: number; identifier: Record<string, unknown>; status: string; action?: string; id?: number; errors?: string[] }> };
  };
}

async function waitForJob(url: string): Promise<JobStatus["job_status"]> {
  const path = new URL(url).pathname.replace("/crm/sales/api", "");
  for (let i = 0; i < 100; i++) {
    const res = await call<JobStatus>("GET", path);
    expect(res.status).toBe(200);
    if (res.body.job_status.status !== "in_progress") return res.body.job_status;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error("job never finished");
}

describe("bulk upsert", () => {
  it("queues a job (202), reports per-item results, and keeps good items when others fail", async () => {
    const existing = (await call<{ contact: { id: number } }>("POST", "/contacts", { email: "old@example.com", custom_field: { cf_vp_id: "c_1" } })).body.contact;
    const res = await call<{ job_status_url: string; message: string }>("POST", "/contacts/bulk_upsert", {
      contacts: [
        { cf_vp_id: "c_1", data: { first_name: "Updated", custom_field: { cf_vp_id: "c_1" } } },
        { cf_vp_id: "c_2", data: { first_name: "New", emails: "new@example.com", custom_field: { cf_vp_id: "c_2" } } },
        { cf_vp_id: "c_3", data: { first_name: "Bad", emails: "bad@example.com", custom_field: { cf_visits: "many" } } },
        { unique_identifier: { emails: "u@example.com" }, contact: { last_name: "Shape2" } },
      ],
    });
    expect(res.status).toBe(202);
    expect(res.body.job_status_url).toMatch(new RegExp(`^${emu.url}/crm/sales/api/job_statuses/\\d+$`));
    const first = await call<JobStatus>("GET", new URL(res.body.job_status_url).pathname.replace("/crm/sales/api", ""));
    expect(first.body.job_status.status).toBe("in_progress");
    const job = await waitForJob(res.body.job_status_url);
    expect(job).toMatchObject({ status: "completed_with_errors", progress: 100, job_type_name: "bulk_upsert" });
    const [r0, r1, r2, r3] = job.data.records;
    expect(r0).toMatchObject({ index: 0, identifier: { cf_vp_id: "c_1" }, status: "success", action: "updated", id: existing.id });
    expect(r1).toMatchObject({ index: 1, status: "success", action: "created" });
    expect(r2?.status).toBe("failed");
    expect(r2?.errors?.join(" ")).toContain("cf_visits");
    expect(r3).toMatchObject({ index: 3, identifier: { emails: "u@example.com" }, status: "success", action: "created" });
    const updated = await call<{ contact: { first_name: string } }>("GET", `/contacts/${existing.id}`);
    expect(updated.body.contact.first_name).toBe("Updated");
    const created = await call<{ contact: { email: string; custom_field: Record<string, unknown> } }>("GET", `/contacts/${r1?.id}`);
    expect(created.body.contact).toMatchObject({ email: "new@example.com", custom_field: { cf_vp_id: "c_2" } });
    const lookup = await call<{ contacts: { contacts: unknown[] } }>("GET", "/lookup?q=bad@example.com&f=email&entities=contact");
    expect(lookup.body.contacts.contacts).toHaveLength(0);
  });

  it("marks a job failed when every item fails, and rejects more than 100 items", async () => {
    const res = await call<{ job_status_url: string }>("POST", "/deals/bulk_upsert", { deals: [{ id: 999, data: { name: "x" } }, { cf_unknown: "1", data: { name: "y" } }] });
    const job = await waitForJob(res.body.job_status_url);
    expect(job.status).toBe("failed");
    expect(job.data.records.every((r) => r.status === "failed" && (r.errors?.length ?? 0) > 0)).toBe(true);
    const big = await call("POST", "/contacts/bulk_upsert", { contacts: Array.from({ length: 101 }, (_, i) => ({ emails: `b${i}@example.com`, data: {} })) });
    expect(big.status).toBe(400);
    expect(errorText(big.body)).toContain("100");
    expect((await call("POST", "/contacts/bulk_upsert", { contact: [] })).status).toBe(400);
    expect((await call("GET", "/job_statuses/1")).status).toBe(404);
  });

  it("upserts deals and accounts by their documented identifiers", async () => {
    const res = await call<{ job_status_url: string }>("POST", "/sales_accounts/bulk_upsert", { sales_accounts: [{ name: "Acme", data: { website: "https://acme.example" } }] });
    const job = await waitForJob(res.body.job_status_url);
    expect(job.status).toBe("completed");
    const again = await call<{ job_status_url: string }>("POST", "/sales_accounts/bulk_upsert", { sales_accounts: [{ name: "acme", data: { phone: "123" } }] });
    const job2 = await waitForJob(again.body.job_status_url);
    expect(job2.data.records[0]).toMatchObject({ action: "updated", id: job.data.records[0]?.id });
    const deals = await call<{ job_status_url: string }>("POST", "/deals/bulk_upsert", { deals: [{ cf_vp_id: "d_1", data: { name: "Deal 1", amount: 10 } }] });
    expect((await waitForJob(deals.body.job_status_url)).data.records[0]).toMatchObject({ status: "success", action: "created" });
    expect(emu.stats().bulkJobs.count).toBe(3);
  });
});
