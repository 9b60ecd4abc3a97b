import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { sendJson, startTestServer, type TestHandler, type TestServer } from "../http/test-server";
import { VisualPracticeClient } from "./client";
import { copyAttachmentToStore } from "./copy-attachment";
import { VpMalformedPageError, VpUnauthorizedError } from "./errors";
import { LocalFolderFileStore } from "./file-store";

const TOKEN = "vp-test-token";
let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

function contacts(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    id: `c_${i + 1}`,
    first_name: `First ${i + 1}`,
    created_at: "2024-03-05T14:22:09Z",
    updated_at: "2024-03-05T14:22:09Z",
  }));
}

/** A collection server; `fault(page, attempt)` may answer instead of the normal page. */
function collectionHandler(records: unknown[], fault?: (page: number, attempt: number, res: Parameters<TestHandler>[1]) => boolean): TestHandler {
  const attempts = new Map<number, number>();
  return async (req, res) => {
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return sendJson(res, 401, { error: { code: "unauthorized", message: "bad token" } });
    const page = Number(req.query.get("page") ?? 1);
    const perPage = Number(req.query.get("per_page") ?? 50);
    const attempt = (attempts.get(page) ?? 0) + 1;
    attempts.set(page, attempt);
    if (fault?.(page, attempt, res)) return;
    await new Promise((r) => setTimeout(r, 5));
    sendJson(
      res,
      200,
      { data: records.slice((page - 1) * perPage, page * perPage), meta: { page, per_page: perPage, total: records.length, total_pages: Math.ceil(records.length / perPage) } },
      { "x-ratelimit-limit": "100", "x-ratelimit-remaining": "99", "x-ratelimit-reset": "1" },
    );
  };
}

function client(options: Partial<ConstructorParameters<typeof VisualPracticeClient>[0]> = {}) {
  if (!server) throw new Error("server not started");
  return new VisualPracticeClient({
    baseUrl: `${server.url}/api/v1/`,
    token: TOKEN,
    timeoutMs: 300,
    maxConcurrency: 4,
    retry: { minBackoffMs: 5, maxBackoffMs: 50 },
    ...options,
  });
}

async function collect(vp: VisualPracticeClient, perPage = 20) {
  const ids: string[] = [];
  const failed: VpMalformedPageError[] = [];
  const pages: number[] = [];
  for await (const outcome of vp.iteratePages("contacts", { perPage })) {
    pages.push(outcome.page);
    if (outcome.ok) ids.push(...outcome.records.map((r) => r.id));
    else if (outcome.error instanceof VpMalformedPageError) failed.push(outcome.error);
  }
  return { ids, failed, pages };
}

describe("VisualPracticeClient pagination", () => {
  it("fetches pages in parallel and yields every record exactly once, in page order", async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const base = collectionHandler(contacts(437));
    server = await startTestServer(async (req, res, raw) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await base(req, res, raw);
      inFlight--;
    });
    const { ids, pages } = await collect(client());
    expect(ids).toHaveLength(437);
    expect(new Set(ids).size).toBe(437);
    expect(pages).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
    expect(maxInFlight).toBeGreaterThan(1);
    expect(server.requests[0]?.path).toBe("/api/v1/contacts");
  });

  it("waits out a 429 once, for the Retry-After the server gave, then retries", async () => {
    server = await startTestServer(
      collectionHandler(contacts(100), (page, attempt, res) => {
        if (page !== 2 || attempt !== 1) return false;
        sendJson(res, 429, { error: { code: "rate_limited", message: "slow down" } }, { "retry-after": "1" });
        return true;
      }),
    );
    const started = Date.now();
    const { ids } = await collect(client());
    expect(new Set(ids).size).toBe(100);
    expect(server.requests.filter((r) => r.query.get("page") === "2")).toHaveLength(2);
    // The retry honoured Retry-After (1 s) rather than the 5 ms backoff.
    expect(Date.now() - started).toBeGreaterThanOrEqual(990);
  });

  it("retries 5xx answers, hung requests and reset connections", async () => {
    server = await startTestServer(
      collectionHandler(contacts(100), (page, attempt, res) => {
        if (attempt > 1) return false;
        if (page === 1) return sendJson(res, 503, { error: { code: "unavailable" } }), true;
        if (page === 2) return true; // never answered: the client must time out
        if (page === 3) return res.socket?.destroy(), true;
        if (page === 4) return sendJson(res, 500, "oops"), true;
        return false;
      }),
    );
    const { ids, failed } = await collect(client({ timeoutMs: 150 }));
    expect(failed).toEqual([]);
    expect(ids.sort()).toEqual(contacts(100).map((c) => c.id).sort());
    for (const page of ["1", "2", "3", "4"]) {
      expect(server.requests.filter((r) => r.query.get("page") === page).length).toBe(2);
    }
  });

  it("reports a malformed page with its collection and page number, after a few retries, and goes on", async () => {
    server = await startTestServer(
      collectionHandler(contacts(100), (page, _attempt, res) => {
        if (page === 3) return res.writeHead(200, { "content-type": "application/json" }).end("{\"data\": [tru"), true;
        if (page === 4) return sendJson(res, 200, { items: [] }), true;
        return false;
      }),
    );
    const { ids, failed } = await collect(client());
    expect(failed.map((e) => [e.collection, e.page])).toEqual([
      ["contacts", 3],
      ["contacts", 4],
    ]);
    expect(failed[0]?.message).toMatch(/page 3 of contacts/);
    expect(ids).toHaveLength(60);
    // One try plus the policy's two re-fetches, then it gives up on the page.
    expect(server.requests.filter((r) => r.query.get("page") === "3")).toHaveLength(3);
  });

  it("throws a typed error for a refused token instead of retrying", async () => {
    server = await startTestServer(collectionHandler(contacts(10)));
    const vp = client({ token: "wrong" });
    await expect(collect(vp)).rejects.toBeInstanceOf(VpUnauthorizedError);
    expect(server.requests).toHaveLength(1);
  });
});

describe("VisualPracticeClient single calls", () => {
  it("tests the connection with one call and reports the user count", async () => {
    server = await startTestServer(collectionHandler(contacts(7)));
    const result = await client().testConnection();
    expect(result.userCount).toBe(7);
    expect(result.rateLimitPerWindow).toBe(100);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.path).toBe("/api/v1/users");
  });

  it("returns null for a missing record and the parsed record otherwise", async () => {
    server = await startTestServer((req, res) => {
      if (req.path.endsWith("/deals/d_1")) return sendJson(res, 200, { data: { id: "d_1", name: "Big", amount: "1250.005", contact_ids: ["c_1"] } });
      sendJson(res, 404, { error: { code: "not_found", message: "no such deal" } });
    });
    const vp = client();
    expect(await vp.getRecord("deals", "d_404")).toBeNull();
    const found = await vp.getRecord("deals", "d_1");
    expect(found?.record).toMatchObject({ id: "d_1", name: "Big", amount: "1250.005", contact_ids: ["c_1"] });
    expect(found?.problems).toEqual([]);
  });

  it("streams an attachment into the file store with its size and sha256", async () => {
    const bytes = Buffer.alloc(3 * 1024 * 1024 + 17, 7);
    bytes.write("header", 0);
    server = await startTestServer((req, res) => {
      if (req.path !== "/api/v1/attachments/a_1/content") return sendJson(res, 404, {});
      res.writeHead(200, { "content-type": "application/pdf", "content-length": bytes.length });
      // Written in chunks so the client sees a stream, not one buffer.
      for (let offset = 0; offset < bytes.length; offset += 65536) res.write(bytes.subarray(offset, offset + 65536));
      res.end();
    });
    const dir = await mkdtemp(path.join(tmpdir(), "vp-store-"));
    try {
      const store = new LocalFolderFileStore(dir);
      const stored = await copyAttachmentToStore(client(), "a_1", store, "mig_1/attachments/a_1");
      expect(stored).toEqual({ bytes: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex"), contentType: "application/pdf" });
      const chunks: Buffer[] = [];
      for await (const chunk of await store.get("mig_1/attachments/a_1")) chunks.push(chunk as Buffer);
      expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
      await expect(store.put("../escape", (await client().openAttachment("a_1")).stream)).rejects.toThrow(/invalid file store key/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
