import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VpRecord } from "../generator/json";
import { startVisualPracticeServer, type VisualPracticeServer } from "./server";
import { expectOrdered, get, type ListBody, listAll } from "./test-client";

let server: VisualPracticeServer;

beforeAll(async () => {
  server = await startVisualPracticeServer({ seed: 11, total: 3000, ratePerSecond: false, dirtyRates: { soft_deleted: 0.05 } });
});
afterAll(async () => {
  await server.close();
});

describe("Visual Practice sandbox: lists", () => {
  it("pages cover every live record exactly once, in updated_at then id order", async () => {
    const ds = server.dataset;
    const { records, pages } = await listAll(server, "contacts", "", 37);
    const expected = Array.from({ length: ds.count("contacts") }, (_, i) => i)
      .filter((i) => ds.caseOf("contacts", i) !== "soft_deleted")
      .map((i) => ds.idOf("contacts", i));
    expect(records.map((r) => r.id)).toEqual(expected);
    expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
    expect(expectOrdered(records)).toBe(true);
    expect(pages[0]?.meta).toEqual({ page: 1, per_page: 37, total: expected.length, total_pages: Math.ceil(expected.length / 37) });
    expect(pages.slice(0, -1).every((p) => p.data.length === 37)).toBe(true);
    expect(records.every((r) => r.deleted_at === null)).toBe(true);
  });

  it("include_deleted adds the soft-deleted records, which carry deleted_at", async () => {
    const live = await listAll(server, "deals");
    const all = await listAll(server, "deals", "&include_deleted=true");
    const deleted = all.records.filter((r) => r.deleted_at !== null);
    expect(deleted.length).toBeGreaterThan(0);
    expect(all.records.length).toBe(live.records.length + deleted.length);
    expect(all.records.length).toBe(server.dataset.count("deals"));
    expect(deleted.every((r) => typeof r.deleted_at === "string" && !Number.isNaN(Date.parse(r.deleted_at)))).toBe(true);
    expect(expectOrdered(all.records)).toBe(true);
  });

  it("updated_since returns exactly the records updated at or after it", async () => {
    const { records } = await listAll(server, "activities", "&include_deleted=true");
    const pivot = records[Math.floor(records.length * 0.7)] as VpRecord;
    const since = await listAll(server, "activities", `&include_deleted=true&updated_since=${encodeURIComponent(pivot.updated_at)}`);
    const expected = records.filter((r) => r.updated_at >= pivot.updated_at).map((r) => r.id);
    expect(since.records.map((r) => r.id)).toEqual(expected);
    // An offset form of the same instant selects the same records.
    const shifted = new Date(Date.parse(pivot.updated_at)).toISOString().replace("Z", "+00:00");
    const again = await listAll(server, "activities", `&include_deleted=true&updated_since=${encodeURIComponent(shifted)}`);
    expect(again.records.length).toBe(expected.length);
  });

  it("filters activities by type and answers a page past the end with no data", async () => {
    const meetings = await listAll(server, "activities", "&type=meeting");
    expect(meetings.records.length).toBeGreaterThan(0);
    expect(meetings.records.every((r) => r.type === "meeting" && Array.isArray(r.attendees) && typeof r.start_at === "string")).toBe(true);
    const all = await listAll(server, "activities");
    expect(meetings.records.length).toBe(all.records.filter((r) => r.type === "meeting").length);
    const past = (await (await get(server, "/activities?page=999")).json()) as ListBody;
    expect(past.data).toEqual([]);
    expect(past.meta.total).toBe(all.records.length);
  });

  it("serves single records and the small collections", async () => {
    const first = (await (await get(server, "/contacts?per_page=1")).json()) as ListBody;
    const one = first.data[0] as VpRecord;
    const single = (await (await get(server, `/contacts/${one.id}`)).json()) as { data: VpRecord };
    expect(single.data).toEqual(one);
    const catalogue = await listAll(server, "custom-properties");
    expect(catalogue.records.map((p) => p.key)).toContain("health_card_number");
    const pipelines = await listAll(server, "pipelines");
    expect(pipelines.records.map((p) => p.name)).toEqual(["Patient intake", "Referrals", "Corporate wellness"]);
    expect((await listAll(server, "workflows")).records.every((w) => Array.isArray(w.actions))).toBe(true);
    const users = await listAll(server, "users");
    expect(users.records.some((u) => u.active === false)).toBe(true);
  });

  it("moves a mutated record to its new updated_at position and shows it in updated_since", async () => {
    const before = await listAll(server, "contacts");
    const target = before.records[3] as VpRecord;
    const watermark = new Date(Date.now() - 1000).toISOString();
    const updated = server.update("contacts", target.id, { job_title: "Head of Physiotherapy" });
    expect(Date.parse(updated.updated_at)).toBeGreaterThan(Date.parse(target.updated_at));
    const created = server.create("contacts", { first_name: "New", last_name: "Patient", email: "new.patient@example.com", company_id: null });
    const delta = await listAll(server, "contacts", `&updated_since=${encodeURIComponent(watermark)}`);
    expect(delta.records.map((r) => r.id)).toEqual([target.id, created.id]);
    expect(delta.records[0]?.job_title).toBe("Head of Physiotherapy");
    const after = await listAll(server, "contacts", "", 41);
    expect(after.records.length).toBe(before.records.length + 1);
    expect(new Set(after.records.map((r) => r.id)).size).toBe(after.records.length);
    expect(after.records.slice(-2).map((r) => r.id)).toEqual([target.id, created.id]);
    expect(expectOrdered(after.records)).toBe(true);

    const gone = after.records[10] as VpRecord;
    const res = await fetch(`${server.url}/_sandbox/delete`, { method: "POST", body: JSON.stringify({ collection: "contacts", id: gone.id }) });
    expect(res.status).toBe(200);
    const live = await listAll(server, "contacts", "", 41);
    expect(live.records.map((r) => r.id)).not.toContain(gone.id);
    const withDeleted = await listAll(server, "contacts", `&include_deleted=true&updated_since=${encodeURIComponent(watermark)}`);
    expect(withDeleted.records.find((r) => r.id === gone.id)?.deleted_at).toEqual(expect.any(String));
    const fetched = (await (await get(server, `/contacts/${gone.id}`)).json()) as { data: VpRecord };
    expect(fetched.data.deleted_at).not.toBeNull();
  });
});
