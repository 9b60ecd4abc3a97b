import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import busboy from "busboy";
import { afterEach, describe, expect, it } from "vitest";
import { sendJson, startTestServer, type TestServer } from "../http/test-server";
import { bulkUpsert } from "./bulk-upsert";
import { MAX_DOCUMENT_BYTES, uploadDocument } from "./documents";
import { FreshsalesFileTooLargeError, FreshsalesStorageQuotaError } from "./errors";
import { testConnection } from "./test-connection";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("bulkUpsert", () => {
  it("sends chunks of 100, polls each job to the end, and reports every item once with partial failures", async () => {
    const jobs = new Map<string, { items: Record<string, unknown>[]; polls: number }>();
    server = await startTestServer((req, res) => {
      if (req.method === "POST" && req.path === "/crm/sales/api/contacts/bulk_upsert") {
        const items = (JSON.parse(req.body.toString()) as { contacts: Record<string, unknown>[] }).contacts;
        if (items.length > 100) return sendJson(res, 400, { errors: { code: 400, message: ["at most 100"] } });
        const id = String(jobs.size + 1);
        jobs.set(id, { items, polls: 0 });
        // An absolute URL on another host: the connector must keep using its own base.
        return sendJson(res, 202, { job_status_url: `https://acme.myfreshworks.com/crm/sales/api/job_statuses/${id}`, message: "queued" });
      }
      const match = /job_statuses\/(\d+)$/.exec(req.path);
      const job = match?.[1] ? jobs.get(match[1]) : undefined;
      if (!job) return sendJson(res, 404, { errors: { code: 404, message: ["no job"] } });
      job.polls++;
      if (job.polls === 1) return sendJson(res, 200, { job_status: { id: 1, status: "in_progress", progress: 40 } });
      const records = job.items
        .map((item, index) => {
          const vpId = String(item.cf_vp_id);
          if (vpId === "c_3") return { index, identifier: { cf_vp_id: vpId }, status: "failed", errors: ["Emails has already been taken"] };
          if (vpId === "c_140") return null; // left out by the job
          return { index, identifier: { cf_vp_id: vpId }, status: "success", action: index % 2 ? "updated" : "created", id: 1000 + index };
        })
        .filter(Boolean);
      sendJson(res, 200, { job_status: { id: 1, status: "completed_with_errors", progress: 100, job_type_name: "bulk_upsert", data: { records } } });
    });
    const items = Array.from({ length: 150 }, (_, i) => ({
      identifier: { cf_vp_id: `c_${i}` },
      fields: { first_name: `N${i}`, cf_vp_id: `c_${i}` },
    }));
    const results = await bulkUpsert(testConnection(server.url), "contact", items, { pollIntervalMs: 1 });

    expect(results).toHaveLength(150);
    expect(results.map((r) => r.index)).toEqual(items.map((_, i) => i));
    expect(results[3]).toMatchObject({ status: "failed", errors: ["Emails has already been taken"], identifier: { cf_vp_id: "c_3" } });
    // Left out by the job: not known to have failed, so the caller looks it up.
    expect(results[140]).toMatchObject({ status: "unknown", id: undefined, identifier: { cf_vp_id: "c_140" } });
    expect(results[140]?.errors[0]).toMatch(/not reported/);
    expect(results[101]).toMatchObject({ status: "success", action: "updated", id: 1001 });
    expect(results.filter((r) => r.status === "success")).toHaveLength(148);
    expect(results.filter((r) => r.status === "failed").map((r) => r.index)).toEqual([3]);

    const posts = server.requests.filter((r) => r.method === "POST");
    expect(posts.map((p) => (JSON.parse(p.body.toString()) as { contacts: unknown[] }).contacts.length)).toEqual([100, 50]);
    expect((JSON.parse(posts[0]?.body.toString() ?? "{}") as { contacts: unknown[] }).contacts[0]).toEqual({
      cf_vp_id: "c_0",
      data: { first_name: "N0", custom_field: { cf_vp_id: "c_0" } },
    });
    expect(server.requests.filter((r) => r.path.includes("job_statuses")).map((r) => r.path)).toEqual([
      "/crm/sales/api/job_statuses/1",
      "/crm/sales/api/job_statuses/1",
      "/crm/sales/api/job_statuses/2",
      "/crm/sales/api/job_statuses/2",
    ]);
  });
});

describe("bulkUpsert against an account reading §2.10 another way", () => {
  it("learns the unique_identifier item shape and a smaller cap from the 400s saying so, then keeps to them", async () => {
    server = await startTestServer((req, res) => {
      if (req.method !== "POST") return sendJson(res, 200, { status: "success", data: { records: [] } });
      const items = (JSON.parse(req.body.toString()) as { contacts: Record<string, unknown>[] }).contacts;
      if (items.length > 2) return sendJson(res, 400, { errors: [{ message: `contacts: at most 2 records per request, got ${items.length}` }] });
      if (items.some((i) => i.unique_identifier === undefined)) return sendJson(res, 400, { errors: [{ field: "contacts[0]", message: "unique_identifier is required" }] });
      return sendJson(res, 202, { job_status_url: "/crm/sales/api/job_statuses/1" });
    });
    const items = Array.from({ length: 5 }, (_, i) => ({ identifier: { cf_vp_id: `c_${i}` }, fields: { first_name: `N${i}` } }));
    const conn = testConnection(server.url);
    const results = await bulkUpsert(conn, "contact", items, { pollIntervalMs: 1 });
    expect(results.map((r) => r.index)).toEqual([0, 1, 2, 3, 4]);
    const posts = server.requests.filter((r) => r.method === "POST").map((r) => (JSON.parse(r.body.toString()) as { contacts: Record<string, unknown>[] }).contacts);
    // 5 refused for the cap; 2 refused for the shape; then 2, 2, 1 in the shape it asked for.
    expect(posts.map((p) => p.length)).toEqual([5, 2, 2, 2, 1]);
    expect(posts.at(-1)?.[0]).toEqual({ unique_identifier: { cf_vp_id: "c_4" }, contact: { first_name: "N4" } });
    // Learned for the account: the next call goes straight to the accepted size and shape.
    await bulkUpsert(conn, "contact", items.slice(0, 2), { pollIntervalMs: 1 });
    const next = server.requests.filter((r) => r.method === "POST").slice(5).map((r) => JSON.parse(r.body.toString()) as { contacts: Record<string, unknown>[] });
    expect(next).toHaveLength(1);
    expect(next[0]?.contacts[0]).toHaveProperty("unique_identifier");
  });

  it("does not retry a 400 that says neither", async () => {
    server = await startTestServer((_req, res) => sendJson(res, 400, { errors: { code: 400, message: ["The type for sales_accounts is invalid."] } }));
    await expect(bulkUpsert(testConnection(server.url), "contact", [{ identifier: { cf_vp_id: "c_1" }, fields: {} }], { pollIntervalMs: 1 })).rejects.toThrow(/type for sales_accounts/);
    expect(server.requests).toHaveLength(1);
  });
});

describe("bulkUpsert when the answer is lost", () => {
  const items = [{ identifier: { cf_vp_id: "c_1" }, fields: { first_name: "A" } }];

  it("calls every item unknown, not failed, when the upsert keeps answering 502 (the job may have run)", async () => {
    server = await startTestServer((_req, res) => sendJson(res, 502, { errors: { code: 502, message: ["Bad Gateway"] } }));
    const [result] = await bulkUpsert(testConnection(server.url), "contact", items, { pollIntervalMs: 1 });
    expect(result).toMatchObject({ status: "unknown", id: undefined });
    expect(result?.errors[0]).toMatch(/got no answer.*502/);
    expect(server.requests.filter((r) => r.method === "POST").length).toBeGreaterThan(1);
  });

  it("calls every item unknown when the job cannot be read (5xx on every poll)", async () => {
    server = await startTestServer((req, res) =>
      req.method === "POST" ? sendJson(res, 202, { job_status_url: "/crm/sales/api/job_statuses/9" }) : sendJson(res, 503, { errors: { code: 503, message: ["busy"] } }),
    );
    const [result] = await bulkUpsert(testConnection(server.url), "contact", items, { pollIntervalMs: 1 });
    expect(result).toMatchObject({ status: "unknown" });
    expect(result?.errors[0]).toMatch(/job_statuses\/9 could not be read/);
  });

  it("keeps a refused item failed, with the id the job gave (the caller then looks for the record)", async () => {
    server = await startTestServer((req, res) =>
      req.method === "POST"
        ? sendJson(res, 202, { job_status_url: "/crm/sales/api/job_statuses/1" })
        : sendJson(res, 200, { status: "failed", data: { records: [{ unique_identifier: { cf_vp_id: "c_1" }, status: "failed", id: "77", errors: ["index error"] }] } }),
    );
    const [result] = await bulkUpsert(testConnection(server.url), "contact", items, { pollIntervalMs: 1 });
    expect(result).toMatchObject({ status: "failed", id: 77, errors: ["index error"] });
  });
});

/** Parses the multipart upload as Freshsales would, hashing the file as it streams in. */
function documentServer(answer: (fields: Record<string, string>, file: { bytes: number; sha256: string; name: string }) => [number, unknown]) {
  return startTestServer(
    (_req, res, raw) =>
      new Promise<void>((resolve) => {
        const fields: Record<string, string> = {};
        const hash = createHash("sha256");
        let bytes = 0;
        let name = "";
        const parser = busboy({ headers: raw.headers });
        parser.on("field", (key, value) => (fields[key] = value));
        parser.on("file", (_key, stream, info) => {
          name = info.filename ?? "";
          stream.on("data", (chunk: Buffer) => {
            bytes += chunk.length;
            hash.update(chunk);
          });
        });
        parser.on("close", () => {
          const [status, body] = answer(fields, { bytes, sha256: hash.digest("hex"), name });
          sendJson(res, status, body);
          resolve();
        });
        raw.pipe(parser);
      }),
    { readBody: false },
  );
}

describe("uploadDocument", () => {
  it("streams the file as multipart with its exact length and reads either answer shape", async () => {
    const content = Buffer.alloc(2 * 1024 * 1024 + 3, 1);
    let seen: { fields: Record<string, string>; file: { bytes: number; sha256: string; name: string } } | undefined;
    let variant = 0;
    server = await documentServer((fields, file) => {
      seen = { fields, file };
      variant++;
      return variant === 1
        ? [200, { id: 55, msg: "uploaded", url: "https://files.example/55" }]
        : [200, { document: { id: 56, name: file.name, content_type: "application/pdf", size: file.bytes, targetable_type: "Deal", targetable_id: 9 } }];
    });
    const conn = testConnection(server.url);
    const input = { size: content.length, fileName: "scan \"1\".pdf", contentType: "application/pdf", targetableType: "Deal" as const, targetableId: 9 };
    const first = await uploadDocument(conn, { ...input, content: Readable.from([content.subarray(0, 1000), content.subarray(1000)]) });
    expect(first).toMatchObject({ id: 55, url: "https://files.example/55" });
    expect(seen?.file).toMatchObject({ bytes: content.length, sha256: createHash("sha256").update(content).digest("hex") });
    expect(seen?.fields).toEqual({ file_name: "scan \"1\".pdf", is_shared: "true", targetable_id: "9", targetable_type: "Deal" });
    const second = await uploadDocument(conn, { ...input, content: () => Readable.from([content]) });
    expect(second).toMatchObject({ id: 56, size: content.length, targetableType: "Deal", targetableId: 9 });
  });

  it("refuses a file over 150 MB before sending anything", async () => {
    server = await documentServer(() => [200, { id: 1 }]);
    const stream = Readable.from([Buffer.alloc(10)]);
    const error = await uploadDocument(testConnection(server.url), {
      content: stream,
      size: MAX_DOCUMENT_BYTES + 1,
      fileName: "huge.mov",
      targetableType: "Contact",
      targetableId: 1,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FreshsalesFileTooLargeError);
    expect(server.requests).toHaveLength(0);
    expect(stream.destroyed).toBe(true);
  });

  it("reports a full storage quota as its own error", async () => {
    server = await documentServer(() => [400, { errors: { code: 400, message: ["Storage quota exceeded for this account"] } }]);
    await expect(
      uploadDocument(testConnection(server.url), { content: Readable.from([Buffer.from("hi")]), size: 2, fileName: "a.txt", targetableType: "Contact", targetableId: 1 }),
    ).rejects.toBeInstanceOf(FreshsalesStorageQuotaError);
  });
});
