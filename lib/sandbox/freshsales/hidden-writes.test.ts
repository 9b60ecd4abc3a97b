import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFreshsalesEmulator, type FreshsalesEmulator } from "./server";
import { client } from "./test-client";

/**
 * `bulkFailedWithId` and `writeAnswered502` (profile.ts `hiddenWrites`): the write happens, the
 * answer says otherwise. Shown on the wire with every write hidden (fraction 1).
 */
type Json = Record<string, unknown>;
let failing: FreshsalesEmulator;
let lost: FreshsalesEmulator;

beforeAll(async () => {
  failing = await startFreshsalesEmulator({ profile: "variant", rateLimit: false, bulkJobDelayMs: 5, bulkFailedWithId: 1 });
  lost = await startFreshsalesEmulator({ rateLimit: false, bulkJobDelayMs: 5, writeAnswered502: 1 });
  for (const e of [failing, lost]) e.admin.addField({ entity: "contacts", label: "VP id", type: "text", name: "cf_vp_id", unique: true });
});
afterAll(async () => {
  await Promise.all([failing?.close(), lost?.close()]);
});

const held = (emu: FreshsalesEmulator) => (emu.admin.dump() as { records: { contacts: { id: number; custom_field: Json }[] } }).records.contacts;

describe("writes hidden by their answer", () => {
  it("bulkFailedWithId: the item is reported failed, with an error and the id of the record it made", async () => {
    const call = client(failing);
    const queued = await call<Json>("POST", "/contacts/bulk_upsert", { contacts: [{ cf_vp_id: "c_1", data: { emails: "one@example.com" } }] });
    const path = new URL(String(queued.body.job_status_url)).pathname.replace("/crm/sales/api", "");
    let job: Json = {};
    for (let i = 0; i < 100 && job.status !== "partial" && job.status !== "failed"; i++) {
      await new Promise((r) => setTimeout(r, 10));
      job = (await call<Json>("GET", path)).body;
    }
    const [item] = (job.data as { records: Json[] }).records;
    const [record] = held(failing);
    expect(job.status).toBe("failed");
    expect(item).toMatchObject({ unique_identifier: { cf_vp_id: "c_1" }, status: "failed", id: String(record?.id), errors: [expect.any(String)] });
    expect(record?.custom_field.cf_vp_id).toBe("c_1");
    expect(failing.stats().hiddenWrites.bulkFailedWithId).toBe(1);
  });

  it("writeAnswered502: a create is answered 502 and still made; searches are never hidden", async () => {
    const call = client(lost);
    const created = await call<Json>("POST", "/contacts", { contact: { emails: "two@example.com", custom_field: { cf_vp_id: "c_2" } } });
    expect(created.status).toBe(502);
    expect(held(lost).map((c) => c.custom_field.cf_vp_id)).toEqual(["c_2"]);
    const search = await call<{ contacts: Json[] }>("POST", "/filtered_search/contact", { filter_rule: [{ attribute: "cf_vp_id", operator: "is_in", value: ["c_2"] }] });
    expect(search.status).toBe(200);
    expect(search.body.contacts).toHaveLength(1);
    expect(lost.stats().hiddenWrites.writeAnswered502).toBe(1);
  });

  it("refuses a fraction outside 0..1", async () => {
    await expect(startFreshsalesEmulator({ writeAnswered502: 2 })).rejects.toThrow(/writeAnswered502/);
  });
});
