import { createHash } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { startFreshsalesEmulator, type FreshsalesEmulator } from "./server";
import type { FreshsalesEmulatorOptions } from "./types";
import { client, errorText } from "./test-client";

const started: FreshsalesEmulator[] = [];
async function start(opts: FreshsalesEmulatorOptions = {}): Promise<FreshsalesEmulator> {
  const emu = await startFreshsalesEmulator({ rateLimit: false, ...opts });
  started.push(emu);
  return emu;
}
afterEach(async () => {
  while (started.length) await started.pop()?.close();
});

async function upload(emu: FreshsalesEmulator, bytes: Uint8Array<ArrayBuffer>, fields: Record<string, string>) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set("file", new Blob([bytes], { type: "application/pdf" }), "scan.pdf");
  const res = await fetch(`${emu.apiBase}/documents`, { method: "POST", headers: { authorization: `Token token=${emu.apiKey}` }, body: form });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { document?: { id: number; size: number; name: string } } };
}

async function contactId(emu: FreshsalesEmulator): Promise<number> {
  return (await client(emu)<{ contact: { id: number } }>("POST", "/contacts", { email: "doc@example.com" })).body.contact.id;
}

describe("documents", () => {
  it("uploads a file against a record, lists it, and deletes it", async () => {
    const emu = await start();
    const id = await contactId(emu);
    const bytes = new Uint8Array(10_000).fill(7);
    const res = await upload(emu, bytes, { file_name: "consent.pdf", is_shared: "true", targetable_type: "Contact", targetable_id: String(id) });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: res.body.document?.id, document: { name: "consent.pdf", size: 10_000, targetable_type: "Contact", targetable_id: id } });
    expect(typeof res.body.url).toBe("string");
    const list = await client(emu)<{ documents: Array<{ id: number }> }>("GET", `/contacts/${id}/document_associations`);
    expect(list.body.documents.map((d) => d.id)).toEqual([res.body.document?.id]);
    const dump = emu.admin.dump() as { documents: Array<{ sha256: string }> };
    expect(dump.documents[0]?.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(emu.stats().storageUsedBytes).toBe(10_000);
    expect((await client(emu)("DELETE", `/documents/${res.body.document?.id}`)).status).toBe(204);
    expect(emu.stats().storageUsedBytes).toBe(0);
    expect((await client(emu)("DELETE", `/documents/${res.body.document?.id}`)).status).toBe(404);
  });

  it("answers 413 above the per-file limit", async () => {
    const emu = await start({ maxFileBytes: 4096 });
    const id = await contactId(emu);
    const res = await upload(emu, new Uint8Array(5000), { targetable_type: "Contact", targetable_id: String(id) });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ errors: { code: 413 } });
    expect(emu.stats().storageUsedBytes).toBe(0);
  });

  it("answers 400 when the storage quota is exceeded, and free plans have none", async () => {
    const emu = await start({ storageQuotaBytes: 15_000 });
    const id = await contactId(emu);
    const fields = { targetable_type: "Contact", targetable_id: String(id) };
    expect((await upload(emu, new Uint8Array(10_000), fields)).status).toBe(200);
    const over = await upload(emu, new Uint8Array(10_000), fields);
    expect(over.status).toBe(400);
    expect(errorText(over.body)).toMatch(/storage quota/i);
    const free = await start({ plan: "free" });
    const fid = await contactId(free);
    const none = await upload(free, new Uint8Array(10), { targetable_type: "Contact", targetable_id: String(fid) });
    expect(none.status).toBe(400);
    expect(errorText(none.body)).toMatch(/storage quota/i);
  });

  it("rejects unknown targets and non-multipart bodies", async () => {
    const emu = await start();
    const bad = await upload(emu, new Uint8Array(10), { targetable_type: "Contact", targetable_id: "42" });
    expect(bad.status).toBe(400);
    expect(errorText(bad.body)).toContain("targetable_id");
    const badType = await upload(emu, new Uint8Array(10), { targetable_type: "Lead", targetable_id: "42" });
    expect(errorText(badType.body)).toContain("targetable_type");
    const json = await client(emu)("POST", "/documents", { file: "x" });
    expect(json.status).toBe(400);
  });
});
