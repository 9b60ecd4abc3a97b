import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFreshsalesEmulator, type FreshsalesEmulator } from "@/lib/sandbox/freshsales/server";
import { SandboxClock } from "@/lib/sandbox/shared/clock";
import { createNote, createTask, hasMarker, listRecordNotes } from "./activities";
import { MemoryBudgetStore } from "./budget-store";
import { bulkUpsert } from "./bulk-upsert";
import { FreshsalesConnection } from "./connection";
import { deleteDocument, listDocumentAssociations, uploadDocument } from "./documents";
import { FreshsalesValidationError } from "./errors";
import { lookup, countView, listViews } from "./lookups";
import { discoverMetadata, testConnection } from "./metadata";
import { RateGovernor } from "./rate-governor";
import { deleteRecord, getRecord, upsertRecord } from "./record-writes";

// Integration against the project's Freshsales emulator (written independently from the same
// docs): a disagreement here is a misreading of the API on one side or the other.
const SCALE = 720;
let emulator: FreshsalesEmulator;
let conn: FreshsalesConnection;
let governor: RateGovernor;

beforeAll(async () => {
  emulator = await startFreshsalesEmulator({ plan: "growth", clock: new SandboxClock(SCALE), bulkJobDelayMs: 5 });
  emulator.admin.addField({ entity: "contacts", label: "VP id", name: "cf_vp_id", type: "text", unique: true });
  emulator.admin.addField({ entity: "contacts", label: "Allergies", name: "cf_allergies", type: "multi_select_dropdown", choices: ["Latex", "Penicillin"] } as Parameters<FreshsalesEmulator["admin"]["addField"]>[0]);
  governor = new RateGovernor({ accountKey: "sandbox", store: new MemoryBudgetStore(), plan: "growth", clockScale: SCALE });
  conn = new FreshsalesConnection({ baseUrl: emulator.apiBase, apiKey: emulator.apiKey, governor, timeoutMs: 5_000, retry: { minBackoffMs: 20 } });
});

afterAll(async () => {
  conn.close();
  await emulator.close();
});

describe("Freshsales connector against the sandbox emulator", () => {
  it("connects and discovers fields, pipelines, owners and selectors", async () => {
    expect((await testConnection(conn)).ownerCount).toBeGreaterThan(0);
    const meta = await discoverMetadata(conn);
    const vpId = meta.fields.contact.find((f) => f.name === "cf_vp_id");
    expect(vpId).toMatchObject({ custom: true, unique: true, type: "text" });
    expect(meta.fields.contact.find((f) => f.name === "cf_allergies")).toMatchObject({ type: "multiselect", choices: [{ value: "Latex" }, { value: "Penicillin" }] });
    expect(meta.pipelines.length).toBeGreaterThan(0);
    expect(meta.pipelines[0]?.stages.length).toBeGreaterThan(0);
    expect(meta.owners[0]?.email).toMatch(/@/);
  });

  it("upserts by the source-id field without duplicating, and finds the record by lookup", async () => {
    const first = await upsertRecord(conn, "contact", { cf_vp_id: "c_1" }, { first_name: "Ada", last_name: "Lovelace", emails: "ada@example.com", cf_vp_id: "c_1" });
    const again = await upsertRecord(conn, "contact", { cf_vp_id: "c_1" }, { first_name: "Ada", last_name: "King", emails: "ada@example.com", cf_vp_id: "c_1" });
    expect(again.record.id).toBe(first.record.id);
    expect(again.created).toBe(false);
    const found = await lookup(conn, { value: "c_1", field: "cf_vp_id", entities: ["contact"] });
    expect(found.contact.map((r) => r.id)).toEqual([first.record.id]);
    expect((await getRecord(conn, "contact", first.record.id))?.fields).toMatchObject({ last_name: "King", cf_vp_id: "c_1" });
  });

  it("bulk upserts with per-record results, including a rejected record", async () => {
    const items = Array.from({ length: 120 }, (_, i) => ({
      identifier: { cf_vp_id: `b_${i}` },
      fields: { first_name: `B${i}`, last_name: "Bulk", emails: i === 7 ? "not-an-email" : `b${i}@example.com`, cf_vp_id: `b_${i}` },
    }));
    const results = await bulkUpsert(conn, "contact", items, { pollIntervalMs: 20 });
    expect(results).toHaveLength(120);
    expect(results[7]?.status).toBe("failed");
    expect(results[7]?.errors.join(" ")).toMatch(/email/i);
    expect(results.filter((r) => r.status === "success" && typeof r.id === "number")).toHaveLength(119);
  });

  it("writes notes and tasks that can be found again by their marker, and uploads documents", async () => {
    const { record } = await upsertRecord(conn, "contact", { cf_vp_id: "c_2" }, { first_name: "Grace", last_name: "Hopper", emails: "grace@example.com", cf_vp_id: "c_2" });
    await createNote(conn, { description: "Allergic to latex [vp:act_9]", targetableType: "Contact", targetableId: record.id });
    const task = await createTask(conn, { title: "Call back [vp:act_10]", dueDate: "2030-01-01T10:00:00Z", targetableType: "Contact", targetableId: record.id });
    expect(task.id).toBeGreaterThan(0);
    const notes = await listRecordNotes(conn, "contact", record.id);
    expect(notes.some((n) => hasMarker(n, "[vp:act_9]"))).toBe(true);

    const bytes = Buffer.from("%PDF-1.4 sandbox");
    const doc = await uploadDocument(conn, { content: () => Readable.from([bytes]), size: bytes.length, fileName: "x-ray.pdf", contentType: "application/pdf", targetableType: "Contact", targetableId: record.id });
    expect((await listDocumentAssociations(conn, "contact", record.id)).map((d) => d.id)).toContain(doc.id);
    expect(await deleteDocument(conn, doc.id)).toBe(true);
    expect(await deleteRecord(conn, "contact", record.id)).toBe(true);
    expect(await deleteRecord(conn, "contact", record.id)).toBe(false);
  });

  it("counts a view for reconciliation and rejects invalid writes with field messages", async () => {
    const views = await listViews(conn, "contact");
    const all = views.find((v) => /all/i.test(v.name)) ?? views[0];
    expect(all).toBeDefined();
    expect(await countView(conn, "contact", all?.id ?? 0)).toBeGreaterThanOrEqual(120);
    const error = await upsertRecord(conn, "contact", { cf_vp_id: "c_bad" }, { emails: "nope", cf_vp_id: "c_bad" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FreshsalesValidationError);
    expect((error as FreshsalesValidationError).messages.length).toBeGreaterThan(0);
  });

  it("stays inside the emulator's rate limits under parallel callers", async () => {
    await Promise.all(Array.from({ length: 6 }, async () => {
      for (let i = 0; i < 40; i++) await getRecord(conn, "contact", 999_999);
    }));
    const stats = emulator.stats();
    expect(stats.rateLimited).toBe(0);
    expect(stats.maxCallsInHourWindow).toBeLessThanOrEqual(stats.hourLimit);
  });
});
