import { request } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFreshsalesEmulator, type FreshsalesEmulator } from "./server";
import { client } from "./test-client";

/**
 * The variant profile answers every open point of the Freshsales doc the other way; each
 * test shows the answer on the wire differs as README.md's table says, and that the default
 * profile still answers as before.
 */
let plain: FreshsalesEmulator;
let variant: FreshsalesEmulator;
let silent: FreshsalesEmulator;
const emus = (): FreshsalesEmulator[] => [plain, variant, silent];

beforeAll(async () => {
  plain = await startFreshsalesEmulator({ rateLimit: false, bulkJobDelayMs: 100 });
  variant = await startFreshsalesEmulator({ profile: "variant", rateLimit: false, bulkJobDelayMs: 100 });
  silent = await startFreshsalesEmulator({ profile: "variant", bulkResults: "none", rateLimit: false, bulkJobDelayMs: 100 });
});
afterAll(async () => {
  await Promise.all(emus().map((e) => e.close()));
});
beforeEach(() => {
  for (const e of emus()) {
    e.admin.reset();
    e.admin.addField({ entity: "contacts", label: "VP id", type: "text", name: "cf_vp_id", unique: true });
    e.admin.addField({ entity: "contacts", label: "Visits", type: "number", name: "cf_visits" });
  }
});

type Json = Record<string, unknown>;

/** A POST naming another Host, as a client behind a proxy would. */
function postWithHost(emu: FreshsalesEmulator, path: string, host: string, body: unknown): Promise<Json> {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const req = request(`${emu.apiBase}${path}`, {
      method: "POST",
      headers: { host, authorization: `Token token=${emu.apiKey}`, "content-type": "application/json", "content-length": Buffer.byteLength(payload) },
    }, (res) => {
      let text = "";
      res.on("data", (c: Buffer) => (text += c.toString()));
      res.on("end", () => resolve(JSON.parse(text) as Json));
    });
    req.on("error", reject);
    req.end(payload);
  });
}

const jobPath = (url: string): string => new URL(url).pathname.replace("/crm/sales/api", "");

async function finishedJob(emu: FreshsalesEmulator, url: string): Promise<{ running: Json; done: Json }> {
  const call = client(emu);
  const running = (await call<Json>("GET", jobPath(url))).body;
  for (let i = 0; i < 200; i++) {
    const done = (await call<Json>("GET", jobPath(url))).body;
    const job = (done.job_status ?? done) as Json;
    if (job.status !== "in_progress") return { running, done };
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error("job never finished");
}

const BATCH = {
  contacts: [
    { cf_vp_id: "c_1", data: { emails: "one@example.com", custom_field: { cf_vp_id: "c_1" } } },
    { cf_vp_id: "c_2", data: { emails: "two@example.com", custom_field: { cf_vp_id: "c_2" } } },
    { cf_vp_id: "c_3", data: { emails: "three@example.com", custom_field: { cf_visits: "many" } } },
    ...Array.from({ length: 7 }, (_, i) => ({ cf_vp_id: `c_${i + 4}`, data: { emails: `n${i}@example.com` } })),
  ],
};

describe("bulk upsert job status (§2.10)", () => {
  it("default: wrapped job, completed words, items by index in the order sent, url on the asked Host", async () => {
    const queued = await postWithHost(plain, "/contacts/bulk_upsert", "proxy.test:8080", BATCH);
    expect(queued.job_status_url).toMatch(/^http:\/\/proxy\.test:8080\/crm\/sales\/api\/job_statuses\/\d+$/);
    const { running, done } = await finishedJob(plain, String(queued.job_status_url));
    expect((running.job_status as Json).status).toBe("in_progress");
    const job = done.job_status as { status: string; data: { records: Json[] } };
    expect(job.status).toBe("completed_with_errors");
    expect(job.data.records.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(job.data.records[0]).toMatchObject({ identifier: { cf_vp_id: "c_1" }, status: "success", id: expect.any(Number) });
  });

  it("variant: bare job, success/partial words, items only by unique_identifier with string ids, shuffled, url on the emulator", async () => {
    const queued = await postWithHost(variant, "/contacts/bulk_upsert", "proxy.test:8080", BATCH);
    expect(queued.job_status_url).toMatch(new RegExp(`^${variant.url}/crm/sales/api/job_statuses/\\d+$`));
    const { running, done } = await finishedJob(variant, String(queued.job_status_url));
    expect(running.job_status).toBeUndefined();
    expect(running.status).toBe("in_progress");
    expect(done.job_status).toBeUndefined();
    expect(done.status).toBe("partial");
    const items = (done.data as { records: Json[] }).records;
    expect(items).toHaveLength(10);
    for (const item of items) expect(item).not.toHaveProperty("index");
    const sent = BATCH.contacts.map((c) => c.cf_vp_id);
    const listed = items.map((i) => (i.unique_identifier as Json).cf_vp_id);
    expect(listed).not.toEqual(sent);
    expect([...listed].sort()).toEqual([...sent].sort());
    const dump = variant.admin.dump() as { records: { contacts: Array<{ id: number; emails?: string[] }> } };
    const one = items.find((i) => (i.unique_identifier as Json).cf_vp_id === "c_1");
    const held = dump.records.contacts.find((c) => JSON.stringify(c).includes("one@example.com"));
    expect(one).toMatchObject({ status: "success", id: String(held?.id) });
    expect(items.find((i) => (i.unique_identifier as Json).cf_vp_id === "c_3")).toMatchObject({ status: "failed", errors: [expect.stringContaining("cf_visits")] });
  });

  it("variant with bulkResults none: the finished job lists no items at all", async () => {
    const queued = await client(silent)<Json>("POST", "/contacts/bulk_upsert", BATCH);
    const { done } = await finishedJob(silent, String(queued.body.job_status_url));
    expect(done.status).toBe("partial");
    expect(done.data).toEqual({});
    expect(JSON.stringify(done)).not.toContain("c_1");
  });
});
